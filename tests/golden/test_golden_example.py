"""The drone example's key figures are those in tests/golden/uav-surge.json.

A failure means a change moved a result: explain it, then run
`tests/golden/regenerate.py` in a commit of its own.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from golden_figures import (
    EXAMPLE,
    GOLDEN_FILE,
    Figures,
    golden_text,
    key_figures,
    read_golden,
    run_example,
)
from rich.console import Console

from surgeplan.cli.plan_summary import render_plan_summary
from surgeplan.planning import load_plan
from surgeplan.scenario import load_scenario

pytestmark = pytest.mark.slow

REGENERATE = "tests/golden/regenerate.py"


@pytest.fixture(scope="module")
def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One `surgeplan run` of the example (about 30 s) for every test of this module."""
    folder = tmp_path_factory.mktemp("uav-surge") / "run"
    run_example(folder)
    return folder


@pytest.fixture(scope="module")
def figures(run_folder: Path) -> Figures:
    return key_figures(run_folder)


@pytest.fixture(scope="module")
def golden() -> Figures:
    return read_golden()


def test_the_plan_costs_delivers_and_meets_milestones_as_recorded(
    figures: Figures, golden: Figures
) -> None:
    assert figures["plan"] == golden["plan"], f"plan figures moved: see {REGENERATE}"


def test_the_confidence_record_has_the_recorded_target_and_odds(
    figures: Figures, golden: Figures
) -> None:
    assert figures["confidence"] == golden["confidence"], (
        f"confidence figures moved: see {REGENERATE}"
    )


def test_each_key_milestone_has_the_recorded_odds_and_dates(
    figures: Figures, golden: Figures
) -> None:
    assert figures["risk"] == golden["risk"], f"risk figures moved: see {REGENERATE}"


def test_the_business_case_has_the_recorded_npv(
    figures: Figures, golden: Figures
) -> None:
    assert figures["business_case"] == golden["business_case"], (
        f"business case moved: see {REGENERATE}"
    )


def test_the_golden_file_is_exactly_what_regenerate_writes(golden: Figures) -> None:
    # Hand edits would hide which figures a regeneration moved.
    assert GOLDEN_FILE.read_text("utf-8") == golden_text(golden)


def test_the_golden_file_names_the_example_figures_the_brief_asks_for(
    golden: Figures,
) -> None:
    assert set(golden) == {"plan", "confidence", "risk", "business_case"}
    assert set(golden["risk"]) == {"test-units", "abroad-month-24", "fr-month-24"}
    assert set(golden["plan"]["met_date_by_milestone"]) >= set(golden["risk"])


BOTTLENECK = re.compile(r"Bottleneck: (.+?), binding from")


def named_bottleneck(text: str) -> str:
    found = BOTTLENECK.search(" ".join(text.split()))
    assert found is not None, "no bottleneck named"
    return found.group(1)


def test_the_runs_summary_report_and_brief_name_the_golden_bottleneck(
    run_folder: Path, golden: Figures
) -> None:
    # The summary `surgeplan plan` prints, from the run's own plan.json.
    console = Console(record=True, width=200, color_system=None)
    render_plan_summary(
        load_scenario(EXAMPLE), load_plan(run_folder / "plan.json"), console
    )
    summary = named_bottleneck(console.export_text())
    report = named_bottleneck((run_folder / "report.html").read_text("utf-8"))
    brief = named_bottleneck((run_folder / "brief.html").read_text("utf-8"))

    assert summary == report == brief
    # The avionics partner, as tests/golden/uav-surge.json records it.
    assert golden["plan"]["tightest_bottleneck"]["resource"] == "avionics-partner"
    assert "avionics" in summary.lower()
