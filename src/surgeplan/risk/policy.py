"""How a simulated run reacts to lost output, and where its batches run."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

BATCH_RUNS = 1_000


class RecoveryPolicy(BaseModel):
    """What the program does when a bucket makes less than the plan.

    Every part can be switched off; `RecoveryPolicy.none()` switches all of them off,
    so that lost output is simply lost.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    carry_backlog: bool = Field(
        default=True,
        description="Units not made are made later, when capacity frees.",
    )
    use_spare_capacity: bool = Field(
        default=True,
        description="The plan's unused hours and unused overtime (and suppliers' "
        "unused capacity) can make backlog.",
    )
    move_production: bool = Field(
        default=True,
        description="Backlog moves to another site making the same item, if a lane "
        "from there reaches the delivery point.",
    )
    reaction_delay_weeks: float = Field(
        default=2.0,
        ge=0.0,
        le=52.0,
        description="Weeks a site must be in backlog before production moves.",
    )

    @classmethod
    def none(cls) -> RecoveryPolicy:
        """No recovery at all: what is lost stays lost."""
        return cls(carry_backlog=False, use_spare_capacity=False, move_production=False)


class Executor(StrEnum):
    """Where batches of runs are computed."""

    LOCAL = "local"
    DASK = "dask"
