from pathlib import Path

import pytest

from surgeplan.economics import SensitivityInput, business_case, sensitivity
from surgeplan.economics.variants import moved_scenario
from surgeplan.scenario import load_scenario

MINIMAL = Path(__file__).resolve().parents[2] / "examples" / "minimal.yaml"

pytestmark = pytest.mark.slow


def test_sensitivity_replans_each_input_down_and_up() -> None:
    from surgeplan.planning import plan

    scenario = load_scenario(MINIMAL)
    base = plan(scenario, time_limit_s=30)

    result = sensitivity(scenario, base, time_limit_s=30)

    assert result.base_npv_eur == pytest.approx(business_case(scenario, base).npv_eur)
    tested = {(case.input, case.change) for case in result.cases}
    assert tested == {
        (name, change)
        for name in (
            SensitivityInput.LEARNING,
            SensitivityInput.OPT_IN,
            SensitivityInput.SUPPLIER_CAPACITY,
            SensitivityInput.UNIT_PRICE,
        )
        for change in (-0.2, 0.2)
    }
    assert "Conversion lead time" in result.not_applicable
    assert all(case.npv_eur is not None for case in result.cases)
    assert all(case.last_milestone_date is not None for case in result.cases)


def test_unit_price_case_is_computed_on_the_same_plan() -> None:
    from surgeplan.planning import plan

    scenario = load_scenario(MINIMAL)
    base = plan(scenario, time_limit_s=30)
    dearer = moved_scenario(scenario, SensitivityInput.UNIT_PRICE, 0.2)
    assert dearer is not None

    result = sensitivity(scenario, base, time_limit_s=30)

    (case,) = [
        c
        for c in result.cases
        if c.input is SensitivityInput.UNIT_PRICE and c.change > 0
    ]
    assert case.npv_eur == pytest.approx(business_case(dearer, base).npv_eur)
    assert result.inputs_by_swing()[0] is SensitivityInput.UNIT_PRICE
