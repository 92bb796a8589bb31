"""Large synthetic scenarios for the planner's scaling benchmark.

`generate_scenario` builds a valid scenario of a chosen size from a seed: sites with
capabilities, work centers (stations, efficiency, shift patterns, some conversions, core
load), a workforce pool per skill and site, program items with multi-level BOMs of
components made across sites and bought from suppliers, core products with protected
demand, lanes, increasing milestones, economics and a few risks. The same arguments
always give the same scenario (and the same YAML text).

Every part draws from its own random stream (`SeedSequence.spawn`), so that, for one
seed, the sites do not change when only the number of items does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np

from surgeplan.scenario.formats import SCENARIO_FORMAT
from surgeplan.scenario.generate_demand import (
    draft_core,
    draft_milestones,
    program_rates,
)
from surgeplan.scenario.generate_items import (
    draft_items,
    draft_lanes,
    item_counts,
    program_capabilities,
)
from surgeplan.scenario.generate_risks import (
    draft_economics,
    draft_mitigations,
    draft_risks,
)
from surgeplan.scenario.generate_sites import (
    COUNTRIES,
    add_conversions,
    add_core_load,
    draft_sites,
)
from surgeplan.scenario.generate_supply import (
    draft_suppliers,
    draft_workforce,
    supplier_lead_weeks,
)
from surgeplan.scenario.model import Scenario
from surgeplan.scenario.validation import unlocated, validate_data

START_DATE = dt.date(2027, 1, 4)
MIN_WEEKS = 13
MAX_WEEKS = 520


@dataclass(frozen=True)
class ScenarioSize:
    """How big a generated scenario is."""

    sites: int
    work_centers: int
    items: int
    weeks: int


SIZE_PRESETS: dict[str, ScenarioSize] = {
    "S": ScenarioSize(sites=2, work_centers=30, items=3, weeks=52),
    "M": ScenarioSize(sites=5, work_centers=100, items=15, weeks=104),
    "L": ScenarioSize(sites=10, work_centers=200, items=40, weeks=104),
}


def _check_size(sites: int, work_centers: int, items: int, weeks: int) -> None:
    if not 1 <= sites <= 100:
        raise ValueError(f"sites must be between 1 and 100 (got {sites})")
    if not sites <= work_centers <= 10_000:
        raise ValueError(
            f"work centers must be at least the number of sites ({sites}) and at most "
            f"10,000 (got {work_centers})"
        )
    if not 1 <= items <= 1_000:
        raise ValueError(f"items must be between 1 and 1,000 (got {items})")
    if not MIN_WEEKS <= weeks <= MAX_WEEKS:
        raise ValueError(
            f"weeks must be between {MIN_WEEKS} and {MAX_WEEKS} (got {weeks})"
        )


def generate_document(
    sites: int,
    work_centers: int,
    items: int,
    weeks: int,
    seed: int,
    detailed_weeks: int | None = None,
) -> dict[str, Any]:
    """The generated scenario as plain data, before validation.

    `detailed_weeks` plans weeks up to it and 4-week buckets after it (see
    `Program.detailed_weeks`); the data drawn is the same with or without it.
    """
    _check_size(sites, work_centers, items, weeks)
    if detailed_weeks is not None and not 1 <= detailed_weeks <= weeks:
        raise ValueError(
            f"detailed weeks must be between 1 and the {weeks} weeks of the horizon "
            f"(got {detailed_weeks})"
        )
    streams = [
        np.random.default_rng(child) for child in np.random.SeedSequence(seed).spawn(6)
    ]
    site_rng, item_rng, core_rng, demand_rng, supply_rng, risk_rng = streams
    drafts = draft_sites(site_rng, sites, work_centers, START_DATE, weeks)
    points = [f"customer-{i + 1}" for i in range(min(3, 1 + sites // 4))]
    items_draft = draft_items(item_rng, drafts, items, points)
    add_conversions(site_rng, drafts, program_capabilities(items_draft), START_DATE)
    add_core_load(site_rng, drafts)
    core_items, core_demand, core_used = draft_core(
        core_rng, drafts, item_counts(items)[3]
    )
    rates = program_rates(demand_rng, drafts, items_draft, core_used, weeks)
    lead_weeks = supplier_lead_weeks(supply_rng, items_draft)
    suppliers = draft_suppliers(
        supply_rng, items_draft, rates, lead_weeks, START_DATE, weeks
    )
    draft_workforce(supply_rng, drafts, rates, weeks)
    milestones = draft_milestones(
        demand_rng, items_draft, rates, lead_weeks, START_DATE, weeks
    )
    risks = draft_risks(risk_rng, drafts, items_draft, suppliers)
    mitigations, combinations = draft_mitigations(risks, suppliers)
    product = items_draft.program[0]
    return {
        "format": SCENARIO_FORMAT,
        "program": {
            "name": f"Generated surge ({sites} sites, {work_centers} work centers, "
            f"{items} items, {weeks} weeks, seed {seed})",
            "currency": "EUR",
            "start_date": START_DATE,
            "time_bucket": "week",
            "horizon_buckets": weeks,
            **({} if detailed_weeks is None else {"detailed_weeks": detailed_weeks}),
            "product": product,
            "description": "Synthetic scenario from `surgeplan generate`.",
        },
        "sites": [draft.document for draft in drafts],
        "delivery_points": [
            {"id": point, "name": f"Customer depot {i + 1}", "country": COUNTRIES[i]}
            for i, point in enumerate(points)
        ],
        "items": [
            *(items_draft.by_id[i].document for i in items_draft.program),
            *(items_draft.by_id[i].document for i in items_draft.made),
            *(items_draft.by_id[i].document for i in items_draft.bought),
            *core_items,
        ],
        "suppliers": suppliers,
        "lanes": draft_lanes(item_rng, items_draft),
        "demand": {"milestones": milestones, "core": core_demand},
        "economics": draft_economics(items_draft, rates, suppliers),
        "risks": risks,
        "mitigations": mitigations,
        "mitigation_combinations": combinations,
    }


def generate_scenario(
    sites: int,
    work_centers: int,
    items: int,
    weeks: int,
    seed: int,
    detailed_weeks: int | None = None,
) -> Scenario:
    """A valid synthetic scenario of this size, the same for the same seed.

    Raises:
        ValueError: a size out of range (e.g. fewer work centers than sites).
        ScenarioError: the generated data fails validation (a bug of the generator).
    """
    document = generate_document(
        sites, work_centers, items, weeks, seed, detailed_weeks
    )
    return validate_data(document, unlocated("generated"))


def generate_preset(size: str, seed: int) -> Scenario:
    """A scenario of a preset size: S, M or L (see `SIZE_PRESETS`)."""
    preset = SIZE_PRESETS[size]
    return generate_scenario(
        preset.sites, preset.work_centers, preset.items, preset.weeks, seed
    )
