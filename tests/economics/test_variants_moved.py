import pytest

from surgeplan.economics.variants import SensitivityInput, moved_scenario
from surgeplan.scenario import Scenario


def test_learning_progress_moves_not_the_rate_itself(hand_scenario: Scenario) -> None:
    data = hand_scenario.model_dump(mode="json")
    data["items"][0]["learning_rate"] = 0.85
    scenario = type(hand_scenario).model_validate(data)

    faster = moved_scenario(scenario, SensitivityInput.LEARNING, 0.2)
    assert faster is not None

    assert faster.item("widget").learning_rate == pytest.approx(0.82)


def test_opt_in_share_moves_and_keeps_qualified_within_volunteers(
    hand_scenario: Scenario,
) -> None:
    data = hand_scenario.model_dump(mode="json")
    data["sites"][0]["workforce"][0]["initially_qualified"] = 50
    scenario = type(hand_scenario).model_validate(data)

    fewer = moved_scenario(scenario, SensitivityInput.OPT_IN, -0.2)
    assert fewer is not None

    pool = fewer.site("plant").workforce[0]
    assert pool.volunteer_share == pytest.approx(0.4)
    assert pool.initially_qualified == pool.volunteers == 40


def test_conversion_lead_time_rounds_to_whole_weeks(hand_scenario: Scenario) -> None:
    longer = moved_scenario(hand_scenario, SensitivityInput.CONVERSION_LEAD_TIME, 0.2)
    assert longer is not None

    conversion = longer.site("plant").work_centers[0].conversions[0]
    assert conversion.lead_time_weeks == 5


def test_inputs_the_scenario_lacks_are_not_applicable(hand_scenario: Scenario) -> None:
    assert moved_scenario(hand_scenario, SensitivityInput.LEARNING, 0.2) is None
    assert (
        moved_scenario(hand_scenario, SensitivityInput.SUPPLIER_CAPACITY, 0.2) is None
    )


def test_unit_price_moves_the_contract_price(hand_scenario: Scenario) -> None:
    dearer = moved_scenario(hand_scenario, SensitivityInput.UNIT_PRICE, 0.2)
    assert dearer is not None

    assert dearer.economics.unit_price == pytest.approx(1200)
