import json
from collections import defaultdict
from itertools import accumulate
from pathlib import Path

import pytest
from page_reading import figures_of, read, soup_of
from tools import pdf_text
from typer.testing import CliRunner, Result

from surgeplan.cli import main as cli_main
from surgeplan.planning.results.plan import load_plan
from surgeplan.reporting.formatting import money

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "examples" / "minimal.yaml"
VARIANTS = sorted((ROOT / "examples" / "variants").glob("*.yaml"))

pytestmark = pytest.mark.slow


def surgeplan(*args: object) -> Result:
    return CliRunner().invoke(cli_main.app, [str(arg) for arg in args])


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`surgeplan plan`, then `surgeplan report`, on the minimal example."""
    out = tmp_path_factory.mktemp("report")
    for command in ("plan", "report"):
        result = surgeplan(command, MINIMAL, "--out", out)
        assert result.exit_code == 0, result.output
    return out


def test_report_reads_the_run_folder_and_writes_its_files(planned: Path) -> None:
    names = {path.name for path in planned.iterdir()}

    assert {"report.html", "plan.json", "plan.xlsx", "business-case.json"} <= names


def test_report_without_a_plan_names_the_command_that_makes_one(tmp_path: Path) -> None:
    result = surgeplan("report", MINIMAL, "--out", tmp_path)

    assert result.exit_code == 2
    assert f"make it with `surgeplan plan {MINIMAL} --out {tmp_path}`" in (
        result.output
    )
    assert not (tmp_path / "plan.json").exists()


def test_report_charts_hold_the_real_plans_numbers(planned: Path) -> None:
    plan = load_plan(planned / "plan.json")
    figures = figures_of(read(planned / "report.html"))

    by_bucket: defaultdict[int, float] = defaultdict(float)
    for delivery in plan.deliveries:
        by_bucket[delivery.bucket] += delivery.units
    (line,) = [t for t in figures["deliveries"]["data"] if t["mode"] == "lines"]
    assert line["y"] == pytest.approx(
        list(accumulate(by_bucket[b.index] for b in plan.buckets)), abs=1e-6
    )
    (heatmap,) = figures["utilisation"]["data"]
    assert heatmap["z"][0] == pytest.approx(
        [c.utilisation for c in sorted(plan.capacity, key=lambda c: c.bucket)],
        abs=1e-6,
    )
    (costs,) = figures["costs"]["data"]
    assert sum(costs["x"]) == pytest.approx(plan.total_cost_eur, abs=0.05)


def test_brief_from_a_saved_plan_shows_the_key_figures(planned: Path) -> None:
    result = surgeplan(
        "brief", MINIMAL, "--plan", planned / "plan.json", "--out", planned
    )

    assert result.exit_code == 0, result.output
    case = json.loads(read(planned / "business-case.json"))
    words = pdf_text(planned / "brief.pdf").split()
    text = " ".join(words)
    assert money(case["npv_eur"], "EUR") in text
    assert "500" in words
    assert "25 Jun 2027" in text


def test_a_plan_of_another_scenario_is_refused(planned: Path, tmp_path: Path) -> None:
    changed = tmp_path / "changed.yaml"
    changed.write_text(
        read(MINIMAL).replace("hours_per_unit: 4", "hours_per_unit: 5"),
        encoding="utf-8",
    )

    result = surgeplan(
        "report", changed, "--plan", planned / "plan.json", "--out", tmp_path
    )

    assert result.exit_code == 2
    assert "was made from another version of" in result.output
    assert "make a matching one with `surgeplan plan" in result.output


def test_a_risk_file_that_is_not_a_risk_result_is_refused(
    planned: Path, tmp_path: Path
) -> None:
    result = surgeplan(
        "report",
        MINIMAL,
        "--plan",
        planned / "plan.json",
        "--risk",
        planned / "plan.json",
        "--out",
        tmp_path,
    )

    assert result.exit_code == 2
    assert "not a surgeplan risk result" in result.output


def test_compare_on_the_shipped_variants_writes_table_and_chart(tmp_path: Path) -> None:
    # A generous limit: a planner stopped before its first solution reports the
    # scenario as contradictory.
    result = surgeplan("compare", *VARIANTS, "--out", tmp_path, "--time-limit", 120)

    assert result.exit_code == 0, result.output
    soup = soup_of(read(tmp_path / "compare.html"))
    assert len(soup.select("table.comparison thead th")) == 1 + len(VARIANTS)
    curves = figures_of(read(tmp_path / "compare.html"))["compare-deliveries"]
    assert {t["name"] for t in curves["data"] if t["mode"] == "lines"} == {
        path.stem for path in VARIANTS
    }
    rows = read(tmp_path / "compare.csv").splitlines()
    assert len(rows) == 1 + len(VARIANTS)


@pytest.fixture(scope="module")
def risk_file(planned: Path) -> Path:
    from surgeplan.risk.simulate import simulate
    from surgeplan.scenario import load_scenario

    report = simulate(
        load_scenario(MINIMAL), load_plan(planned / "plan.json"), runs=200, seed=7
    )
    return report.save(planned / "risk.json")


def test_report_with_a_risk_result_shows_each_milestones_chance(
    planned: Path, risk_file: Path, tmp_path: Path
) -> None:
    from surgeplan.risk.report import load_risk_report

    result = surgeplan(
        "report",
        MINIMAL,
        "--plan",
        planned / "plan.json",
        "--risk",
        risk_file,
        "--out",
        tmp_path,
    )

    assert result.exit_code == 0, result.output
    figures = figures_of(read(tmp_path / "report.html"))
    (bars,) = figures["risk-milestones"]["data"]
    report = load_risk_report(risk_file)
    assert bars["y"] == pytest.approx(
        [m.probability_on_time for m in report.milestones]
    )
    fan = figures["risk-fan"]["data"]
    (median,) = [trace for trace in fan if trace["name"].endswith("median")]
    assert median["y"] == pytest.approx([point.p50 for point in report.fan])


def test_brief_with_a_sure_risk_result_recommends_go(
    planned: Path, risk_file: Path, tmp_path: Path
) -> None:
    result = surgeplan(
        "brief",
        MINIMAL,
        "--plan",
        planned / "plan.json",
        "--risk",
        risk_file,
        "--out",
        tmp_path,
    )

    assert result.exit_code == 0, result.output
    text = " ".join(pdf_text(tmp_path / "brief.pdf").split())
    assert "Recommendation: Go" in text
    assert "Recommendation: Go, with conditions" not in text
    assert "From 200 simulated runs" in text
