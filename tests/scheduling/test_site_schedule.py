import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from surgeplan.scenario import Scenario
from surgeplan.scheduling import (
    Schedule,
    UnschedulableOperationError,
    schedule_site,
)
from surgeplan.scheduling.site.checker import check_schedule
from surgeplan.scheduling.site.result import ScheduledOperation

MONDAY = dt.datetime(2027, 1, 4)


def at(day: int, hour: float) -> dt.datetime:
    return MONDAY + dt.timedelta(days=day, hours=hour)


def solved(scenario: Scenario, **options: Any) -> Schedule:
    options.setdefault("time_limit_s", 5.0)
    options.setdefault("workers", 1)
    result = schedule_site(scenario, "plant", 1, 1, **options)
    assert check_schedule(scenario, result) == []
    return result


def op(result: Schedule, item: str, operation: str) -> ScheduledOperation:
    return next(
        o for o in result.operations if (o.item, o.operation) == (item, operation)
    )


def test_changeover_time_appears_between_two_items(
    site_scenario: Callable[..., Scenario],
) -> None:
    scenario = site_scenario(
        [
            {
                "id": "cell",
                "capabilities": ["cut"],
                "stations": 1,
                "changeovers": [
                    {"from_item": "a", "to_item": "b", "hours": 2},
                    {"from_item": "b", "to_item": "a", "hours": 2},
                ],
            }
        ],
        {
            "a": [{"id": "cut", "capability": "cut", "hours_per_unit": 1}],
            "b": [{"id": "cut", "capability": "cut", "hours_per_unit": 1}],
        },
        {"a": 1, "b": 1},
    )

    result = solved(scenario)

    first, second = sorted(result.operations, key=lambda o: o.start)
    assert first.item != second.item
    assert second.start - first.end >= dt.timedelta(hours=2)
    station = next(s for s in result.stations if s.station == "cell/1")
    assert station.changeover_hours == pytest.approx(2.0)
    assert station.changeovers == 1


def test_non_splittable_operation_waits_for_the_next_shift(
    site_scenario: Callable[..., Scenario],
) -> None:
    routing = [
        {"id": "prep", "capability": "prep", "hours_per_unit": 6},
        {
            "id": "cure",
            "capability": "cure",
            "hours_per_unit": 4,
            "is_splittable": False,
        },
    ]
    scenario = site_scenario(
        [
            {"id": "bench", "capabilities": ["prep"], "stations": 1},
            {"id": "oven", "capabilities": ["cure"], "stations": 1},
        ],
        {"x": routing},
        {"x": 1},
    )

    result = solved(scenario)

    assert op(result, "x", "prep").end == at(0, 12)
    assert op(result, "x", "cure").start == at(1, 6)
    assert op(result, "x", "cure").end == at(1, 10)


def test_splittable_operation_pauses_over_the_night(
    site_scenario: Callable[..., Scenario],
) -> None:
    routing = [
        {"id": "prep", "capability": "prep", "hours_per_unit": 6},
        {"id": "cure", "capability": "cure", "hours_per_unit": 4},
    ]
    scenario = site_scenario(
        [
            {"id": "bench", "capabilities": ["prep"], "stations": 1},
            {"id": "oven", "capabilities": ["cure"], "stations": 1},
        ],
        {"x": routing},
        {"x": 1},
    )

    result = solved(scenario)

    assert op(result, "x", "cure").start == at(0, 12)
    assert op(result, "x", "cure").end == at(1, 8)


def test_transfer_batch_lets_the_next_operation_start_early(
    site_scenario: Callable[..., Scenario],
) -> None:
    routing = [
        {
            "id": "turn",
            "capability": "turn",
            "hours_per_unit": 1,
            "batch_size": 10,
            "transfer_batch_size": 2,
        },
        {"id": "mill", "capability": "mill", "hours_per_unit": 1},
    ]
    scenario = site_scenario(
        [
            {"id": "lathe", "capabilities": ["turn"], "stations": 1},
            {"id": "mill-cell", "capabilities": ["mill"], "stations": 1},
        ],
        {"y": routing},
        {"y": 10},
        shifts_per_day=2,
    )

    result = solved(scenario)

    turn, mill = op(result, "y", "turn"), op(result, "y", "mill")
    assert turn.units == 10
    assert mill.start == turn.start + dt.timedelta(hours=2)
    assert mill.start < turn.end
    assert mill.end >= turn.end + dt.timedelta(hours=2)


def test_alternative_stations_and_work_centers_run_in_parallel(
    site_scenario: Callable[..., Scenario],
) -> None:
    scenario = site_scenario(
        [
            {"id": "weld-a", "capabilities": ["weld"], "stations": 2},
            {"id": "weld-b", "capabilities": ["weld"], "stations": 1},
        ],
        {"z": [{"id": "weld", "capability": "weld", "hours_per_unit": 4}]},
        {"z": 3},
    )

    result = solved(scenario)

    assert {o.station for o in result.operations} == {
        "weld-a/1",
        "weld-a/2",
        "weld-b/1",
    }
    assert {o.start for o in result.operations} == {at(0, 6)}
    assert result.late_batches == []


def test_same_seed_and_one_worker_give_the_same_schedule(
    site_scenario: Callable[..., Scenario],
) -> None:
    scenario = site_scenario(
        [
            {
                "id": "cell",
                "capabilities": ["cut"],
                "stations": 2,
                "changeover_hours_default": 0.5,
            },
            {"id": "oven", "capabilities": ["cure"], "stations": 1},
        ],
        {
            "a": [
                {"id": "cut", "capability": "cut", "hours_per_unit": 0.7},
                {
                    "id": "cure",
                    "capability": "cure",
                    "hours_per_unit": 0.4,
                    "is_splittable": False,
                },
            ],
            "b": [{"id": "cut", "capability": "cut", "hours_per_unit": 1.3}],
        },
        {"a": 6, "b": 5},
    )

    def run() -> list[tuple[str, str, str, dt.datetime]]:
        # A wall-clock limit that never binds: only the deterministic budget stops it.
        result = solved(scenario, seed=3, deterministic_time=1.0, time_limit_s=120)
        return [(o.batch, o.operation, o.station, o.start) for o in result.operations]

    assert run() == run()


def test_an_operation_no_station_can_do_is_named(
    site_scenario: Callable[..., Scenario],
) -> None:
    scenario = site_scenario(
        [],
        {"w": [{"id": "paint", "capability": "painting", "hours_per_unit": 1}]},
        {"w": 1},
    )

    with pytest.raises(UnschedulableOperationError, match=r"'w'.*'paint'.*'painting'"):
        schedule_site(scenario, "plant", 1, 1)


def test_overloaded_week_is_late_not_infeasible(
    site_scenario: Callable[..., Scenario],
) -> None:
    scenario = site_scenario(
        [{"id": "cell", "capabilities": ["cut"], "stations": 1}],
        {"a": [{"id": "cut", "capability": "cut", "hours_per_unit": 3}]},
        {"a": 20},
    )

    result = solved(scenario)

    assert len(result.batches) == 20
    assert result.late_batches
    assert max(o.end for o in result.operations) > result.window_end


def test_a_large_sequenced_work_center_keeps_its_tasks_on_its_stations(
    site_scenario: Callable[..., Scenario],
) -> None:
    # Over MAX_SEQUENCED_TASKS tasks: the saw keeps the dispatching rule's
    # sequences, and tasks the rule gave the mill must not drift onto the saw.
    routing = [
        {"id": "rough", "capability": "cut", "hours_per_unit": 0.5},
        {"id": "finish", "capability": "cut", "hours_per_unit": 0.5},
    ]
    items = {f"part-{k}": routing for k in range(32)}
    scenario = site_scenario(
        [
            {
                "id": "saw",
                "capabilities": ["cut"],
                "stations": 2,
                "changeover_hours_default": 2,
            },
            {"id": "mill", "capabilities": ["cut"], "stations": 1},
        ],
        items,
        dict.fromkeys(items, 1),
    )

    result = solved(scenario, time_limit_s=10.0, workers=2)

    assert len(result.operations) == 64
    assert {o.work_center for o in result.operations} == {"saw", "mill"}
    assert all(o.station.startswith(o.work_center + "/") for o in result.operations)
