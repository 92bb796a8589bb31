"""The bottleneck named is the one that binds, for every family of resources.

Each case is the one-line scenario with one resource made scarce by construction: the
plan names it; doubling it delivers more by the due date; doubling another resource
does not. The last cases are issue 20's: a labour pool with overtime and trainable
people left is never named, while the station hours that bind are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from planning_cases import make_scenario

from surgeplan.planning.planner import run_planner
from surgeplan.planning.results.records import BottleneckKind
from surgeplan.scenario import load_scenario

pytestmark = pytest.mark.slow

Change = Callable[[dict[str, Any]], None]


def _site(data: dict[str, Any]) -> dict[str, Any]:
    site: dict[str, Any] = data["sites"][0]
    return site


def _pool(data: dict[str, Any]) -> dict[str, Any]:
    pool: dict[str, Any] = _site(data)["workforce"][0]
    return pool


def _line(data: dict[str, Any]) -> dict[str, Any]:
    line: dict[str, Any] = _site(data)["work_centers"][0]
    return line


def _demand(units: int) -> Change:
    def change(data: dict[str, Any]) -> None:
        data["demand"]["milestones"][0]["cumulative_quantity"] = units

    return change


def _many_stations(data: dict[str, Any]) -> None:
    _line(data)["stations"] = 10


def _few_people(data: dict[str, Any]) -> None:
    # Five people, all qualified, nobody left to train or hire.
    _pool(data).update(headcount=5, initially_qualified=5)


def _few_training_places(data: dict[str, Any]) -> None:
    # One trainee a week; a hundred stations never bind however many are trained.
    _pool(data).update(headcount=200, initially_qualified=1, trainees_per_week_max=1)
    _line(data)["stations"] = 100


def _small_supplier(data: dict[str, Any]) -> None:
    data["suppliers"][0]["capacity_per_week"] = 5


def _small_lane(data: dict[str, Any]) -> None:
    data["lanes"][0]["capacity_units_per_week"] = 5


def double_stations(data: dict[str, Any]) -> None:
    _line(data)["stations"] *= 2


def double_people(data: dict[str, Any]) -> None:
    _pool(data)["headcount"] *= 2
    _pool(data)["initially_qualified"] *= 2


def double_overtime(data: dict[str, Any]) -> None:
    _pool(data)["overtime_share_max"] = 2 * _pool(data).get("overtime_share_max", 0.1)


def double_training_places(data: dict[str, Any]) -> None:
    _pool(data)["trainees_per_week_max"] *= 2


def double_supplier(data: dict[str, Any]) -> None:
    data["suppliers"][0]["capacity_per_week"] *= 2


def double_lane(data: dict[str, Any]) -> None:
    lane = data["lanes"][0]
    lane["capacity_units_per_week"] = 2 * lane.get("capacity_units_per_week", 1000)


@dataclass(frozen=True)
class Case:
    """A scarce resource by construction, the one to double and one that is not it."""

    setup: tuple[Change, ...]
    kind: BottleneckKind
    resource: str
    double_it: Change
    double_another: Change


CASES = {
    "station hours": Case(
        (_demand(200),),
        BottleneckKind.WORK_CENTER,
        "assembly-line",
        double_stations,
        double_supplier,
    ),
    "labour": Case(
        (_demand(1000), _many_stations, _few_people),
        BottleneckKind.LABOUR,
        "assembler",
        double_people,
        double_stations,
    ),
    "overtime": Case(
        (_demand(1000), _many_stations, _few_people),
        BottleneckKind.LABOUR,
        "assembler",
        double_overtime,
        double_supplier,
    ),
    "training": Case(
        (_demand(1000), _few_training_places),
        BottleneckKind.TRAINING,
        "assembler",
        double_training_places,
        double_stations,
    ),
    "supplier": Case(
        (_demand(200), _small_supplier),
        BottleneckKind.SUPPLIER,
        "kit-supplier",
        double_supplier,
        double_stations,
    ),
    "lane": Case(
        (_demand(200), _small_lane),
        BottleneckKind.LANE,
        "to-customer",
        double_lane,
        double_stations,
    ),
}


def delivered_by_due(*changes: Change) -> tuple[float, Any]:
    """Units of the milestone delivered by its due date, and the plan."""

    def change(data: dict[str, Any]) -> None:
        for step in changes:
            step(data)

    plan = run_planner(make_scenario(change), time_limit_s=30)
    return plan.milestones[0].delivered_by_due, plan


@pytest.mark.parametrize("family", list(CASES))
def test_the_scarce_resource_of_each_family_is_named_and_doubling_it_helps(
    family: str,
) -> None:
    case = CASES[family]
    base_units, plan = delivered_by_due(*case.setup)
    doubled_units, _ = delivered_by_due(*case.setup, case.double_it)
    other_units, _ = delivered_by_due(*case.setup, case.double_another)

    tightest = plan.tightest_bottleneck
    assert tightest is not None
    assert tightest.kind is case.kind
    assert tightest.resource.startswith(case.resource)
    assert doubled_units > base_units + 1.0
    assert other_units == pytest.approx(base_units, abs=1e-6)


def _issue_20_pool(data: dict[str, Any]) -> None:
    # 340 people, one qualified at start; training takes two weeks and 20 % overtime
    # is allowed: the pool always has room to grow, the one station does not.
    _pool(data).update(
        headcount=340,
        initially_qualified=1,
        overtime_share_max=0.2,
        training_lead_time_weeks=2,
        training_cost_per_person=2000,
    )


def test_a_pool_with_overtime_and_trainable_people_left_is_never_the_limit() -> None:
    base_units, plan = delivered_by_due(_demand(200), _issue_20_pool)
    more_people, _ = delivered_by_due(_demand(200), _issue_20_pool, double_people)
    more_stations, _ = delivered_by_due(_demand(200), _issue_20_pool, double_stations)

    assert [record.kind for record in plan.bottlenecks] == [BottleneckKind.WORK_CENTER]
    assert plan.tightest_bottleneck is not None
    assert plan.tightest_bottleneck.resource == "assembly-line"
    assert more_stations > base_units + 1.0
    assert more_people == pytest.approx(base_units, abs=1e-6)


def test_a_late_milestone_is_not_held_back_by_a_pool_with_room_to_grow() -> None:
    _, plan = delivered_by_due(_demand(200), _issue_20_pool)

    milestone = plan.milestones[0]
    assert milestone.limited_by
    assert all("assembler" not in name for name in milestone.limited_by)


def _second_product(data: dict[str, Any]) -> None:
    """A second product on its own line, short of its own people (none to train)."""
    _site(data)["work_centers"].append(
        {"id": "b-line", "capabilities": ["b-assembly"], "stations": 10}
    )
    _site(data)["workforce"].append(
        {
            "skill": "b-assembler",
            "headcount": 1,
            "volunteer_share": 1.0,
            "initially_qualified": 1,
            "hourly_cost": 40,
        }
    )
    data["items"].append(
        {
            "id": "drone-b",
            "kind": "program",
            "bom": [{"item": "kit", "quantity_per": 1}],
            "routing": [
                {
                    "id": "assemble-b",
                    "capability": "b-assembly",
                    "hours_per_unit": 4,
                    "labour_hours_by_skill": {"b-assembler": 4},
                }
            ],
        }
    )
    data["demand"]["milestones"].append(
        {
            "id": "order-b",
            "item": "drone-b",
            "delivery_point": "customer",
            "due_date": "2027-03-26",
            "cumulative_quantity": 200,
        }
    )


def test_a_late_milestone_names_only_limits_its_own_item_uses() -> None:
    _, plan = delivered_by_due(_demand(200), _issue_20_pool, _second_product)

    by_id = {milestone.id: milestone for milestone in plan.milestones}
    assert by_id["order"].limited_by == ["work_center chassis-plant/assembly-line"]
    assert by_id["order-b"].limited_by
    assert all("b-assembler" in name for name in by_id["order-b"].limited_by)


def test_a_pool_that_can_borrow_from_a_lender_with_people_to_spare_is_no_limit() -> (
    None
):
    # The tutorial's hall B has two technicians of its own and may borrow up to 12
    # from hall A, which has hundreds of volunteers it never trains: hall B's hours
    # bind only because borrowing costs money, a lever the plan chose not to pull.
    # (Its volunteers may still bind in the first week, before any loan can arrive.)
    tutorial = load_scenario(
        Path(__file__).parents[2] / "examples" / "tutorial-consortium.yaml"
    )
    plan = run_planner(tutorial, time_limit_s=30)

    lent = [record.people_borrowed for record in plan.labour if record.site == "hall-b"]
    loan = tutorial.labour_loans[0]
    assert (loan.from_site, loan.to_site) == ("hall-a", "hall-b")
    assert 0 < max(lent) < loan.people_max
    assert not [
        record
        for record in plan.bottlenecks
        if record.kind is BottleneckKind.LABOUR
        and record.site == "hall-b"
        and record.resource == "technician"
    ]
