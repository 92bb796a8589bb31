"""The drone example planned to the program's 80 % and checked as a buyer would.

`surgeplan run` plans to `program.confidence` (the search judges its plans on seed
11), then simulates the plan with seed 7: runs the search never saw. Every key
milestone must hold at least 78 % there, and the console, report.html, brief.html and
risk.json must tell the same story: the same odds, the same recommendation, the same
bottleneck.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from surgeplan.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
DRONE = ROOT / "examples" / "uav-surge.yaml"
OUT_OF_SAMPLE_FLOOR = 0.78

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("drone-run")
    done = subprocess.run(
        [sys.executable, "-m", "surgeplan.cli", "run", str(DRONE), "--out", str(out)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    return out, done.stdout


def page_text(path: Path) -> str:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for hidden in soup(["script", "style"]):
        hidden.decompose()
    return " ".join(soup.get_text(" ").split())


def test_every_key_milestone_holds_the_target_on_runs_the_search_never_saw(
    run: tuple[Path, str],
) -> None:
    out, _ = run
    plan = json.loads((out / "plan.json").read_text())
    risk = json.loads((out / "risk.json").read_text())
    key_ids = [m.id for m in load_scenario(DRONE).key_milestones()]

    assert plan["confidence"]["target"] == 0.8
    assert plan["confidence"]["is_reached"]
    assert plan["confidence"]["seed"] != risk["seed"]
    odds = {m["id"]: m["probability_on_time"] for m in risk["milestones"]}
    assert sorted(risk["key_milestones"]) == sorted(key_ids)
    for milestone_id in key_ids:
        assert odds[milestone_id] >= OUT_OF_SAMPLE_FLOOR, milestone_id


def test_console_report_and_brief_tell_one_story(run: tuple[Path, str]) -> None:
    out, console = run
    risk = json.loads((out / "risk.json").read_text())
    plan = json.loads((out / "plan.json").read_text())
    odds = {m["id"]: m["probability_on_time"] for m in risk["milestones"]}
    brief = page_text(out / "brief.html")
    report = page_text(out / "report.html")

    for milestone_id in risk["key_milestones"]:
        # The console prints one decimal; the documents whole percents.
        assert f"{milestone_id}: {100 * odds[milestone_id]:.1f} % on time" in console
        shown = f"{100 * odds[milestone_id]:.0f} %"
        assert re.search(rf"{re.escape(milestone_id)} .*?{shown}", brief)
        assert re.search(rf"{re.escape(milestone_id)} .*?{shown}", report)
    key = len(risk["key_milestones"])
    for page in (brief, report):
        assert "Recommendation: Go " in page or page.endswith("Recommendation: Go")
        assert f"{key} of {key} key milestones on time in at least 80 %" in page
        assert "Planned to 80 % confidence (reached)" in page
    tightest = max(plan["bottlenecks"], key=lambda b: abs(b["shadow_price"]))
    assert f"Bottleneck: {tightest['kind']}" in brief
    assert tightest["resource"] in brief.split("Bottleneck:")[1][:200]
    sentence = brief.split("Bottleneck:")[1].split(".")[0]
    assert sentence == report.split("Bottleneck:")[1].split(".")[0]
