"""What a plan aims at beyond the scenario's due dates: earlier aims and a reserve.

A plan that meets every milestone on its due date with no slack is late as soon as
anything goes wrong. Plans made to a confidence (`surgeplan.confidence`) ask the
planner for two kinds of margin, both measured later by the risk simulation:

- an **aim** per milestone: meet it this many weeks before its due date. Unlike the
  scenario's planning buffer (`plan_ahead_weeks`, a soft wish that only cheap changes
  serve), an aim set here weighs a tenth of lateness, so the planner buys capacity
  (shifts, conversions, people) to meet it. The aim falls in the bucket holding
  `due date - weeks`: the scenario's buckets are kept, so the plan still pairs with
  the scenario it was made from.
- a **reserve**: a share of the program's hours on each work center and workforce
  pool, and of each supplier's capacity, that the plan keeps free where it can buy
  the capacity (a shift, trainees, a conversion, another source) for less than the
  reserve's weight, and gives up where capacity runs out, so a reserve never makes
  a plan late. Always-on losses (absences, breakdowns, learning slower than
  planned, fewer volunteers) then eat into the reserve rather than into deliveries,
  and a late run has room to catch up all along its chain. The plan's records show
  the full capacity, so the simulation sees the reserve as spare capacity.

Lateness is still measured against the due dates, and every constraint of the
scenario holds (`surgeplan check`), with or without targets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# An aim set here weighs this share of lateness per unit-week: enough to buy capacity,
# never enough to trade a due date for an aim.
AIM_SHARE_OF_LATENESS = 0.1
RESERVE_SHARE_MAX = 0.5


@dataclass(frozen=True)
class PlanTargets:
    """Aims per milestone (weeks before its due date) and a capacity reserve share."""

    aim_weeks_ahead: Mapping[str, float] = field(default_factory=dict)
    reserve_share: float = 0.0

    def __post_init__(self) -> None:
        if not 0.0 <= self.reserve_share <= RESERVE_SHARE_MAX:
            raise ValueError(
                f"reserve_share {self.reserve_share} is outside 0 to "
                f"{RESERVE_SHARE_MAX}"
            )
        for milestone_id, weeks in self.aim_weeks_ahead.items():
            if weeks < 0:
                raise ValueError(f"aim of {milestone_id!r}: {weeks} weeks ahead < 0")

    @property
    def is_empty(self) -> bool:
        """True when the plan aims at the scenario's dates and keeps no reserve."""
        return not self.aim_weeks_ahead and self.reserve_share == 0.0

    @property
    def kept_share(self) -> float:
        """The share of program capacity the plan may use."""
        return 1.0 - self.reserve_share
