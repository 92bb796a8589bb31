"""Cross-reference checks in Python: each problem has its path and its fix."""

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from surgeplan.scenario import Scenario, ScenarioError
from surgeplan.scenario.validation import unlocated, validate_data

MINIMAL: dict[str, Any] = yaml.safe_load(
    (Path(__file__).parents[2] / "examples" / "minimal.yaml").read_text("utf-8")
)

SUPPLIER_RISK = {
    "id": "kit-late",
    "supplier": "kit-supplier",
    "kind": "delay",
    "probability_per_week": 0.02,
    "duration_weeks": {"distribution": "triangular", "low": 1, "mode": 2, "high": 4},
}


@pytest.fixture
def data() -> dict[str, Any]:
    return copy.deepcopy(MINIMAL)


def problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ScenarioError) as caught:
        validate_data(data, unlocated("scenario.yaml"))
    return [(issue.path, issue.message) for issue in caught.value.issues]


def test_the_minimal_example_is_valid(data: dict[str, Any]) -> None:
    scenario = validate_data(data, unlocated())

    assert isinstance(scenario, Scenario)
    assert scenario.product.id == "widget"


def test_supplier_to_an_unknown_site_suggests_the_close_one(
    data: dict[str, Any],
) -> None:
    data["suppliers"][0]["sites"] = ["plantt"]

    assert problems(data) == [
        ("suppliers[0].sites[0]", "unknown site 'plantt'; did you mean 'plant'?")
    ]


def test_bom_line_naming_an_unknown_item(data: dict[str, Any]) -> None:
    data["items"][0]["bom"][0]["item"] = "bolt"

    assert problems(data) == [
        ("items[0].bom[0].item", "unknown item 'bolt'; declared: kit, widget")
    ]


def test_bom_cycle_is_spelt_out(data: dict[str, Any]) -> None:
    kit = data["items"][1]
    kit.update(
        sourcing="make",
        bom=[{"item": "widget", "quantity_per": 1}],
        routing=[{"id": "pack", "capability": "assembly", "hours_per_unit": 1}],
    )
    data["suppliers"] = []

    assert (
        "items[1].bom",
        "the bill of materials has a cycle: widget -> kit -> widget",
    ) in problems(data)


def test_operation_no_work_center_can_do(data: dict[str, Any]) -> None:
    data["items"][0]["routing"][0]["capability"] = "welding"

    [(path, message)] = problems(data)

    assert path == "items[0].routing[0].capability"
    assert message.startswith(
        "no work center can do 'welding', even after a conversion"
    )


def test_operation_possible_after_a_conversion_is_valid(data: dict[str, Any]) -> None:
    data["items"][0]["routing"][0]["capability"] = "welding"
    data["sites"][0]["work_centers"][0]["conversions"] = [
        {
            "id": "add-welding",
            "adds_capabilities": ["welding"],
            "capex": 1e5,
            "lead_time_weeks": 4,
        }
    ]

    assert validate_data(data, unlocated()).items[0].routing[0].capability == "welding"


def test_labour_of_a_skill_no_site_has(data: dict[str, Any]) -> None:
    data["items"][0]["routing"][0]["labour_hours_by_skill"] = {"welder": 2}

    assert problems(data) == [
        (
            "items[0].routing[0].labour_hours_by_skill.welder",
            "unknown skill 'welder'; declared: assembler "
            "(no site has a workforce pool with it)",
        )
    ]


def test_milestones_must_increase(data: dict[str, Any]) -> None:
    data["demand"]["milestones"][1]["cumulative_quantity"] = 100

    [(path, message)] = problems(data)

    assert path == "demand.milestones[1].cumulative_quantity"
    assert "is not more than milestone 'first-batch'" in message


def test_milestone_after_the_horizon(data: dict[str, Any]) -> None:
    data["program"]["horizon_buckets"] = 20

    [(path, message)] = problems(data)

    assert path == "demand.milestones[1].due_date"
    assert message.startswith("due 2027-06-25 is outside the horizon")
    assert "extend program.horizon_buckets" in message


def test_duplicate_work_center_ids(data: dict[str, Any]) -> None:
    centers = data["sites"][0]["work_centers"]
    centers.append(dict(centers[0]))

    assert problems(data) == [
        (
            "sites[0].work_centers[1].id",
            "duplicate work center id 'assembly-cell' "
            "(first at sites[0].work_centers[0])",
        )
    ]


def test_delivery_point_may_not_reuse_a_site_id(data: dict[str, Any]) -> None:
    data["delivery_points"].append({"id": "plant", "country": "FR"})

    assert problems(data)[0] == (
        "delivery_points[1].id",
        "'plant' is already a site id; lanes name both, so give the delivery point "
        "another id",
    )


def test_supplier_risk_on_an_unknown_supplier(data: dict[str, Any]) -> None:
    data["risks"] = {"supplier_risks": [{**SUPPLIER_RISK, "supplier": "kit-suplier"}]}

    assert problems(data) == [
        (
            "risks.supplier_risks[0].supplier",
            "unknown supplier 'kit-suplier'; did you mean 'kit-supplier'?",
        )
    ]


def test_mitigation_changing_a_parameter_its_risk_lacks(data: dict[str, Any]) -> None:
    data["risks"] = {"supplier_risks": [SUPPLIER_RISK]}
    data["mitigations"] = [
        {
            "id": "second-source",
            "cost": 5e4,
            "effects": [{"risk": "kit-late", "parameter": "mtbf_hours", "multiply": 2}],
        }
    ]

    assert problems(data) == [
        (
            "mitigations[0].effects[0].parameter",
            "risk 'kit-late' has no 'mtbf_hours'; it has capacity_loss_share, "
            "duration_weeks, probability_per_week",
        )
    ]


def test_cyber_incident_in_an_unknown_zone(data: dict[str, Any]) -> None:
    data["risks"] = {
        "cyber_incidents": [
            {
                "id": "ransomware",
                "network_zone": "office-it",
                "target": "it",
                "probability_per_week": 0.01,
                "duration_weeks": {"distribution": "fixed", "value": 1},
            }
        ]
    }

    assert problems(data) == [
        (
            "risks.cyber_incidents[0].network_zone",
            "unknown network zone 'office-it'; declared: plant-ot",
        )
    ]


def test_more_qualified_than_volunteers(data: dict[str, Any]) -> None:
    data["sites"][0]["workforce"][0]["initially_qualified"] = 51

    assert problems(data) == [
        (
            "sites[0].workforce[0].initially_qualified",
            "51 people qualified but only 50 volunteers (25% of 200)",
        )
    ]


def test_core_demand_at_a_site_that_cannot_make_it(data: dict[str, Any]) -> None:
    data["items"].append(
        {
            "id": "sedan",
            "kind": "core",
            "routing": [{"id": "paint", "capability": "painting", "hours_per_unit": 2}],
        }
    )
    data["sites"].append(
        {
            "id": "paint-shop",
            "country": "FR",
            "network_zone": "plant-ot",
            "work_centers": [
                {"id": "booth", "capabilities": ["painting"], "stations": 1}
            ],
        }
    )
    data["demand"]["core"] = [{"item": "sedan", "site": "plant", "units_per_week": 10}]

    assert problems(data) == [
        (
            "demand.core[0].site",
            "site 'plant' cannot make 'sedan': no work center there does painting",
        )
    ]


def test_every_cross_reference_problem_is_reported_at_once(
    data: dict[str, Any],
) -> None:
    data["suppliers"][0]["sites"] = ["nowhere"]
    data["lanes"][0]["origin"] = "nowhere"
    data["demand"]["milestones"][0]["delivery_point"] = "nowhere"

    paths = [path for path, _ in problems(data)]

    assert paths == [
        "suppliers[0].sites[0]",
        "lanes[0].origin",
        "demand.milestones[0].delivery_point",
    ]


def test_a_type_error_does_not_hide_a_reference_error_elsewhere(
    data: dict[str, Any],
) -> None:
    data["sites"][0]["work_centers"][0]["stations"] = 0
    data["suppliers"][0]["sites"] = ["nowhere"]

    assert problems(data) == [
        (
            "sites[0].work_centers[0].stations",
            "must be greater than or equal to 1 (got 0)",
        ),
        ("suppliers[0].sites[0]", "unknown site 'nowhere'; declared: plant"),
    ]
