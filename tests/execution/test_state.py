import pytest

from surgeplan.execution.records import (
    Actuals,
    CompletionRecord,
    ConversionRecord,
    DeliveryRecord,
    HeadcountRecord,
    IncidentKind,
    IncidentRecord,
    ReceiptRecord,
)
from surgeplan.execution.state import program_state
from surgeplan.keys import ItemPoint, ItemSite, SitePool
from surgeplan.scenario import Scenario


def small_actuals(scenario: Scenario) -> Actuals:
    return Actuals(
        program=scenario.program.name,
        start_date=scenario.program.start_date,
        through_week=4,
        completions=[
            CompletionRecord(week=1, item="uav", site="chassis-plant", units=3),
            CompletionRecord(week=3, item="uav", site="chassis-plant", units=5),
            CompletionRecord(
                week=3,
                item="uav",
                site="chassis-plant",
                units=6,
                operation="final-assembly",
                work_center="prototype-shop",
            ),
            CompletionRecord(week=4, item="uav", site="chassis-plant", units=100),
        ],
        deliveries=[
            DeliveryRecord(week=2, item="uav", delivery_point="depot-fr", units=3),
            DeliveryRecord(week=3, item="uav", delivery_point="depot-fr", units=5),
        ],
        headcount=[
            HeadcountRecord(
                week=1,
                site="chassis-plant",
                skill="assembler",
                headcount=10,
                joined=10,
                trained=4,
            ),
            HeadcountRecord(
                week=3,
                site="chassis-plant",
                skill="assembler",
                headcount=12,
                joined=3,
                left=1,
                trained=2,
            ),
        ],
        receipts=[
            ReceiptRecord(
                week=2,
                supplier="propeller-maker",
                site="chassis-plant",
                units=20,
                units_in_transit=30,
            ),
            ReceiptRecord(
                week=3,
                supplier="propeller-maker",
                site="chassis-plant",
                units=15,
                units_in_transit=10,
            ),
        ],
        conversions=[
            ConversionRecord(
                week=3,
                site="chassis-plant",
                work_center="trim-line-2",
                conversion="uav-assembly",
            )
        ],
        incidents=[
            IncidentRecord(
                id="fire",
                kind=IncidentKind.BREAKDOWN,
                site="chassis-plant",
                start_week=2,
                end_week=2,
                capacity_lost_share=0.5,
            ),
            IncidentRecord(
                id="strike",
                kind=IncidentKind.STAFF,
                site="chassis-plant",
                start_week=3,
                capacity_lost_share=0.2,
            ),
        ],
    )


def test_the_state_sums_what_happened_up_to_the_status_week(
    uav_scenario: Scenario,
) -> None:
    state = program_state(uav_scenario, small_actuals(uav_scenario), 3)

    assert state.completed_by_item_site[ItemSite("uav", "chassis-plant")] == 8
    assert state.operations_by_item_site[ItemSite("uav", "chassis-plant")] == {
        "final-assembly": 6
    }
    assert state.delivered_by_item_point[ItemPoint("uav", "depot-fr")] == 8
    assert state.delivered_by_milestone["test-units"] == 8
    pool = state.pools[SitePool("chassis-plant", "assembler")]
    assert (pool.headcount, pool.trained, pool.hired, pool.left) == (12, 6, 13, 1)
    assert state.conversions_finished == {
        ("chassis-plant", "trim-line-2", "uav-assembly"): 3
    }
    assert sum(state.received_by_supplier_site.values()) == 35
    assert sum(state.in_transit_by_supplier_site.values()) == 10
    assert [incident.id for incident in state.open_incidents] == ["strike"]
    assert str(state.status_date) == "2027-01-24"


def test_a_milestone_counts_at_most_its_quantity(uav_scenario: Scenario) -> None:
    actuals = small_actuals(uav_scenario).model_copy(
        update={
            "deliveries": [
                DeliveryRecord(week=4, item="uav", delivery_point="depot-fr", units=50)
            ]
        }
    )

    state = program_state(uav_scenario, actuals, 4)

    assert state.delivered_by_milestone["test-units"] == 10
    assert state.delivered_by_milestone["fr-month-6"] == 50


def test_a_week_after_the_actuals_is_refused(uav_scenario: Scenario) -> None:
    with pytest.raises(ValueError, match="outside the actuals' weeks 1 to 4"):
        program_state(uav_scenario, small_actuals(uav_scenario), 5)
