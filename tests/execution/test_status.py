import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from surgeplan.cli.main import app
from surgeplan.execution.records import Actuals
from surgeplan.execution.status import status
from surgeplan.execution.status_records import PlanMismatchError, load_status
from surgeplan.execution.synthetic import Shortfall, synthetic_actuals
from surgeplan.planning.results.plan import Plan
from surgeplan.scenario import Scenario

ROOT = Path(__file__).parents[2]


def test_the_worked_example_is_behind_and_names_its_causes(
    uav_scenario: Scenario, uav_plan: Plan, week_20_actuals: Actuals
) -> None:
    result = status(uav_scenario, uav_plan, week_20_actuals)

    fr_month_6 = next(m for m in result.milestones if m.milestone == "fr-month-6")
    assert fr_month_6.variance < -50
    assert fr_month_6.weeks_behind >= 2
    causes = " ".join(exception.cause for exception in result.exceptions)
    assert "learning on 'uav' slower than assumed" in causes
    assert "supplier 'avionics-partner/chassis-plant' 2 weeks behind" in causes
    assert "binding resource in the actual weeks" in causes


def test_the_forecast_of_a_program_on_plan_meets_every_milestone_as_planned(
    uav_scenario: Scenario, uav_plan: Plan
) -> None:
    actuals = synthetic_actuals(uav_scenario, uav_plan, 20, Shortfall())

    result = status(uav_scenario, uav_plan, actuals, runs=500)

    assert not [e for e in result.exceptions if e.behind_units > 0]
    for forecast, planned in zip(
        result.forecast, uav_scenario.milestones_in_order(), strict=True
    ):
        assert forecast.milestone == planned.id
        assert forecast.after.probability_on_time >= 0.95


def test_the_update_lowers_the_odds_of_a_program_learning_much_slower(
    uav_scenario: Scenario, uav_plan: Plan
) -> None:
    slow = Shortfall(learning_rates={"uav": 0.92, "airframe": 0.95, "wing-set": 0.95})
    actuals = synthetic_actuals(uav_scenario, uav_plan, 20, slow)

    result = status(uav_scenario, uav_plan, actuals, runs=500)

    last = next(f for f in result.forecast if f.milestone == "fr-month-24")
    assert last.after.probability_on_time < last.before.probability_on_time
    assert last.after.p50_date is None or last.after.p50_date > last.due_date
    assert (
        last.after.earliest_credible_date is None
        or last.after.p50_date is None
        or last.after.earliest_credible_date <= last.after.p50_date
    )


def test_the_same_seed_gives_the_same_status(
    uav_scenario: Scenario, uav_plan: Plan, week_20_actuals: Actuals
) -> None:
    first = status(uav_scenario, uav_plan, week_20_actuals, runs=300, seed=3)
    second = status(uav_scenario, uav_plan, week_20_actuals, runs=300, seed=3)

    assert first == second


def test_a_plan_of_another_scenario_is_refused(
    uav_scenario: Scenario, uav_plan: Plan, week_20_actuals: Actuals
) -> None:
    other = uav_plan.model_copy(update={"scenario_hash": "0" * 64})

    with pytest.raises(PlanMismatchError, match="another scenario"):
        status(uav_scenario, other, week_20_actuals)


def test_status_json_reads_back_and_tables_are_dataframes(
    uav_scenario: Scenario, uav_plan: Plan, week_20_actuals: Actuals, tmp_path: Path
) -> None:
    result = status(uav_scenario, uav_plan, week_20_actuals, runs=300)

    path = result.save(tmp_path)

    assert load_status(path) == result
    weeks = result.table("weeks")
    assert weeks.index.name == "week_start"
    assert len(weeks) == 20
    assert (tmp_path / "status-forecast.csv").read_text().startswith("milestone,")


def test_the_status_command_writes_the_status_and_prints_the_exceptions(
    tmp_path: Path,
) -> None:
    week_20 = ROOT / "examples" / "uav-surge-week-20"

    result = CliRunner().invoke(
        app,
        [
            "status",
            str(ROOT / "examples" / "uav-surge.yaml"),
            "--plan",
            str(week_20 / "plan.json"),
            "--actuals",
            str(week_20 / "actuals"),
            "--out",
            str(tmp_path),
            "--runs",
            "500",
        ],
    )

    assert result.exit_code == 0, result.output
    assert "Status at the end of week 20 (2027-05-23)" in result.output
    assert "late: fr-month-12" in result.output
    data = json.loads((tmp_path / "status.json").read_text())
    assert data["format"] == "surgeplan-status/1"
    assert data["runs"] == 500
