"""A plan held against the record, through the command and the run folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from surgeplan.cli import main as cli_main
from surgeplan.pipeline import plans
from surgeplan.pipeline.folder import RunFolder
from surgeplan.pipeline.options import PlanOptions
from surgeplan.realism.comparison import realism_report
from surgeplan.realism.measures import weeks_between
from surgeplan.scenario import load_scenario

ROOT = Path(__file__).parents[2]
MINIMAL = ROOT / "examples" / "minimal.yaml"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("realism")
    scenario = load_scenario(MINIMAL)
    folder = RunFolder(out, MINIMAL)
    folder.prepare()
    plans.make_plan(scenario, folder, PlanOptions(confidence=()))
    return out


def test_a_plan_faster_than_every_precedent_is_flagged(planned: Path) -> None:
    scenario = load_scenario(MINIMAL)
    plan = plans.read_plan(scenario, RunFolder(planned, MINIMAL), None).plan

    report = realism_report(scenario, plan)

    ninety = next(r for r in report.measures if r.measure == "weeks_to_ninety_rate")
    ranked = [p.value for p in ninety.precedents if p.ranked]
    assert ninety.plan is not None
    assert ranked
    assert ninety.plan < min(ranked)
    assert ninety.beyond_record
    assert any("90 % of the final rate" in flag for flag in report.flags)
    assert any("faster than every surge on record" in flag for flag in report.flags)


def test_the_first_unit_is_the_first_bucket_delivering_the_product(
    planned: Path,
) -> None:
    scenario = load_scenario(MINIMAL)
    plan = plans.read_plan(scenario, RunFolder(planned, MINIMAL), None).plan
    product = scenario.program.product
    first = min(d.bucket for d in plan.deliveries if d.item == product and d.units > 0)
    expected = weeks_between(scenario.program.start_date, plan.buckets[first].start)

    report = realism_report(scenario, plan)

    row = next(r for r in report.measures if r.measure == "weeks_to_first_unit")
    assert row.plan == pytest.approx(expected)


def test_the_realism_command_writes_realism_json_and_prints_the_comparison(
    planned: Path,
) -> None:
    result = CliRunner().invoke(
        cli_main.app, ["realism", str(MINIMAL), "--out", str(planned), "--wide"]
    )

    assert result.exit_code == 0, result.output
    assert "Beyond the record" in result.output
    assert "VentilatorChallengeUK" in result.output
    written = json.loads((planned / "realism.json").read_text("utf-8"))
    assert written["format"] == "surgeplan-realism/1"
    assert written["flags"]


def test_the_realism_command_without_a_plan_names_the_command_that_makes_one(
    tmp_path: Path,
) -> None:
    result = CliRunner().invoke(
        cli_main.app, ["realism", str(MINIMAL), "--out", str(tmp_path)]
    )

    assert result.exit_code == 2
    assert "surgeplan plan" in result.output


def test_a_run_writes_realism_json_and_the_documents_show_its_flags(
    tmp_path: Path,
) -> None:
    from surgeplan.pipeline.documents import gather
    from surgeplan.pipeline.options import DocumentOptions
    from surgeplan.pipeline.run import RunOptions, run_pipeline
    from surgeplan.reporting.brief import render_brief

    result = run_pipeline(
        MINIMAL,
        tmp_path,
        RunOptions(plan=PlanOptions(confidence=()), with_risk=False, with_brief=False),
    )

    assert (tmp_path / "realism.json").is_file()
    assert result.report is not None
    report = result.report.read_text("utf-8")
    assert 'id="part-realism"' in report
    assert "faster than every surge on record" in report
    scenario = load_scenario(MINIMAL)
    inputs = gather(scenario, result.folder, DocumentOptions(with_risk=False))
    assert inputs.realism is not None
    brief = render_brief(
        scenario, inputs.plan.plan, case=inputs.case, realism=inputs.realism
    )
    assert "Against the surges on record" in brief
