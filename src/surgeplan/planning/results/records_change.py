"""What a re-plan or a change of demand records in the new plan, for the plan diff.

A plan made from another one (a re-plan from the program's state, a demand change
applied to a running program) says which plan it came from, why, and which decisions
of the frozen weeks it could not keep; `surgeplan diff` names that cause.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class ChangeKind(StrEnum):
    """What made the program plan again."""

    REPLAN = "replan"
    SCALE_UP = "scale_up"
    SCALE_DOWN = "scale_down"


class AnchoredDecision(StrEnum):
    """The old plan's decisions a re-plan tries to keep."""

    PRODUCTION = "production"
    PURCHASE = "purchase"


class FrozenChangeRecord(BaseModel):
    """A decision of a frozen week the re-plan could not keep."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    decision: AnchoredDecision = Field(description="Production or purchase.")
    what: str = Field(description="Item (production) or supplier (purchase).")
    site: str = Field(description="Site making or receiving the units.")
    bucket: int = Field(description="Bucket of the new plan.")
    old_units: float = Field(description="Units in the old plan.")
    new_units: float = Field(description="Units in the new plan.")


class ChangeRecord(BaseModel):
    """Where a plan made from another plan came from and why."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: ChangeKind = Field(description="replan, scale_up or scale_down.")
    cause: str = Field(description="The input change that caused the new plan.")
    based_on_plan_hash: str = Field(description="SHA-256 of the old plan.")
    status_week: int = Field(description="Weeks of the old plan that are the past.")
    start_date: dt.date = Field(description="First day of the new plan.")
    frozen_weeks: int = Field(description="Weeks whose old decisions were kept.")
    frozen_changes: list[FrozenChangeRecord] = Field(
        default_factory=list,
        description="Frozen decisions that broke (could not be kept).",
    )
