from typing import Any

import pytest
from planning_cases import ONE_LINE

from surgeplan.scenario.items import Item
from surgeplan.scenario.validation import unlocated, validate_data
from surgeplan.scenario.yields import (
    material_per_good_unit,
    scrapped_per_good_unit,
    starts_per_good_unit,
    with_yields_applied,
)


def item(*routing: dict[str, Any]) -> Item:
    return Item.model_validate(
        {"id": "drone", "kind": "program", "routing": list(routing)}
    )


def operation(op_id: str, **more: object) -> dict[str, Any]:
    return {"id": op_id, "capability": op_id, "hours_per_unit": 1.0, **more}


def test_each_operation_starts_the_good_units_over_its_own_and_later_yields() -> None:
    drone = item(
        operation("build", first_pass_yield=0.9),
        operation("test", first_pass_yield=0.8),
    )

    starts = starts_per_good_unit(drone)

    assert starts["test"] == pytest.approx(1 / 0.8)
    assert starts["build"] == pytest.approx(1 / (0.9 * 0.8))
    assert material_per_good_unit(drone) == pytest.approx(1 / 0.72)
    assert scrapped_per_good_unit(drone) == pytest.approx(1 / 0.72 - 1)


def test_a_rework_operation_handles_the_reworked_failures_only() -> None:
    drone = item(
        operation(
            "test", first_pass_yield=0.8, rework_share=0.5, rework_operation="fix"
        ),
        operation("fix"),
    )

    starts = starts_per_good_unit(drone)

    assert starts["test"] == pytest.approx(1 / 0.9)
    assert starts["fix"] == pytest.approx(0.2 * 0.5 / 0.9)


def test_a_scenario_without_yields_is_kept_as_it_is() -> None:
    scenario = validate_data(dict(ONE_LINE), unlocated("test"))

    assert with_yields_applied(scenario) is scenario


def test_applied_yields_scale_hours_labour_and_kits_per_good_unit() -> None:
    data = dict(ONE_LINE)
    data["items"] = [dict(i) for i in ONE_LINE["items"]]
    data["items"][0]["routing"] = [
        {**ONE_LINE["items"][0]["routing"][0], "first_pass_yield": 0.8}
    ]
    scenario = validate_data(data, unlocated("test"))

    applied = with_yields_applied(scenario).item("drone")

    assert applied.routing[0].hours_per_unit == pytest.approx(5.0)
    assert applied.routing[0].labour_hours_by_skill["assembler"] == pytest.approx(5.0)
    assert applied.bom[0].quantity_per == pytest.approx(1.25)
    assert applied.routing[0].first_pass_yield == 1.0


@pytest.mark.parametrize(
    ("routing", "message"),
    [
        ([operation("test", rework_share=0.5)], "needs a rework_operation"),
        (
            [
                operation(
                    "test",
                    first_pass_yield=0.9,
                    rework_share=0.5,
                    rework_operation="nowhere",
                )
            ],
            "not another operation",
        ),
        (
            [
                operation(
                    "test",
                    first_pass_yield=0.9,
                    rework_share=0.5,
                    rework_operation="fix",
                ),
                operation("fix", first_pass_yield=0.9),
            ],
            "has a yield of its own",
        ),
    ],
)
def test_a_rework_route_that_cannot_work_is_refused(
    routing: list[dict[str, Any]], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        item(*routing)
