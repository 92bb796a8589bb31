"""The risk report: the odds of each milestone, the delivery fan, each risk's share.

Saved as `risk.json` (`format: surgeplan-risk/1`); docs/risk.md describes every field.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from surgeplan.display import Summarized, Summary, day, share, whole
from surgeplan.risk.policy import RecoveryPolicy
from surgeplan.risk.targets import RiskKind

if TYPE_CHECKING:
    import pandas as pd

RISK_FORMAT: Final = "surgeplan-risk/1"


class ReportModel(BaseModel):
    """Base of report types: immutable, strict."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class ReachedDate(ReportModel):
    """By when a share of the runs has reached a milestone's quantity."""

    quantile: float = Field(description="Share of runs, e.g. 0.9 for P90.")
    bucket: int | None = Field(
        description="Bucket it is reached in; null if beyond the horizon."
    )
    date: dt.date | None = Field(
        description="Last day of that bucket; beyond the horizon, estimated at the "
        "plan's final delivery rate; null if the plan delivers nothing at its end."
    )
    days_late: int | None = Field(
        description="Days after the due date (0 when on time); null without a date."
    )
    is_within_horizon: bool = Field(
        description="False when fewer than this share of runs reach it in the horizon "
        "(the date is then an estimate)."
    )


class MilestoneOdds(ReportModel):
    """How likely a milestone is, and when its quantity is reached."""

    id: str
    item: str
    delivery_point: str
    quantity: float
    due_date: dt.date
    due_bucket: int
    planned_met_bucket: int | None = Field(description="Where the plan meets it.")
    probability_on_time: float = Field(description="Share of runs meeting it by due.")
    probability_within_horizon: float = Field(
        description="Share of runs reaching the quantity at all in the horizon."
    )
    reached: list[ReachedDate] = Field(description="P10, P50 and P90 dates.")
    expected_shortfall_at_due: float = Field(
        description="Mean units missing at the due bucket (0 for a run on time)."
    )
    delivered_by_due_p10: float = Field(description="Units by due in the worst 10 %.")
    delivered_by_due_mean: float


class FanPoint(ReportModel):
    """Cumulative deliveries of an item at a delivery point at the end of a bucket."""

    item: str
    delivery_point: str
    bucket: int
    date: dt.date = Field(description="Last day of the bucket.")
    planned: float
    mean: float
    p10: float
    p50: float
    p90: float


class MilestoneChange(ReportModel):
    """A variant against the baseline for one milestone (positive is better)."""

    milestone: str
    p90_days_gained: float = Field(
        description="Days the P90 date moves earlier (negative: later)."
    )
    probability_gained: float = Field(description="Change of the on-time probability.")
    is_estimated: bool = Field(
        description="Whether a P90 date lies beyond the horizon, so that the gain "
        "rests on the plan's final delivery rate."
    )


class RiskContribution(ReportModel):
    """What switching one risk off (same draws) would change."""

    risk: str
    kind: RiskKind
    key_milestone: MilestoneChange
    milestones: list[MilestoneChange]


class RiskReport(Summarized, ReportModel):
    """The outcome of `surgeplan simulate`."""

    format: Literal["surgeplan-risk/1"] = RISK_FORMAT
    scenario_name: str
    scenario_hash: str
    plan_scenario_hash: str = Field(description="Scenario hash the plan was made for.")
    runs: int
    seed: int
    batch_runs: int
    contribution_runs: int = Field(
        description="Runs the contributions were measured on (the first ones)."
    )
    policy: RecoveryPolicy
    horizon_end: dt.date
    key_milestone: str = Field(
        description="Milestone used for contributions: the last by due date."
    )
    milestones: list[MilestoneOdds]
    fan: list[FanPoint]
    contributions: list[RiskContribution] = Field(
        description="One per risk, largest P90 gain first; empty when not asked for."
    )

    def milestone(self, milestone_id: str) -> MilestoneOdds:
        """The odds of one milestone."""
        for odds in self.milestones:
            if odds.id == milestone_id:
                return odds
        raise KeyError(milestone_id)

    def table(self, name: Literal["milestones", "fan"]) -> pd.DataFrame:
        """The milestones' odds (indexed by due date) or the fan (by bucket end date).

        A milestone's P10, P50 and P90 dates are columns `p10_date` … `p90_date`.
        """
        import pandas as pd

        if name == "fan":
            rows = [point.model_dump() for point in self.fan]
            frame = pd.DataFrame(rows, columns=list(FanPoint.model_fields))
            return frame.set_index(pd.DatetimeIndex(frame.pop("date"), name="date"))
        if name != "milestones":
            raise KeyError(f"no table {name!r}; tables: milestones, fan")
        records = []
        for odds in self.milestones:
            record = odds.model_dump(exclude={"reached"})
            for reached in odds.reached:
                record[f"p{round(reached.quantile * 100)}_date"] = reached.date
            records.append(record)
        frame = pd.DataFrame(records)
        return frame.set_index(pd.DatetimeIndex(frame.pop("due_date"), name="due_date"))

    def summary(self) -> Summary:
        """Runs and the odds of each milestone, for repr and notebooks."""
        key = self.milestone(self.key_milestone) if self.milestones else None
        facts = [("runs", whole(self.runs)), ("seed", str(self.seed))]
        if key is not None:
            facts.append((f"P(on time) of {key.id}", share(key.probability_on_time)))
        return Summary(
            title=self.scenario_name,
            facts=facts,
            headers=("milestone", "due", "P(on time)", "P50", "P90"),
            rows=[
                (
                    odds.id,
                    day(odds.due_date),
                    share(odds.probability_on_time),
                    *(_reached_by(odds, quantile) for quantile in (0.5, 0.9)),
                )
                for odds in self.milestones
            ],
        )

    def to_json(self) -> str:
        """The report as `risk.json` text."""
        return self.model_dump_json(indent=1) + "\n"

    def save(self, path: str | Path) -> Path:
        """Write `risk.json`."""
        target = Path(path)
        target.write_text(self.to_json(), encoding="utf-8")
        return target


def _reached_by(odds: MilestoneOdds, quantile: float) -> str:
    """The date a share of the runs has reached the milestone by, or a dash."""
    dates = [reached.date for reached in odds.reached if reached.quantile == quantile]
    return day(dates[0] if dates else None)


def load_risk_report(path: str | Path) -> RiskReport:
    """Read a `risk.json` written by `surgeplan simulate`."""
    return RiskReport.model_validate_json(Path(path).read_text(encoding="utf-8"))
