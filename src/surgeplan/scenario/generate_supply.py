"""Suppliers and workforce pools of generated scenarios, sized from program rates."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np

from surgeplan.scenario.generate_demand import RAMP_SHARE_OF_HORIZON, ProgramRates
from surgeplan.scenario.generate_items import ItemsDraft
from surgeplan.scenario.generate_sites import COUNTRIES, SiteDraft

SUPPLY_MARGIN = 1.5
LABOUR_MARGIN = 1.6
HOURS_PER_PERSON = 35.0


def supplier_lead_weeks(rng: np.random.Generator, items: ItemsDraft) -> dict[str, int]:
    """Lead time of each bought item's suppliers, drawn before the suppliers."""
    return {item_id: int(rng.integers(1, 7)) for item_id in items.bought}


def _ramp(
    capacity: float, lead: int, start: dt.date, weeks: int
) -> list[dict[str, Any]]:
    full_week = max(2, round(RAMP_SHARE_OF_HORIZON * weeks) - lead)
    half_week = max(1, full_week // 2)
    steps = [(0, 0.35), (half_week, 0.7), (full_week, 1.0)]
    return [
        {
            "from_date": start + dt.timedelta(weeks=week),
            "units_per_week": float(math.ceil(share * capacity)),
        }
        for week, share in steps
    ]


def draft_suppliers(
    rng: np.random.Generator,
    items: ItemsDraft,
    rates: ProgramRates,
    lead_weeks: dict[str, int],
    start: dt.date,
    weeks: int,
) -> list[dict[str, Any]]:
    """One or two suppliers per bought item, delivering to the sites that use it."""
    suppliers: list[dict[str, Any]] = []
    per_unit = {p: items.units_per(p) for p in items.program}
    for item_id in items.bought:
        need = sum(
            rates.units_per_week[p] * per_unit[p].get(item_id, 0.0)
            for p in items.program
        )
        sites = sorted(
            {
                s
                for parent in items.parents_of(item_id)
                for s in items.by_id[parent].sites
            }
        )
        count = 1 if rng.random() < 0.6 else 2
        share = SUPPLY_MARGIN if count == 1 else 0.9
        unit_cost = float(round(rng.uniform(20, 2000)))
        for number in range(count):
            capacity = float(max(1, math.ceil(share * need)))
            supplier: dict[str, Any] = {
                "id": f"{item_id}-supplier-{number + 1}",
                "item": item_id,
                "sites": sites,
                "country": COUNTRIES[int(rng.integers(len(COUNTRIES)))],
                "lead_time_weeks": lead_weeks[item_id],
                "capacity_per_week": capacity,
                "unit_cost": float(round(unit_cost * rng.uniform(0.9, 1.1))),
                "is_single_source": count == 1,
            }
            if rng.random() < 0.5:
                supplier["capacity_ramp"] = _ramp(
                    capacity, lead_weeks[item_id], start, weeks
                )
            if rng.random() < 0.3:
                supplier["minimum_order_units"] = float(max(1, round(0.15 * need)))
            suppliers.append(supplier)
    return suppliers


def draft_workforce(
    rng: np.random.Generator, drafts: list[SiteDraft], rates: ProgramRates, weeks: int
) -> None:
    """A pool per skill the program needs at each site, big enough with training."""
    for draft in drafts:
        skills = sorted(
            skill
            for site_id, skill in rates.labour_by_site_skill
            if site_id == draft.id
        )
        pools = []
        for skill in skills:
            need = rates.labour_by_site_skill[(draft.id, skill)]
            volunteers = max(
                2, math.ceil(LABOUR_MARGIN * need / (HOURS_PER_PERSON * 1.1))
            )
            share = round(float(rng.uniform(0.1, 0.3)), 2)
            headcount = math.ceil(volunteers / share) + 1
            volunteers = int(headcount * share + 1e-9)
            pools.append(
                {
                    "skill": skill,
                    "headcount": headcount,
                    "volunteer_share": share,
                    "initially_qualified": max(1, math.ceil(0.3 * volunteers)),
                    "hours_per_week": HOURS_PER_PERSON,
                    "hourly_cost": float(round(rng.uniform(25, 60))),
                    "training_lead_time_weeks": int(rng.integers(2, 9)),
                    "trainees_per_week_max": max(
                        1, math.ceil(volunteers / (0.25 * weeks))
                    ),
                    "training_cost_per_person": float(
                        round(rng.uniform(2e3, 1.2e4), -2)
                    ),
                    "hires_per_week_max": int(rng.integers(1, 5)),
                    "hires_max_total": max(1, math.ceil(0.2 * volunteers)),
                    "hire_lead_time_weeks": int(rng.integers(4, 13)),
                    "hiring_cost_per_person": float(round(rng.uniform(2e3, 1e4), -2)),
                }
            )
        draft.document["workforce"] = pools
