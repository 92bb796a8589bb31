"""Risks the simulator draws from, and the mitigations that change them."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from surgeplan.scenario.base import (
    Distribution,
    Id,
    Money,
    NonNegative,
    Positive,
    Probability,
    ScenarioModel,
    Share,
)
from surgeplan.scenario.reference_prior import ReferencePrior
from surgeplan.scenario.speech import gettext
from surgeplan.scenario.supply import SupplierRamp


class SiteDisruption(ScenarioModel):
    """A threat that stops a site (or part) for weeks: sabotage, protest, alert."""

    id: Id = Field(description="Id of the risk, unique among all risks.")
    site: Id = Field(description="Id of the site it stops.")
    probability_per_week: Probability = Field(
        description="Chance that it starts in a given week."
    )
    duration_weeks: Distribution = Field(description="How long it lasts, in weeks.")
    capacity_loss_share: Share = Field(
        default=1.0, description="Share of the site's capacity lost while it lasts."
    )
    description: str = Field(
        default="", max_length=500, description="What it is, for people."
    )


class CyberTarget(StrEnum):
    """What a cyber incident takes down."""

    IT = "it"
    OT = "ot"


class CyberIncident(ScenarioModel):
    """A cyber incident in a network zone: IT down stops re-planning, OT stops lines."""

    id: Id = Field(description="Id of the risk, unique among all risks.")
    network_zone: Id = Field(
        description="Network zone it hits: every site in the zone is affected."
    )
    target: CyberTarget = Field(
        description="`it`: stops re-planning; `ot`: stops the lines."
    )
    probability_per_week: Probability = Field(
        description="Chance that it starts in a given week."
    )
    duration_weeks: Distribution = Field(description="How long it lasts, in weeks.")
    description: str = Field(
        default="", max_length=500, description="What it is, for people."
    )


class SupplierRiskKind(StrEnum):
    """How a supplier lets the program down."""

    FAILURE = "failure"
    DELAY = "delay"


class SupplierRisk(ScenarioModel):
    """A supplier failing (ships nothing) or shipping late for some weeks."""

    id: Id = Field(description="Id of the risk, unique among all risks.")
    supplier: Id = Field(description="Id of the supplier.")
    kind: SupplierRiskKind = Field(
        description="`failure`: ships nothing; `delay`: ships late."
    )
    probability_per_week: Probability = Field(
        description="Chance that it starts in a given week."
    )
    duration_weeks: Distribution = Field(
        description="How long the failure lasts, or the extra delay of shipments."
    )
    capacity_loss_share: Share = Field(
        default=1.0, description="Share of the supplier's capacity lost while it lasts."
    )
    description: str = Field(
        default="", max_length=500, description="What it is, for people."
    )


class StationBreakdown(ScenarioModel):
    """Random breakdowns of the stations that have a capability."""

    id: Id = Field(description="Id of the risk, unique among all risks.")
    capability: Id = Field(description="Capability whose stations break down.")
    mtbf_hours: Positive = Field(description="Mean operating hours between failures.")
    mttr_hours: Positive = Field(description="Mean hours to repair.")


class StaffOptOut(ScenarioModel):
    """Uncertainty in how many people actually work on the program."""

    id: Id = Field(description="Id of the risk, unique among all risks.")
    site: Id = Field(description="Id of the site.")
    skill: Id = Field(description="Skill of the site's workforce pool.")
    volunteer_share: Distribution = Field(
        description="Share of the headcount that opts in, drawn once per run."
    )
    absence_rate: Annotated[float, Field(ge=0.0, lt=1.0)] = Field(
        default=0.0, description="Average share of qualified staff absent each week."
    )


class LearningUncertainty(ScenarioModel):
    """Uncertainty in an item's learning rate, drawn once per run."""

    id: Id = Field(description="Id of the risk, unique among all risks.")
    item: Id = Field(description="Id of the item.")
    learning_rate: Distribution = Field(
        description="Its learning rate as a distribution, in place of the item's own."
    )


class Risks(ScenarioModel):
    """Every risk of the scenario, by kind."""

    site_disruptions: list[SiteDisruption] = Field(
        default_factory=list,
        description="Threats that stop a site: sabotage, protest, alert.",
    )
    cyber_incidents: list[CyberIncident] = Field(
        default_factory=list, description="Cyber incidents by network zone."
    )
    supplier_risks: list[SupplierRisk] = Field(
        default_factory=list, description="Suppliers failing or shipping late."
    )
    supplier_ramps: list[SupplierRamp] = Field(
        default_factory=list,
        description="Supplier ramps that may start late or deliver less than promised.",
    )
    station_breakdowns: list[StationBreakdown] = Field(
        default_factory=list,
        description="Random breakdowns of stations, by capability.",
    )
    staff_opt_out: list[StaffOptOut] = Field(
        default_factory=list,
        description="Uncertain numbers of volunteers and absences.",
    )
    learning_uncertainty: list[LearningUncertainty] = Field(
        default_factory=list, description="Uncertain learning rates."
    )
    reference_prior: ReferencePrior = Field(
        default=ReferencePrior.NONE,
        description="`surges`: where the scenario gives no delay of its own for the "
        "programme (no gate of the product and no building conversion with "
        "`delay_weeks`), each run draws a slip from the slips of real programs "
        "against their first schedule (weeks to a milestone, reached over "
        "promised: 1.0-1.44 on record) and starts the plan's output that much "
        "later, scaled on the weeks to the first key milestone. `none`: no such "
        "slip.",
    )

    def all_ids(self) -> list[str]:
        """Ids of every risk, in declaration order."""
        groups = (
            self.site_disruptions,
            self.cyber_incidents,
            self.supplier_risks,
            self.supplier_ramps,
            self.station_breakdowns,
            self.staff_opt_out,
            self.learning_uncertainty,
        )
        return [risk.id for group in groups for risk in group]


RiskParameter = Literal[
    "probability_per_week",
    "duration_weeks",
    "capacity_loss_share",
    "mtbf_hours",
    "mttr_hours",
    "volunteer_share",
    "absence_rate",
    "learning_rate",
    "delivered_share",
]


class RiskEffect(ScenarioModel):
    """How a mitigation changes one parameter of one risk."""

    risk: Id = Field(description="Id of the risk it changes.")
    parameter: RiskParameter = Field(description="Parameter of that risk it changes.")
    multiply: NonNegative | None = Field(
        default=None, description="Multiply the parameter (a distribution: its scale)."
    )
    set: NonNegative | None = Field(
        default=None, description="Replace the parameter by this value."
    )

    @model_validator(mode="after")
    def _one_change(self) -> RiskEffect:
        if (self.multiply is None) == (self.set is None):
            raise ValueError(gettext("give exactly one of multiply or set"))
        return self


class BufferStock(ScenarioModel):
    """Extra stock of an item held at a site from the start."""

    item: Id = Field(description="Id of the item stocked.")
    site: Id = Field(description="Id of the site that holds it.")
    units: Positive = Field(description="Units held from the start.")


class Mitigation(ScenarioModel):
    """Something the program can pay for to reduce its risks."""

    id: Id = Field(description="Id of the mitigation, unique among mitigations.")
    name: str = Field(default="", max_length=200, description="Name for people.")
    cost: Money = Field(description="What it costs.")
    lead_time_weeks: Annotated[int, Field(ge=0, le=104)] = Field(
        default=0, description="Weeks before it takes effect."
    )
    effects: list[RiskEffect] = Field(
        default_factory=list, description="How it changes risks."
    )
    buffer_stock: list[BufferStock] = Field(
        default_factory=list, description="Extra stock it pays for."
    )

    @model_validator(mode="after")
    def _does_something(self) -> Mitigation:
        if not self.effects and not self.buffer_stock:
            raise ValueError(gettext("a mitigation needs effects or buffer_stock"))
        return self


class MitigationCombination(ScenarioModel):
    """Mitigations evaluated together."""

    id: Id = Field(description="Id of the combination.")
    mitigations: list[Id] = Field(
        min_length=2,
        description="Ids of the mitigations evaluated together; at least two.",
    )
