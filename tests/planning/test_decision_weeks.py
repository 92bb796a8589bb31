"""Decisions start in the week they can; day buckets follow the working days."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from planning_cases import ONE_LINE, assert_plan_is_feasible, make_scenario
from typer.testing import CliRunner

from surgeplan.cli.main import app
from surgeplan.planning import plan
from surgeplan.planning.checking.checker import check_plan
from surgeplan.planning.model.index_build import build_index


def body_line_with_conversion(
    earliest_start_date: str | None,
) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        conversion = {
            "id": "to-assembly",
            "adds_capabilities": ["assembly"],
            "capex": 1000,
            "lead_time_weeks": 2,
        }
        if earliest_start_date is not None:
            conversion["earliest_start_date"] = earliest_start_date
        data["sites"][0]["work_centers"].append(
            {
                "id": "body-line",
                "capabilities": ["stamping"],
                "stations": 1,
                "efficiency": 1.0,
                "conversions": [conversion],
            }
        )
        # 10 units a week on the assembly line alone: 120 by week 12 needs the
        # body line converted as early as it can be.
        data["demand"]["milestones"][0]["cumulative_quantity"] = 150

    return change


@pytest.mark.slow
def test_a_conversion_whose_earliest_start_is_in_a_former_block_starts_then() -> None:
    # 2027-01-18 is the Monday of week 3 (bucket 2): inside the 4-week block of
    # buckets 0-3 that decisions used to wait out, to bucket 4.
    scenario = make_scenario(body_line_with_conversion("2027-01-18"))

    result = plan(scenario, time_limit_s=30)

    (conversion,) = result.conversions
    assert conversion.start_bucket == 2
    assert conversion.ready_bucket == 4
    assert_plan_is_feasible(scenario, result)


@pytest.mark.slow
def test_a_shift_change_starts_in_the_week_its_lead_time_ends() -> None:
    def two_shifts_after_three_weeks(data: dict[str, Any]) -> None:
        line = data["sites"][0]["work_centers"][0]
        line["shift_patterns"] = [
            {"id": "weekdays", "shifts_per_day": 1, "hours_per_shift": 8},
            {
                "id": "two-shifts",
                "shifts_per_day": 2,
                "hours_per_shift": 8,
                "fixed_cost_per_week": 1000,
                "switch_lead_time_weeks": 3,
            },
        ]
        # 10 units a week on one shift, 20 on two: 210 by week 12 needs two shifts
        # from week 4 (bucket 3), when the lead time ends, not from a block start.
        data["demand"]["milestones"][0]["cumulative_quantity"] = 210

    scenario = make_scenario(two_shifts_after_three_weeks)

    result = plan(scenario, time_limit_s=30)

    change = result.shift_changes[0]
    assert change.to_pattern == "two-shifts"
    assert change.bucket == 3
    assert result.milestones[0].weeks_late == 0
    assert_plan_is_feasible(scenario, result)


def on_a_weekday_calendar_by_day(data: dict[str, Any]) -> None:
    data["program"].update(time_bucket="day", horizon_buckets=14)
    data["sites"][0]["calendar"]["working_days"] = ["mon", "tue", "wed", "thu", "fri"]
    data["sites"][0]["work_centers"][0]["stations"] = 20
    data["items"].append(
        {
            "id": "car-door",
            "kind": "core",
            "routing": [{"id": "press", "capability": "assembly", "hours_per_unit": 1}],
        }
    )
    data["demand"]["core"] = [
        {"item": "car-door", "site": "chassis-plant", "units_per_week": 500}
    ]
    data["demand"]["milestones"][0].update(
        due_date="2027-01-15", cumulative_quantity=40
    )


@pytest.mark.slow
def test_a_weekly_core_rate_falls_on_the_working_days_of_a_day_plan() -> None:
    # 2027-01-04 is a Monday: 500 a week are 100 on each weekday, none at weekends,
    # which have no shift hours (20 stations x 8 h = 160 h on a weekday).
    scenario = make_scenario(on_a_weekday_calendar_by_day)

    result = plan(scenario, time_limit_s=30)

    demand_by_bucket = {record.bucket: record.demand for record in result.core}
    assert [round(demand_by_bucket[day], 6) for day in range(7)] == [
        100.0,
        100.0,
        100.0,
        100.0,
        100.0,
        0.0,
        0.0,
    ]
    assert sum(demand_by_bucket.values()) == pytest.approx(1000.0)
    assert all(record.shortfall == 0 for record in result.core)
    assert result.milestones[0].weeks_late == 0
    assert_plan_is_feasible(scenario, result)


@pytest.mark.slow
def test_surgeplan_plan_exits_0_on_a_weekday_calendar_in_day_buckets(
    tmp_path: Path,
) -> None:
    data = yaml.safe_load(yaml.safe_dump(ONE_LINE))
    on_a_weekday_calendar_by_day(data)
    scenario_file = tmp_path / "days.yaml"
    scenario_file.write_text(yaml.safe_dump(data), encoding="utf-8")

    outcome = CliRunner().invoke(
        app, ["plan", str(scenario_file), "--out", str(tmp_path / "out")]
    )

    assert outcome.exit_code == 0, outcome.output
    assert (tmp_path / "out" / "plan.json").exists()


@pytest.mark.slow
def test_the_checker_flags_a_conversion_begun_before_its_earliest_start() -> None:
    scenario = make_scenario(body_line_with_conversion("2027-01-18"))
    result = plan(scenario, time_limit_s=30)
    (conversion,) = result.conversions
    too_early = result.model_copy(
        update={
            "conversions": [
                conversion.model_copy(update={"start_bucket": 1, "ready_bucket": 3})
            ]
        }
    )

    violations = check_plan(scenario, too_early)

    assert any(
        violation.family == "conversion"
        and "earliest start 2027-01-18" in str(violation)
        for violation in violations
    )


def test_a_public_holiday_moves_its_share_of_a_weekly_rate_to_the_other_weekdays() -> (
    None
):
    def with_a_wednesday_holiday(data: dict[str, Any]) -> None:
        on_a_weekday_calendar_by_day(data)
        data["sites"][0]["calendar"]["public_holidays"] = ["2027-01-06"]

    scenario = make_scenario(with_a_wednesday_holiday)
    index = build_index(scenario)

    (core,) = index.core
    # 500 a week over the four weekdays left: 125 each, none on the holiday.
    assert [round(float(units), 6) for units in core.demand[:7]] == [
        125.0,
        125.0,
        0.0,
        125.0,
        125.0,
        0.0,
        0.0,
    ]
    assert [round(float(units), 6) for units in core.demand[7:12]] == [100.0] * 5
