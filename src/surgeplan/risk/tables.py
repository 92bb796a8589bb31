"""Rich tables of a risk report and a mitigation ranking, for the terminal."""

from __future__ import annotations

from collections.abc import Iterator

from rich.table import Table

from surgeplan.risk.mitigate import MitigationReport
from surgeplan.risk.report import FanPoint, MilestoneOdds, ReachedDate, RiskReport

FAN_STEP_BUCKETS = 13
TOP_RISKS = 10


def _date(reached: ReachedDate) -> str:
    if reached.date is None:
        return "never"
    text = reached.date.isoformat()
    return text if reached.is_within_horizon else f"~{text}"


def _percent(share: float) -> str:
    return f"{100 * share:.1f} %"


def _signed(value: float, digits: int = 0) -> str:
    return f"{value:+.{digits}f}"


def _per_million(value: float | None, scale: float = 1.0, digits: int = 1) -> str:
    return "free" if value is None else f"{value * scale:.{digits}f}"


def milestone_table(report: RiskReport) -> Table:
    """Odds and P10/P50/P90 dates of every milestone."""
    table = Table(
        title=f"Milestones over {report.runs:,} runs (seed {report.seed}); "
        "~ marks a date past the horizon, at the plan's final rate",
        title_justify="left",
    )
    for column in ("Milestone", "Delivery point", "Units", "Due", "Plan meets"):
        table.add_column(column, justify="right" if column == "Units" else "left")
    for column in ("On time", "P10", "P50", "P90", "Short at due"):
        table.add_column(column, justify="right")
    for odds in report.milestones:
        table.add_row(*_milestone_cells(report, odds))
    return table


def _milestone_cells(report: RiskReport, odds: MilestoneOdds) -> list[str]:
    planned = "never"
    if odds.planned_met_bucket is not None:
        planned = next(
            (
                p.date.isoformat()
                for p in report.fan
                if p.bucket == odds.planned_met_bucket
            ),
            str(odds.planned_met_bucket),
        )
    return [
        odds.id,
        odds.delivery_point,
        f"{odds.quantity:,.0f}",
        odds.due_date.isoformat(),
        planned,
        _percent(odds.probability_on_time),
        *(_date(reached) for reached in odds.reached),
        f"{odds.expected_shortfall_at_due:,.0f}",
    ]


def _fan_rows(points: list[FanPoint]) -> Iterator[FanPoint]:
    last = len(points) - 1
    for position, point in enumerate(points):
        if position % FAN_STEP_BUCKETS == FAN_STEP_BUCKETS - 1 or position == last:
            yield point


def fan_table(report: RiskReport) -> Table:
    """Cumulative deliveries every quarter: planned against P10/P50/P90."""
    table = Table(title="Cumulative deliveries (delivery fan)", title_justify="left")
    table.add_column("Delivery point")
    table.add_column("Date")
    for column in ("Planned", "P10", "P50", "P90", "Mean"):
        table.add_column(column, justify="right")
    groups: dict[tuple[str, str], list[FanPoint]] = {}
    for point in report.fan:
        groups.setdefault((point.item, point.delivery_point), []).append(point)
    for (_item, point_id), points in groups.items():
        for point in _fan_rows(points):
            table.add_row(
                point_id,
                point.date.isoformat(),
                *(
                    f"{value:,.0f}"
                    for value in (
                        point.planned,
                        point.p10,
                        point.p50,
                        point.p90,
                        point.mean,
                    )
                ),
            )
    return table


def contribution_table(report: RiskReport) -> Table:
    """The risks that cost the key milestone most: what switching each off gains."""
    table = Table(
        title=f"Risks by what switching them off gains on {report.key_milestone} "
        "(same draws)",
        title_justify="left",
    )
    table.add_column("Risk")
    table.add_column("Kind")
    table.add_column("P90 days gained", justify="right")
    table.add_column("On-time gained", justify="right")
    for contribution in report.contributions[:TOP_RISKS]:
        change = contribution.key_milestone
        table.add_row(
            contribution.risk,
            contribution.kind.value,
            _signed(change.p90_days_gained) + ("*" if change.is_estimated else ""),
            _signed(100 * change.probability_gained, 1) + " pp",
        )
    return table


def mitigation_table(report: MitigationReport) -> Table:
    """Mitigations ranked by P90 days gained per million EUR on the key milestone."""
    baseline = report.baseline
    table = Table(
        title=f"Mitigations on {report.key_milestone} ({report.runs:,} runs, same "
        f"draws): on time {_percent(baseline.probability_on_time)}, P90 "
        f"{_date(baseline.reached[-1])} without them",
        title_justify="left",
    )
    table.add_column("#", justify="right")
    table.add_column("Mitigation")
    table.add_column("Cost M EUR", justify="right")
    table.add_column("Lead wk", justify="right")
    table.add_column("P90 days", justify="right")
    table.add_column("Days / M EUR", justify="right")
    table.add_column("On time", justify="right")
    table.add_column("pp / M EUR", justify="right")
    table.add_column("# by odds", justify="right")
    for value in report.mitigations:
        table.add_row(
            str(value.rank_by_days),
            value.id,
            f"{value.cost_eur / 1e6:,.2f}",
            str(value.lead_time_weeks),
            _signed(value.p90_days_gained) + ("*" if value.is_estimated else ""),
            _per_million(value.days_per_million_eur),
            _signed(100 * value.probability_gained, 1) + " pp",
            _per_million(value.probability_per_million_eur, 100.0, 2),
            str(value.rank_by_probability),
        )
    return table
