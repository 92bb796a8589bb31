"""Synthetic items for generated scenarios: program items, multi-level BOMs, lanes.

Every made item gets a routing from capabilities its site has today (and a second site
when another one has them all), so no route exists that can never happen; every made
component goes into a parent, and a lane joins each site making it to each site
using it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from surgeplan.scenario.generate_sites import (
    ASSEMBLY_CAPABILITIES,
    CAPABILITY_SKILLS,
    SiteDraft,
)


@dataclass
class ItemDraft:
    """An item being generated, with the sites that make it."""

    document: dict[str, Any]
    sites: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        """The item's id."""
        item_id: str = self.document["id"]
        return item_id


@dataclass
class ItemsDraft:
    """The generated items by role, and the delivery point of each program item."""

    program: list[str]
    made: list[str]
    bought: list[str]
    by_id: dict[str, ItemDraft]
    delivery_point_of: dict[str, str]

    def parents_of(self, item_id: str) -> list[str]:
        """Made items whose BOM holds this item."""
        return [
            draft.id
            for draft in self.by_id.values()
            if any(line["item"] == item_id for line in draft.document.get("bom", []))
        ]

    def units_per(self, program_id: str) -> dict[str, float]:
        """Units of each item in one unit of a program item (itself included)."""
        totals: dict[str, float] = {}

        def walk(item_id: str, quantity: float) -> None:
            totals[item_id] = totals.get(item_id, 0.0) + quantity
            for line in self.by_id[item_id].document.get("bom", []):
                walk(line["item"], quantity * line["quantity_per"])

        walk(program_id, 1.0)
        return totals


def item_counts(items: int) -> tuple[int, int, int, int]:
    """How many program, made component, bought and core items make `items` in all."""
    program = min(items, items // 10 + 1)
    core = 0 if items < 5 else max(1, round(items * 0.15))
    bought = 0 if items < 3 else max(1, round(items * 0.25))
    made = items - program - core - bought
    return program, made, bought, core


def _routing(
    rng: np.random.Generator, capabilities: list[str], floor: float, is_program: bool
) -> list[dict[str, Any]]:
    preferred = [c for c in ASSEMBLY_CAPABILITIES if c in capabilities]
    pool = preferred if is_program and preferred else capabilities
    count = min(len(pool), int(rng.integers(1, 3 if is_program else 4)))
    chosen = [str(c) for c in rng.choice(pool, size=count, replace=False)]
    operations = []
    for capability in chosen:
        mature = float(rng.uniform(1.0, 6.0) if is_program else rng.uniform(0.5, 4.0))
        hours = round(mature / floor, 2)
        skill = CAPABILITY_SKILLS[capability]
        operations.append(
            {
                "id": capability,
                "capability": capability,
                "hours_per_unit": hours,
                "labour_hours_by_skill": {
                    skill: round(hours * float(rng.uniform(1.0, 1.6)), 2)
                },
            }
        )
    return operations


def _made_item(
    rng: np.random.Generator,
    item_id: str,
    kind: str,
    site: SiteDraft,
    drafts: list[SiteDraft],
) -> ItemDraft:
    is_program = kind == "program"
    learning = float(rng.uniform(0.78, 0.88) if is_program else rng.uniform(0.8, 0.93))
    floor = float(rng.uniform(0.2, 0.4) if is_program else rng.uniform(0.25, 0.5))
    routing = _routing(rng, site.capabilities, floor, is_program)
    sites = [site.id]
    needed = {operation["capability"] for operation in routing}
    others = [d.id for d in drafts if d.id != site.id and needed <= set(d.capabilities)]
    if not is_program and others and rng.random() < 0.3:
        sites.append(others[int(rng.integers(len(others)))])
    document = {
        "id": item_id,
        "kind": kind,
        "routing": routing,
        "bom": [],
        "learning_rate": round(learning, 2),
        "learning_floor_share": round(floor, 2),
        "material_cost_per_unit": float(
            round(rng.uniform(200, 2000) if is_program else rng.uniform(50, 800))
        ),
        "holding_cost_per_unit_week": float(round(rng.uniform(1, 20), 1)),
    }
    return ItemDraft(document, sites)


def _add_line(parent: ItemDraft, child: str, rng: np.random.Generator) -> None:
    lines: list[dict[str, Any]] = parent.document["bom"]
    if child != parent.id and all(line["item"] != child for line in lines):
        lines.append(
            {"item": child, "quantity_per": float(rng.choice([1, 1, 1, 2, 4]))}
        )


def draft_items(
    rng: np.random.Generator,
    drafts: list[SiteDraft],
    items: int,
    delivery_points: list[str],
) -> ItemsDraft:
    """Program items, made components on two BOM levels and bought components."""
    n_program, n_made, n_bought, _ = item_counts(items)
    assembly_sites = [
        d for d in drafts if set(d.capabilities) & set(ASSEMBLY_CAPABILITIES)
    ] or drafts
    by_id: dict[str, ItemDraft] = {}
    program = [f"program-{i + 1:02d}" for i in range(n_program)]
    for index, item_id in enumerate(program):
        site = (
            drafts[0]
            if index == 0
            else assembly_sites[int(rng.integers(len(assembly_sites)))]
        )
        by_id[item_id] = _made_item(rng, item_id, "program", site, drafts)
    made = [f"component-{i + 1:02d}" for i in range(n_made)]
    for item_id in made:
        site = drafts[int(rng.integers(len(drafts)))]
        by_id[item_id] = _made_item(rng, item_id, "component", site, drafts)
    bought = [f"purchased-{i + 1:02d}" for i in range(n_bought)]
    for item_id in bought:
        by_id[item_id] = ItemDraft(
            {"id": item_id, "kind": "component", "sourcing": "buy"}
        )

    first_level = made[: math.ceil(0.6 * len(made))]
    second_level = made[len(first_level) :]
    for index, item_id in enumerate(first_level):
        parent = program[index % len(program)]
        _add_line(by_id[parent], item_id, rng)
    for index, item_id in enumerate(second_level):
        parent = first_level[index % len(first_level)]
        _add_line(by_id[parent], item_id, rng)
        if len(first_level) > 1 and rng.random() < 0.2:
            _add_line(
                by_id[first_level[int(rng.integers(len(first_level)))]], item_id, rng
            )
    makeable = [*program, *made]
    for index, item_id in enumerate(bought):
        _add_line(by_id[makeable[index % len(makeable)]], item_id, rng)
    for draft in by_id.values():
        if not draft.document.get("bom"):
            draft.document.pop("bom", None)
    points = {
        item_id: delivery_points[i % len(delivery_points)]
        for i, item_id in enumerate(program)
    }
    return ItemsDraft(program, made, bought, by_id, points)


def program_capabilities(items: ItemsDraft) -> dict[str, set[str]]:
    """Capabilities each site uses for program items and their made components."""
    found: dict[str, set[str]] = {}
    for item_id in [*items.program, *items.made]:
        draft = items.by_id[item_id]
        for site_id in draft.sites:
            found.setdefault(site_id, set()).update(
                operation["capability"] for operation in draft.document["routing"]
            )
    return found


def draft_lanes(rng: np.random.Generator, items: ItemsDraft) -> list[dict[str, Any]]:
    """Lanes from each site making an item to each site or delivery point using it."""
    carried: dict[tuple[str, str], set[str]] = {}
    for item_id in items.made:
        for parent in items.parents_of(item_id):
            for origin in items.by_id[item_id].sites:
                for destination in items.by_id[parent].sites:
                    # A second site making it feeds the parent's site too.
                    if destination != origin:
                        carried.setdefault((origin, destination), set()).add(item_id)
    for item_id in items.program:
        for origin in items.by_id[item_id].sites:
            key = (origin, items.delivery_point_of[item_id])
            carried.setdefault(key, set()).add(item_id)
    lanes = []
    for (origin, destination), carried_items in sorted(carried.items()):
        lanes.append(
            {
                "id": f"{origin}-to-{destination}",
                "origin": origin,
                "destination": destination,
                "items": sorted(carried_items),
                "lead_time_weeks": int(rng.integers(1, 3)),
                "cost_per_unit": float(round(rng.uniform(5, 60))),
            }
        )
    return lanes
