"""The scenario: everything surgeplan needs to plan, schedule and simulate a surge."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field, model_validator

from surgeplan.display import Summarized, Summary
from surgeplan.scenario.base import ScenarioModel
from surgeplan.scenario.calendar import Bucket, plan_buckets
from surgeplan.scenario.demand import Demand, Milestone
from surgeplan.scenario.economics import Economics
from surgeplan.scenario.formats import SCENARIO_FORMAT, upgraded
from surgeplan.scenario.items import Item, ItemKind
from surgeplan.scenario.program import Program
from surgeplan.scenario.risks import Mitigation, MitigationCombination, Risks
from surgeplan.scenario.sites import DeliveryPoint, Site, WorkCenter
from surgeplan.scenario.supply import Lane, Supplier


class Scenario(Summarized, ScenarioModel):
    """A surge scenario: industrial base, program, demand, economics and risks.

    Immutable: derive a variant with `scenario.updated({...})`, which validates again.
    """

    format: Literal["surgeplan/2"] = Field(
        description="Format and version of this document: 'surgeplan/2' "
        "('surgeplan/1' is read and upgraded; `surgeplan convert` rewrites the file)."
    )
    program: Program = Field(
        description="What is planned, from when, over which horizon."
    )
    sites: list[Site] = Field(
        min_length=1,
        description="Plants and assembly lines that can work on the program; "
        "at least one.",
    )
    delivery_points: list[DeliveryPoint] = Field(
        min_length=1, description="Where the customer takes delivery; at least one."
    )
    items: list[Item] = Field(
        min_length=1,
        description="The program's product, its components and the core products.",
    )
    suppliers: list[Supplier] = Field(
        default_factory=list, description="Sources of the bought items."
    )
    lanes: list[Lane] = Field(
        default_factory=list,
        description="Transport from sites to other sites and to delivery points.",
    )
    demand: Demand = Field(
        description="Program milestones and the core demand to protect."
    )
    economics: Economics = Field(
        description="Contract terms and overheads for the business case."
    )
    risks: Risks = Field(
        default_factory=Risks,
        description="What the risk simulation draws from; none by default.",
    )
    mitigations: list[Mitigation] = Field(
        default_factory=list,
        description="Actions the program can pay for to reduce its risks.",
    )
    mitigation_combinations: list[MitigationCombination] = Field(
        default_factory=list, description="Groups of mitigations evaluated together."
    )

    @model_validator(mode="before")
    @classmethod
    def _read_older_formats(cls, data: Any) -> Any:
        """A `surgeplan/1` document (a stored scenario, an old file) read as today's."""
        return upgraded(data)

    def site(self, site_id: str) -> Site:
        """The site with this id."""
        for site in self.sites:
            if site.id == site_id:
                return site
        raise KeyError(site_id)

    def item(self, item_id: str) -> Item:
        """The item with this id."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def supplier(self, supplier_id: str) -> Supplier:
        """The supplier with this id."""
        for supplier in self.suppliers:
            if supplier.id == supplier_id:
                return supplier
        raise KeyError(supplier_id)

    def work_centers(self) -> Iterator[tuple[Site, WorkCenter]]:
        """Every work center with its site, in declaration order."""
        for site in self.sites:
            for work_center in site.work_centers:
                yield site, work_center

    def items_of_kind(self, kind: ItemKind) -> list[Item]:
        """Items of one kind, in declaration order."""
        return [item for item in self.items if item.kind is kind]

    @property
    def product(self) -> Item:
        """The program's end item."""
        return self.item(self.program.product)

    def milestones_in_order(self) -> list[Milestone]:
        """Milestones sorted by due date, then quantity."""
        return sorted(
            self.demand.milestones,
            key=lambda milestone: (milestone.due_date, milestone.cumulative_quantity),
        )

    def plan_buckets(self) -> list[Bucket]:
        """The buckets plans of this scenario are made in (`calendar.plan_buckets`).

        The weeks of milestones' due dates and of the dates the planner aims at
        (each milestone's planning buffer earlier) end buckets.
        """
        dates = [milestone.due_date for milestone in self.demand.milestones]
        dates += [
            milestone.due_date - self.plan_ahead_of(milestone)
            for milestone in self.demand.milestones
            if self.plan_ahead_of(milestone)
        ]
        return plan_buckets(self.program, dates)

    def plan_ahead_of(self, milestone: Milestone) -> dt.timedelta:
        """The planning buffer of a milestone: its own, or else the program's."""
        own = milestone.plan_ahead
        return own if own is not None else self.program.plan_ahead

    def key_milestones(self) -> list[Milestone]:
        """The milestones the confidence target applies to: those marked key, or all."""
        ordered = self.milestones_in_order()
        marked = [milestone for milestone in ordered if milestone.is_key]
        return marked or ordered

    def summary(self) -> Summary:
        """Program, horizon, industrial base and milestones, for repr and notebooks."""
        program = self.program
        centers = sum(len(site.work_centers) for site in self.sites)
        center_word = "work center" if centers == 1 else "work centers"
        return Summary(
            title=program.name,
            facts=[
                ("product", program.product),
                (
                    "horizon",
                    f"{program.horizon_buckets} {program.time_bucket.value}s "
                    f"from {program.start_date}",
                ),
                ("sites", f"{len(self.sites)} ({centers} {center_word})"),
                ("items", str(len(self.items))),
                ("risks", str(len(self.risks.all_ids()))),
            ],
            headers=("milestone", "item", "due", "cumulative quantity"),
            rows=[
                (m.id, m.item, m.due_date.isoformat(), f"{m.cumulative_quantity:,.0f}")
                for m in self.milestones_in_order()
            ],
        )

    def to_dict(self) -> dict[str, Any]:
        """The scenario as plain data (JSON types), without fields left at default."""
        data: dict[str, Any] = self.model_dump(mode="json", exclude_defaults=True)
        data["format"] = SCENARIO_FORMAT
        return data

    def updated(self, changes: dict[str, Any]) -> Scenario:
        """A validated copy with top-level sections replaced (plain data or models)."""
        data = self.model_dump(mode="json")
        for key, value in changes.items():
            data[key] = (
                value.model_dump(mode="json")
                if isinstance(value, ScenarioModel)
                else value
            )
        return Scenario.model_validate(data)

    def lanes_from(self, origin: str) -> list[Lane]:
        """Lanes leaving a site."""
        return [lane for lane in self.lanes if lane.origin == origin]


def scenario_hash(scenario: Scenario) -> str:
    """SHA-256 of the scenario's canonical JSON: equal scenarios, equal hashes."""
    import hashlib
    import json

    canonical = json.dumps(
        scenario.model_dump(mode="json"), sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
