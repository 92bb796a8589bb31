"""A re-plan's work centers start on the shift pattern the old plan ran."""

from __future__ import annotations

from surgeplan.execution.shifts_in_force import (
    patterns_in_force,
    with_patterns_in_force,
)
from surgeplan.planning.results.plan import Plan
from surgeplan.scenario import Scenario


def initial_patterns(scenario: Scenario) -> dict[tuple[str, str], str | None]:
    return {
        (site.id, center.id): center.initial_shift_pattern
        for site, center in scenario.work_centers()
    }


def test_work_centers_on_a_third_shift_at_week_20_start_on_it(
    uav_scenario: Scenario, uav_plan: Plan
) -> None:
    running = with_patterns_in_force(uav_scenario, uav_plan, 20)

    before, after = initial_patterns(uav_scenario), initial_patterns(running)
    changed = {key: after[key] for key in after if after[key] != before[key]}
    assert changed == {
        ("chassis-plant", "body-line-2"): "3x8",
        ("chassis-plant", "prototype-shop"): "3x8",
    }
    assert (
        patterns_in_force(uav_plan, uav_scenario.program.start_date, 20)[
            ("chassis-plant", "body-line-2")
        ]
        == "3x8"
    )


def test_a_plan_on_its_initial_patterns_leaves_the_scenario_as_it_is(
    uav_scenario: Scenario, uav_plan: Plan
) -> None:
    assert with_patterns_in_force(uav_scenario, uav_plan, 1) is uav_scenario
