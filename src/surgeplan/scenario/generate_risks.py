"""Economics, risks and mitigations for generated scenarios."""

from __future__ import annotations

from typing import Any

import numpy as np

from surgeplan.scenario.generate_demand import ProgramRates
from surgeplan.scenario.generate_items import ItemsDraft
from surgeplan.scenario.generate_sites import SiteDraft

PRICE_MARKUP = 1.3
AVERAGE_HOURLY_COST_EUR = 40.0
WEEKS_PER_YEAR = 52


def _triangular(low: float, mode: float, high: float) -> dict[str, Any]:
    return {
        "distribution": "triangular",
        "low": round(low, 3),
        "mode": round(mode, 3),
        "high": round(high, 3),
    }


def _supplier_risk_kind(supplier: dict[str, Any]) -> str:
    """A single source may fail outright; one of two only ships late."""
    return "failure" if supplier["is_single_source"] else "delay"


def draft_economics(
    items: ItemsDraft, rates: ProgramRates, suppliers: list[dict[str, Any]]
) -> dict[str, Any]:
    """A unit price above the mature unit cost, and the usual contract terms."""
    price_of = {s["item"]: s["unit_cost"] for s in suppliers}
    total_rate = sum(rates.units_per_week.values())
    cost = 0.0
    for program_id, rate in rates.units_per_week.items():
        unit = 0.0
        for item_id, quantity in items.units_per(program_id).items():
            document = items.by_id[item_id].document
            if item_id in price_of:
                unit += quantity * price_of[item_id]
                continue
            floor = document["learning_floor_share"]
            labour = sum(
                sum(operation["labour_hours_by_skill"].values())
                for operation in document["routing"]
            )
            unit += quantity * (
                document["material_cost_per_unit"]
                + floor * labour * AVERAGE_HOURLY_COST_EUR
            )
        cost += unit * rate / total_rate
    annual_units = WEEKS_PER_YEAR * total_rate
    price = float(round(PRICE_MARKUP * cost, -1))
    return {
        "contract_unit_price": price,
        "contract_duration_years": 10,
        "discount_rate": 0.08,
        "overhead_share": 0.1,
        "fixed_overhead_per_year": float(round(0.02 * price * annual_units, -3)),
        "annual_units_after_horizon": float(round(0.8 * annual_units)),
    }


def draft_risks(
    rng: np.random.Generator,
    drafts: list[SiteDraft],
    items: ItemsDraft,
    suppliers: list[dict[str, Any]],
) -> dict[str, Any]:
    """A few risks of every kind, on things the scenario holds."""
    disruptions = [
        {
            "id": f"{draft.id}-disruption",
            "site": draft.id,
            "probability_per_week": round(float(rng.uniform(0.002, 0.01)), 4),
            "duration_weeks": _triangular(1, 2, 5),
        }
        for draft in drafts
        if rng.random() < 0.5
    ]
    zones = sorted({draft.zone for draft in drafts})
    cyber = [
        {
            "id": f"{zone}-ot-incident",
            "network_zone": zone,
            "target": "ot",
            "probability_per_week": round(float(rng.uniform(0.002, 0.008)), 4),
            "duration_weeks": {
                "distribution": "lognormal",
                "median": 1.0,
                "sigma": 0.6,
            },
        }
        for zone in zones
    ]
    cyber.append(
        {
            "id": f"{zones[0]}-it-incident",
            "network_zone": zones[0],
            "target": "it",
            "probability_per_week": 0.008,
            "duration_weeks": _triangular(0.5, 1, 3),
        }
    )
    supplier_risks = [
        {
            "id": f"{supplier['id']}-{_supplier_risk_kind(supplier)}",
            "supplier": supplier["id"],
            "kind": _supplier_risk_kind(supplier),
            "probability_per_week": round(float(rng.uniform(0.002, 0.02)), 4),
            "duration_weeks": _triangular(1, 2, 8),
        }
        for supplier in suppliers[:3]
    ]
    used = sorted(
        {
            operation["capability"]
            for item_id in [*items.program, *items.made]
            for operation in items.by_id[item_id].document["routing"]
        }
    )
    breakdowns = [
        {
            "id": f"{capability}-breakdowns",
            "capability": capability,
            "mtbf_hours": float(round(rng.uniform(150, 600))),
            "mttr_hours": float(round(rng.uniform(2, 10), 1)),
        }
        for capability in used[:4]
    ]
    opt_out = []
    for draft in drafts:
        for pool in draft.document["workforce"][:1]:
            share = pool["volunteer_share"]
            opt_out.append(
                {
                    "id": f"{draft.id}-{pool['skill']}-opt-out",
                    "site": draft.id,
                    "skill": pool["skill"],
                    "volunteer_share": _triangular(
                        0.7 * share, share, min(1.0, 1.2 * share)
                    ),
                    "absence_rate": 0.05,
                }
            )
    learning = []
    for program_id in items.program:
        rate = items.by_id[program_id].document["learning_rate"]
        learning.append(
            {
                "id": f"{program_id}-learning",
                "item": program_id,
                "learning_rate": _triangular(rate - 0.05, rate, min(1.0, rate + 0.07)),
            }
        )
    return {
        "site_disruptions": disruptions,
        "cyber_incidents": cyber,
        "supplier_risks": supplier_risks,
        "station_breakdowns": breakdowns,
        "staff_opt_out": opt_out[:3],
        "learning_uncertainty": learning,
    }


def draft_mitigations(
    risks: dict[str, Any], suppliers: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Mitigations of the first risks of each kind, and one combination of them."""
    mitigations: list[dict[str, Any]] = []
    if risks["site_disruptions"]:
        risk = risks["site_disruptions"][0]["id"]
        mitigations.append(
            {
                "id": "site-protection",
                "cost": 2_000_000.0,
                "lead_time_weeks": 8,
                "effects": [
                    {"risk": risk, "parameter": "probability_per_week", "multiply": 0.4}
                ],
            }
        )
    ot_risk = risks["cyber_incidents"][0]["id"]
    mitigations.append(
        {
            "id": "network-segmentation",
            "cost": 1_500_000.0,
            "lead_time_weeks": 16,
            "effects": [
                {"risk": ot_risk, "parameter": "probability_per_week", "multiply": 0.3},
                {"risk": ot_risk, "parameter": "duration_weeks", "multiply": 0.5},
            ],
        }
    )
    failures = [r for r in risks["supplier_risks"] if r["kind"] == "failure"]
    if failures:
        supplier = next(s for s in suppliers if s["id"] == failures[0]["supplier"])
        mitigations.append(
            {
                "id": "dual-sourcing",
                "cost": 3_000_000.0,
                "lead_time_weeks": 26,
                "effects": [
                    {
                        "risk": failures[0]["id"],
                        "parameter": "capacity_loss_share",
                        "set": 0.5,
                    }
                ],
            }
        )
        mitigations.append(
            {
                "id": "buffer-stock",
                "cost": float(
                    round(4 * supplier["capacity_per_week"] * supplier["unit_cost"])
                ),
                "buffer_stock": [
                    {
                        "item": supplier["item"],
                        "site": site,
                        "units": float(supplier["capacity_per_week"]),
                    }
                    for site in supplier["sites"]
                ],
            }
        )
    combinations = []
    if len(mitigations) >= 2:
        combinations.append(
            {"id": "combined", "mitigations": [m["id"] for m in mitigations[:2]]}
        )
    return mitigations, combinations
