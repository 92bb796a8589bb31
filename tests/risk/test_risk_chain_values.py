"""A variant computed beside the baseline, sharing its work, equals it alone."""

import numpy as np
from risk_cases import line_plan, line_scenario, site_outage, with_purchases

from surgeplan.risk.parameters import Variant
from surgeplan.risk.simulate import simulate_runs
from surgeplan.scenario import Scenario
from surgeplan.scenario.risks import Mitigation

HORIZON = 30


def supplied_case() -> tuple[Scenario, Mitigation]:
    """A plant buying one kit per unit, an outage at the plant, a fire at the kit maker,
    and a buffer of kits as a mitigation."""
    scenario = line_scenario(horizon=HORIZON, milestones=(("all", 29, 450),))
    data = scenario.model_dump(mode="json")
    data["items"][0]["bom"] = [{"item": "kit", "quantity_per": 1}]
    data["items"].append({"id": "kit", "kind": "component", "sourcing": "buy"})
    data["suppliers"] = [
        {
            "id": "kit-maker",
            "item": "kit",
            "sites": ["plant"],
            "country": "DE",
            "lead_time_weeks": 0,
            "capacity_per_week": 18,
            "unit_cost": 10,
        }
    ]
    data["risks"] = {
        "site_disruptions": [site_outage(probability=0.05)],
        "supplier_risks": [
            {
                "id": "kit-fire",
                "supplier": "kit-maker",
                "kind": "failure",
                "probability_per_week": 0.05,
                "duration_weeks": {"distribution": "fixed", "value": 3},
            }
        ],
    }
    data["mitigations"] = [
        {
            "id": "kit-buffer",
            "cost": 100_000,
            "buffer_stock": [{"item": "kit", "site": "plant", "units": 200}],
        }
    ]
    scenario = Scenario.model_validate(data)
    return scenario, scenario.mitigations[0]


def test_variants_sharing_the_baselines_work_match_variants_computed_alone() -> None:
    scenario, buffer = supplied_case()
    plan = with_purchases(
        line_plan(scenario, {"plant": np.full(HORIZON, 18.0)}, spare_ratio=0.1),
        "kit-maker",
    )
    variants = (
        Variant("without the outage", disabled=frozenset({"outage"})),
        Variant("without the fire", disabled=frozenset({"kit-fire"})),
        Variant("with a kit buffer", mitigations=(buffer,)),
    )

    shared = simulate_runs(
        scenario, plan, 200, 6, variants=(Variant("baseline"), *variants)
    )

    for number, variant in enumerate(variants, start=1):
        alone = simulate_runs(scenario, plan, 200, 6, variants=(variant,))
        assert np.array_equal(shared.met_bucket[number], alone.met_bucket[0])
        assert np.array_equal(shared.reached_weeks[number], alone.reached_weeks[0])
        assert np.array_equal(
            shared.delivered_by_due[number], alone.delivered_by_due[0]
        )
    # Each variant changes something, so the comparison is not between equals.
    assert all(
        not np.array_equal(shared.reached_weeks[0], shared.reached_weeks[n])
        for n in range(1, 4)
    )
