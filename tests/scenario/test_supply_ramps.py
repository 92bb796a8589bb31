import datetime as dt
from typing import Any

import numpy as np
import pytest
from planning_cases import ONE_LINE

from surgeplan.scenario import Scenario, make_buckets
from surgeplan.scenario.calendar import rate_by_bucket
from surgeplan.scenario.supply import SupplierRamp
from surgeplan.scenario.supply_ramps import (
    RampSteps,
    planned_capacity_by_bucket,
    planned_delay_and_share,
)
from surgeplan.scenario.validation import unlocated, validate_data


def scenario_with(
    ramp_steps: list[dict[str, Any]], risks: list[dict[str, Any]] | None = None
) -> Scenario:
    data = {**ONE_LINE, "suppliers": [dict(ONE_LINE["suppliers"][0])]}
    data["suppliers"][0]["capacity_ramp"] = ramp_steps
    data["suppliers"][0]["capacity_per_week"] = 100
    if risks is not None:
        data["risks"] = {"supplier_ramps": risks}
    return validate_data(data, unlocated("test"))


STEPS = [
    {"from_date": "2027-01-13", "units_per_week": 35},
    {"from_date": "2027-02-01", "units_per_week": 70},
]


def test_a_promise_without_delay_or_shortfall_is_the_day_weighted_ramp() -> None:
    scenario = scenario_with(STEPS)
    supplier = scenario.suppliers[0]
    buckets = make_buckets(scenario.program)

    units = RampSteps.of(scenario, supplier, buckets).units(
        np.array([0.0]), np.array([1.0])
    )[0]

    steps = [(dt.date(2027, 1, 13), 35.0), (dt.date(2027, 2, 1), 70.0)]
    assert np.allclose(units, rate_by_bucket(0.0, steps, buckets))
    # Week 2 (11-17 January) has 5 days at 35 a week: 25 units.
    assert units[1] == pytest.approx(25.0)


def test_a_delay_moves_every_step_and_a_share_scales_every_rate() -> None:
    scenario = scenario_with(STEPS)
    buckets = make_buckets(scenario.program)
    promise = RampSteps.of(scenario, scenario.suppliers[0], buckets)

    late = promise.units(np.array([1.0]), np.array([0.5]))[0]

    # One week later, at half the rate: week 3 now holds the 5 days of week 2.
    assert late[1] == pytest.approx(0.0)
    assert late[2] == pytest.approx(12.5)
    assert late[-1] == pytest.approx(35.0)


def test_the_planned_quantile_takes_the_late_delay_and_the_low_share() -> None:
    ramp = SupplierRamp.model_validate(
        {
            "id": "r",
            "supplier": "s",
            "start_delay_weeks": {"distribution": "uniform", "low": 0, "high": 4},
            "delivered_share": {"distribution": "uniform", "low": 0.6, "high": 1.0},
            "planned_quantile": 0.75,
        }
    )

    delay, share = planned_delay_and_share(ramp)

    assert delay == pytest.approx(3.0)
    assert share == pytest.approx(0.7)


def test_without_a_planned_quantile_the_planner_sees_the_promise() -> None:
    shortfall = {
        "id": "kit-ramp",
        "supplier": "kit-supplier",
        "delivered_share": {"distribution": "fixed", "value": 0.5},
    }
    scenario = scenario_with(STEPS, [shortfall])
    promised = scenario_with(STEPS)
    buckets = make_buckets(scenario.program)

    assert np.array_equal(
        planned_capacity_by_bucket(scenario, scenario.suppliers[0], buckets),
        planned_capacity_by_bucket(promised, promised.suppliers[0], buckets),
    )


def test_a_ramp_risk_of_an_unknown_supplier_is_located() -> None:
    data = {
        **ONE_LINE,
        "risks": {"supplier_ramps": [{"id": "r", "supplier": "nobody"}]},
    }

    with pytest.raises(Exception, match=r"supplier_ramps\[0\]\.supplier"):
        validate_data(data, unlocated("test"))
