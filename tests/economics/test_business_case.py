import datetime as dt

import pytest
from hand_case import hand_plan, scenario_data

from surgeplan.economics import business_case
from surgeplan.scenario import Scenario

NPV_BY_HAND = -274_000 / 1.1 + 215_000 / 1.1**2 + 215_000 / 1.1**3


def test_yearly_cash_flows_match_the_hand_computed_case(
    hand_scenario: Scenario,
) -> None:
    case = business_case(hand_scenario, hand_plan(hand_scenario))

    assert [year.units for year in case.years] == pytest.approx([300, 500, 500])
    assert [year.revenue_eur for year in case.years] == pytest.approx(
        [300_000, 500_000, 500_000]
    )
    assert [year.direct_costs_eur for year in case.years] == pytest.approx(
        [240_000, 250_000, 250_000]
    )
    assert [year.overheads_eur for year in case.years] == pytest.approx(
        [34_000, 35_000, 35_000]
    )
    assert [year.capex_eur for year in case.years] == pytest.approx([300_000, 0, 0])
    assert [year.cash_flow_eur for year in case.years] == pytest.approx(
        [-274_000, 215_000, 215_000]
    )


def test_npv_discounts_at_the_end_of_each_year(hand_scenario: Scenario) -> None:
    case = business_case(hand_scenario, hand_plan(hand_scenario))

    assert case.npv_eur == pytest.approx(NPV_BY_HAND)
    assert case.npv_eur == pytest.approx(90_127.72, abs=0.01)


def test_payback_is_interpolated_inside_the_year_it_turns(
    hand_scenario: Scenario,
) -> None:
    case = business_case(hand_scenario, hand_plan(hand_scenario))

    assert case.payback_years == pytest.approx(2 + 59_000 / 215_000)


def test_after_the_horizon_units_cost_what_the_last_quarter_cost(
    hand_scenario: Scenario,
) -> None:
    case = business_case(hand_scenario, hand_plan(hand_scenario))

    assert case.unit_cost_after_horizon_eur == pytest.approx(500)
    assert case.annual_units_after_horizon == pytest.approx(500)
    assert case.units_in_plan == pytest.approx(300)


def test_an_idle_end_of_the_horizon_does_not_make_later_units_free(
    hand_scenario: Scenario,
) -> None:
    plan = hand_plan(hand_scenario)
    idle_tail = plan.model_copy(
        update={"deliveries": [d for d in plan.deliveries if d.bucket < 9]}
    )

    case = business_case(hand_scenario, idle_tail)

    # Without deliveries in the last three months, the last quarter with deliveries
    # (July to September) sets the running cost of each later unit.
    assert case.unit_cost_after_horizon_eur > 0
    assert case.post_horizon_costs_eur > 0


def test_without_an_annual_rate_the_last_quarter_rate_carries_on() -> None:
    scenario = Scenario.model_validate(scenario_data(annual_units_after_horizon=None))

    case = business_case(scenario, hand_plan(scenario))

    quarter_days = (dt.date(2027, 12, 31) - dt.date(2027, 10, 1)).days + 1
    assert case.annual_units_after_horizon == pytest.approx(120 / quarter_days * 365.25)


def test_contract_total_caps_the_units_invoiced() -> None:
    scenario = Scenario.model_validate(scenario_data(contract_units_total=1000))

    case = business_case(scenario, hand_plan(scenario))

    assert [year.units for year in case.years] == pytest.approx([300, 500, 200])
    assert case.years[2].cash_flow_eur == pytest.approx(200_000 - 100_000 - 20_000)


def test_capex_depreciates_straight_line_and_the_rest_is_written_off(
    hand_scenario: Scenario,
) -> None:
    case = business_case(hand_scenario, hand_plan(hand_scenario))

    assert [year.depreciation_eur for year in case.years] == pytest.approx(
        [60_000, 60_000, 180_000]
    )
    assert case.depreciation_eur == pytest.approx(case.capex_eur)


def test_tax_applies_to_positive_operating_margins_only() -> None:
    scenario = Scenario.model_validate(scenario_data(tax_rate=0.25))

    case = business_case(scenario, hand_plan(scenario))

    assert [year.operating_margin_eur for year in case.years] == pytest.approx(
        [-34_000, 155_000, 35_000]
    )
    assert [year.tax_eur for year in case.years] == pytest.approx([0, 38_750, 8_750])
    assert case.years[1].cash_flow_eur == pytest.approx(215_000 - 38_750)


def test_a_contract_priced_as_a_whole_gives_the_same_case(
    hand_scenario: Scenario,
) -> None:
    scenario = Scenario.model_validate(
        scenario_data(
            contract_unit_price=None,
            contract_value=2_000_000,
            contract_units_total=2000,
        )
    )

    case = business_case(scenario, hand_plan(scenario))

    assert case.unit_price_eur == 1000
    assert case.npv_eur == pytest.approx(NPV_BY_HAND)


def test_a_program_that_never_pays_back_has_no_payback() -> None:
    scenario = Scenario.model_validate(scenario_data(contract_unit_price=100))

    case = business_case(scenario, hand_plan(scenario))

    assert case.payback_years is None
    assert case.npv_eur < 0


def test_costs_by_kind_are_the_plans(hand_scenario: Scenario) -> None:
    plan = hand_plan(hand_scenario)

    case = business_case(hand_scenario, plan)

    assert case.costs_by_kind_eur == {"labour": 240_000, "conversion_capex": 300_000}
    assert case.capex_eur == pytest.approx(plan.cost("conversion_capex"))


def test_added_activity_counts_full_time_equivalents_at_the_pool_hours(
    hand_scenario: Scenario,
) -> None:
    case = business_case(hand_scenario, hand_plan(hand_scenario))

    (plant,) = case.activity
    weeks = 365 / 7
    assert plant.labour_hours == pytest.approx(6000)
    assert plant.fte_average == pytest.approx(6000 / (40 * weeks))
    assert plant.fte_peak == pytest.approx(500 / (40 * 28 / 7))
    assert plant.volunteers == 50
