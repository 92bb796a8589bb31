"""Demand for generated scenarios: core products, program rates and milestones.

Core demand takes a modest share of the capacity that no conversion can take away, so it
is always feasible. Program items get full weekly rates first; then the hours of the
operations on each capability of each site are scaled so that the program loads it to
a share of its free capacity drawn between `LOAD_RANGE` (higher where a conversion can
add capacity, so that some conversions, third shifts or overtime are needed). Milestones
follow a linear ramp to the full rates, discounted by `MILESTONE_SHARE` so that most of
them can be met.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from surgeplan.scenario.generate_items import ItemsDraft, program_capabilities
from surgeplan.scenario.generate_sites import SiteDraft, firm_capacity, program_capacity

CORE_SHARE = 0.12
RATE_RANGE = (20.0, 150.0)
# Loads at the hours of the end of the ramp; learning goes on after it and milestones
# allow building ahead, so the plan's own utilisation ends up lower (about 0.5-0.7 on
# average, with third shifts and some conversions decided in a good share of seeds).
LOAD_RANGE = (0.7, 1.0)
LOAD_RANGE_WITH_CONVERSION = (1.3, 1.7)
MOST_LOAD_WITH_CONVERSIONS = 1.25
FIRST_UNIT_HOURS_RANGE = (0.05, 400.0)
MILESTONE_SHARE = 0.95
RAMP_SHARE_OF_HORIZON = 0.35
MILESTONE_EVERY_WEEKS = 13
MAX_LANE_WEEKS = 2

Key = tuple[str, str]


@dataclass
class ProgramRates:
    """Weekly rates of the program items at full rate, and what they need per site."""

    units_per_week: dict[str, float]
    hours_by_site_capability: dict[Key, float]
    labour_by_site_skill: dict[Key, float]


def draft_core(
    rng: np.random.Generator, drafts: list[SiteDraft], count: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[Key, float]]:
    """Core items, their protected weekly demand, and the hours they take per site."""
    items: list[dict[str, Any]] = []
    demands: list[dict[str, Any]] = []
    used: dict[Key, float] = {}
    for index in range(count):
        draft = drafts[index % len(drafts)]
        free = {
            capability: hours - used.get((draft.id, capability), 0.0)
            for capability, hours in sorted(firm_capacity(draft).items())
        }
        options = [capability for capability, hours in free.items() if hours > 10]
        if not options:
            continue
        size = min(len(options), int(rng.integers(1, 3)))
        chosen = [str(c) for c in rng.choice(options, size=size, replace=False)]
        hours = {c: round(float(rng.uniform(0.1, 0.8)), 2) for c in chosen}
        units = min(CORE_SHARE * free[c] / hours[c] for c in chosen)
        units = (
            float(np.floor(units / 10) * 10) if units >= 20 else float(np.floor(units))
        )
        if units < 1:
            continue
        item_id = f"core-{index + 1:02d}"
        items.append(
            {
                "id": item_id,
                "kind": "core",
                "routing": [
                    {"id": c, "capability": c, "hours_per_unit": hours[c]}
                    for c in chosen
                ],
            }
        )
        demands.append(
            {
                "item": item_id,
                "site": draft.id,
                "units_per_week": units,
                "shortfall_penalty_per_unit": float(round(rng.uniform(100, 2000))),
            }
        )
        for capability in chosen:
            key = (draft.id, capability)
            used[key] = used.get(key, 0.0) + units * hours[capability]
    return items, demands, used


def learning_factors(
    items: ItemsDraft, rates: dict[str, float], weeks: int
) -> dict[str, float]:
    """Share of first-unit hours each made item still takes when it reaches full rate.

    By Wright's law after the units made over the ramp; a high learning rate with a low
    floor may stay far above the floor over the whole horizon.
    """
    ramp = max(4.0, RAMP_SHARE_OF_HORIZON * weeks)
    units_per_week: dict[str, float] = {}
    for program_id, rate in rates.items():
        for item_id, quantity in items.units_per(program_id).items():
            units_per_week[item_id] = units_per_week.get(item_id, 0.0) + rate * quantity
    factors: dict[str, float] = {}
    for item_id, rate in units_per_week.items():
        document = items.by_id[item_id].document
        if "routing" not in document:
            continue
        made = rate * ramp / 2 / len(items.by_id[item_id].sites)
        exponent = math.log2(document["learning_rate"])
        factors[item_id] = max(
            (1.0 + made) ** exponent, document["learning_floor_share"]
        )
    return factors


def _needs(
    items: ItemsDraft, program_id: str, factors: dict[str, float]
) -> tuple[dict[Key, float], dict[Key, float]]:
    """Station and labour hours one unit of a program item needs per site, at rate."""
    hours: dict[Key, float] = {}
    labour: dict[Key, float] = {}
    for item_id, quantity in items.units_per(program_id).items():
        draft = items.by_id[item_id]
        if not draft.sites:
            continue
        share = quantity * factors[item_id] / len(draft.sites)
        for site_id in draft.sites:
            for operation in draft.document["routing"]:
                key = (site_id, operation["capability"])
                hours[key] = hours.get(key, 0.0) + share * operation["hours_per_unit"]
                for skill, value in operation["labour_hours_by_skill"].items():
                    labour[(site_id, skill)] = (
                        labour.get((site_id, skill), 0.0) + share * value
                    )
    return hours, labour


def _load(
    needs: dict[str, tuple[dict[Key, float], dict[Key, float]]], rates: dict[str, float]
) -> tuple[dict[Key, float], dict[Key, float]]:
    station: dict[Key, float] = {}
    labour: dict[Key, float] = {}
    for program_id, (station_hours, people) in needs.items():
        for key, value in station_hours.items():
            station[key] = station.get(key, 0.0) + rates[program_id] * value
        for key, value in people.items():
            labour[key] = labour.get(key, 0.0) + rates[program_id] * value
    return station, labour


def _scale_operations(items: ItemsDraft, scales: dict[Key, float]) -> None:
    """Scale station and labour hours of operations by their home site's factor."""
    low, high = FIRST_UNIT_HOURS_RANGE
    for item_id in [*items.program, *items.made]:
        draft = items.by_id[item_id]
        for operation in draft.document["routing"]:
            factor = scales.get((draft.sites[0], operation["capability"]), 1.0)
            hours = float(np.clip(operation["hours_per_unit"] * factor, low, high))
            factor = hours / operation["hours_per_unit"]
            operation["hours_per_unit"] = round(hours, 3)
            operation["labour_hours_by_skill"] = {
                skill: round(value * factor, 3)
                for skill, value in operation["labour_hours_by_skill"].items()
            }


def program_rates(
    rng: np.random.Generator,
    drafts: list[SiteDraft],
    items: ItemsDraft,
    core_used: dict[Key, float],
    weeks: int,
) -> ProgramRates:
    """Full rates, with operation hours scaled to load each capability to a drawn share.

    Changes the routings of `items` in place.
    """
    today: dict[Key, float] = {}
    converted: dict[Key, float] = {}
    used = program_capabilities(items)
    for site_id, capability in core_used:
        used.setdefault(site_id, set()).add(capability)
    for draft in drafts:
        site_used = used.get(draft.id, set())
        for capability, total in program_capacity(
            draft, site_used, with_conversions=False
        ).items():
            free = total - core_used.get((draft.id, capability), 0.0)
            today[(draft.id, capability)] = max(free, 1.0)
        for capability, total in program_capacity(draft, site_used).items():
            free = total - core_used.get((draft.id, capability), 0.0)
            converted[(draft.id, capability)] = max(free, 1.0)
    rates = {p: float(round(rng.uniform(*RATE_RANGE))) for p in items.program}
    factors = learning_factors(items, rates, weeks)
    station, _ = _load({p: _needs(items, p, factors) for p in items.program}, rates)
    scales: dict[Key, float] = {}
    for key in sorted(station):
        has_conversion = converted.get(key, 0.0) > today.get(key, 0.0) + 1.0
        share = float(
            rng.uniform(*(LOAD_RANGE_WITH_CONVERSION if has_conversion else LOAD_RANGE))
        )
        scales[key] = share * today.get(key, 1.0) / station[key]
    _scale_operations(items, scales)
    needs = {p: _needs(items, p, factors) for p in items.program}
    station, _ = _load(needs, rates)
    # An item made at two sites loads the second with the first site's hours; keep
    # every capability within reach of its capacity, conversions included.
    busiest = max(station[key] / converted.get(key, 1.0) for key in station)
    if busiest > MOST_LOAD_WITH_CONVERSIONS:
        rates = {
            p: rate * MOST_LOAD_WITH_CONVERSIONS / busiest for p, rate in rates.items()
        }
    station, labour = _load(needs, rates)
    return ProgramRates(rates, station, labour)


def ready_weeks(items: ItemsDraft, item_id: str, supplier_weeks: dict[str, int]) -> int:
    """Weeks before an item's first unit can be made, along its longest BOM path."""
    draft = items.by_id[item_id]
    if not draft.sites:
        return supplier_weeks.get(item_id, 0)
    longest = 0
    for line in draft.document.get("bom", []):
        child = items.by_id[line["item"]]
        crossing = child.sites and not set(child.sites) & set(draft.sites)
        transport = MAX_LANE_WEEKS if crossing else 0
        longest = max(longest, ready_weeks(items, child.id, supplier_weeks) + transport)
    return longest + 1


def ramp_profile(rate: float, first_week: int, weeks: int) -> np.ndarray[Any, Any]:
    """Units a week on a linear ramp from `first_week` to full rate."""
    ramp = max(4.0, RAMP_SHARE_OF_HORIZON * weeks)
    position = (np.arange(weeks) - first_week + 1) / ramp
    profile: np.ndarray[Any, Any] = rate * np.clip(position, 0.0, 1.0)
    return profile


def draft_milestones(
    rng: np.random.Generator,
    items: ItemsDraft,
    rates: ProgramRates,
    supplier_weeks: dict[str, int],
    start: dt.date,
    weeks: int,
) -> list[dict[str, Any]]:
    """Increasing cumulative milestones for every program item, about quarterly."""
    milestones: list[dict[str, Any]] = []
    step = (
        MILESTONE_EVERY_WEEKS
        if weeks >= 2 * MILESTONE_EVERY_WEEKS
        else max(2, weeks // 4)
    )
    for program_id in items.program:
        first = ready_weeks(items, program_id, supplier_weeks) + MAX_LANE_WEEKS
        profile = ramp_profile(rates.units_per_week[program_id], first, weeks)
        cumulative = MILESTONE_SHARE * np.cumsum(profile)
        due_weeks = [w for w in range(step - 1, weeks, step) if w >= first + 3]
        if not due_weeks or due_weeks[-1] != weeks - 1:
            due_weeks.append(weeks - 1)
        previous = 0.0
        penalty = float(round(rng.uniform(100, 1000), -1))
        for number, week in enumerate(due_weeks, start=1):
            quantity = max(float(np.floor(cumulative[week])), previous + 1.0)
            milestones.append(
                {
                    "id": f"{program_id}-m{number}",
                    "item": program_id,
                    "delivery_point": items.delivery_point_of[program_id],
                    "due_date": start + dt.timedelta(days=7 * week + 6),
                    "cumulative_quantity": quantity,
                    "late_penalty_per_unit_week": penalty,
                }
            )
            previous = quantity
    return milestones
