"""The risk report: the odds of each milestone, the delivery fan, each risk's share.

Saved as `risk.json` (`format: surgeplan-risk/2`); docs/risk.md describes every field.
Version 2 added the plan's hash, day-resolved gains (P50, P90, mean days late, with
standard errors), the key milestones and the systematic risks.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from surgeplan.display import Summarized, Summary, day, share, whole
from surgeplan.planning.results.files import read_result_file
from surgeplan.risk.errors import RiskError
from surgeplan.risk.policy import RecoveryPolicy
from surgeplan.risk.targets import RiskKind

if TYPE_CHECKING:
    import pandas as pd

RISK_FORMAT: Final = "surgeplan-risk/2"
OLD_RISK_FORMATS: Final = ("surgeplan-risk/1",)


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
        description="Days after the end of the due bucket, as the plan counts them "
        "(0 when on time); null without a date."
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
    due_bucket_end: dt.date = Field(
        description="Last day of the bucket holding the due date: as in the plan, a "
        "milestone reached by then is on time (the bucket's granularity)."
    )
    planned_met_bucket: int | None = Field(description="Where the plan meets it.")
    probability_on_time: float = Field(
        description="Share of runs reaching it by the end of the due bucket."
    )
    mean_days_late: float = Field(
        description="Mean over runs of the days it is reached after the end of the "
        "due bucket (0 for a run on time), to the day inside a bucket; runs that "
        "never reach it count to the horizon's end."
    )
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
    """A variant against the baseline for one milestone (positive is better).

    Days come from the day each run reaches the quantity (deliveries arriving at
    their running rate inside a bucket), so they do not saturate when the odds sit
    at 0 or 1.
    """

    milestone: str
    p50_days_gained: float = Field(
        description="Days the P50 date moves earlier (negative: later)."
    )
    p90_days_gained: float = Field(
        description="Days the P90 date moves earlier (negative: later)."
    )
    mean_days_late_gained: float = Field(
        description="Days fewer it is late on average (days after the due bucket)."
    )
    mean_days_late_gained_se: float = Field(
        description="Standard error of `mean_days_late_gained` over the paired runs."
    )
    probability_gained: float = Field(description="Change of the on-time probability.")
    probability_gained_se: float = Field(
        description="Standard error of `probability_gained` over the paired runs."
    )
    is_estimated: bool = Field(
        description="Whether a P90 date lies beyond the horizon, so that the gain "
        "rests on the plan's final delivery rate."
    )


class KeyMilestonesChange(ReportModel):
    """A variant against the baseline summed over the key milestones (positive: better).

    A risk that delays two key milestones counts twice.
    """

    milestones: list[str] = Field(description="The key milestones summed over.")
    p50_days_gained: float
    p90_days_gained: float
    mean_days_late_gained: float
    mean_days_late_gained_se: float = Field(
        description="Standard error of the sum, from the paired runs' sums."
    )
    probability_gained: float = Field(description="Points of probability, summed.")
    probability_gained_se: float
    is_estimated: bool


class RiskContribution(ReportModel):
    """What switching one risk off (same draws) would change."""

    risk: str
    kind: RiskKind
    is_systematic: bool = Field(
        description="An always-on shortfall (see `systematic_risks`), not an incident."
    )
    key_milestones: KeyMilestonesChange
    milestones: list[MilestoneChange]


class SystematicRisk(ReportModel):
    """An always-on shortfall: what the plan assumes against what the scenario expects.

    Incidents may or may not happen in a run; these act in every run, so a plan made
    on the assumption is late by design when the scenario expects worse.
    """

    risk: str
    kind: RiskKind
    parameter: str = Field(
        description="volunteer_share, absence_rate, learning_rate or "
        "breakdown_hours_share (repair hours per operated hour)."
    )
    where: str = Field(description="The pool, item or capability it applies to.")
    plan_assumes: float
    expected_low: float
    expected_mean: float
    expected_high: float
    is_optimistic: bool = Field(
        description="Whether the plan assumes better than the scenario's mean."
    )
    statement: str = Field(description="The comparison in one sentence.")


class RiskReport(Summarized, ReportModel):
    """The outcome of `surgeplan simulate`."""

    format: Literal["surgeplan-risk/2"] = RISK_FORMAT
    scenario_name: str
    scenario_hash: str
    plan_scenario_hash: str = Field(description="Scenario hash the plan was made for.")
    plan_hash: str = Field(description="`plan_hash` of the plan simulated.")
    runs: int
    seed: int
    batch_runs: int
    contribution_runs: int = Field(
        description="Runs the contributions were measured on (the first ones)."
    )
    policy: RecoveryPolicy
    horizon_end: dt.date
    key_milestones: list[str] = Field(
        description="Milestones the contributions are summed over: those marked key "
        "in the scenario, or all."
    )
    milestones: list[MilestoneOdds]
    fan: list[FanPoint]
    systematic_risks: list[SystematicRisk]
    contributions: list[RiskContribution] = Field(
        description="One per risk, largest P90 gain on the key milestones first "
        "(then mean days late); empty when not asked for."
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
        facts = [("runs", whole(self.runs)), ("seed", str(self.seed))]
        for key_id in self.key_milestones:
            key = self.milestone(key_id)
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


def read_versioned_file(
    path: Path,
    expected_format: str,
    older_formats: tuple[str, ...],
    *,
    kind: str,
    command: str,
    error: type[Exception],
) -> dict[str, Any]:
    """The object in `path` if it is of `expected_format`; an older one is named.

    Raises:
        error: as `read_result_file`, and for a file of an older format a message
            saying so, with the command that writes the current one.
    """
    try:
        return read_result_file(
            path, expected_format, kind=kind, command=command, error=error
        )
    except error:
        found = _format_of(path)
        if found not in older_formats:
            raise
        raise error(
            f"{path}: a {kind} in the older format {found!r}; this version reads "
            f"{expected_format!r}: write it again with `surgeplan {command}`"
        ) from None


def _format_of(path: Path) -> object:
    """The `format` a JSON file declares, or None."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("format") if isinstance(data, dict) else None


class RiskFileError(RiskError):
    """A risk.json that cannot be read: missing, not JSON, old or invalid."""


def load_risk_report(path: str | Path) -> RiskReport:
    """Read a `risk.json` written by `surgeplan simulate`.

    Raises:
        RiskFileError: the message names the file; a file of an older format says so
            and names the command that writes a new one.
    """
    source = Path(path)
    data = read_versioned_file(
        source,
        RISK_FORMAT,
        OLD_RISK_FORMATS,
        kind="risk result",
        command="simulate",
        error=RiskFileError,
    )
    try:
        return RiskReport.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise RiskFileError(f"{source}: {where}: {first['msg']}") from None
