"""Rich tables of a risk report and a mitigation ranking, for the terminal."""

from __future__ import annotations

from collections.abc import Iterator

from rich.table import Table

from surgeplan.risk.mitigate import MitigationReport
from surgeplan.risk.report import FanPoint, MilestoneOdds, ReachedDate, RiskReport

FAN_STEP_BUCKETS = 13
TOP_RISKS = 10
ESTIMATED = "* a P90 date lies past the horizon: estimated at the plan's final rate"
EN_DASH = "\N{EN DASH}"
PARAMETER_WORDS = {
    "volunteer_share": "volunteers",
    "absence_rate": "absent",
    "learning_rate": "learning rate",
    "breakdown_hours_share": "repair hours",
    "delay_weeks": "delay",
    "start_delay_weeks": "start delay",
}


def _date(reached: ReachedDate) -> str:
    if reached.date is None:
        return "never"
    text = reached.date.isoformat()
    return text if reached.is_within_horizon else f"~{text}"


def _percent(share: float) -> str:
    return f"{100 * share:.1f} %"


def _amount(parameter: str, value: float) -> str:
    """A share in percent; a delay (`delay_weeks`, `start_delay_weeks`) in weeks."""
    if parameter.endswith("_weeks"):
        return f"{value:.3g} weeks"
    return _percent(value)


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
    table.add_column("Item")
    table.add_column("Delivery point")
    table.add_column("Date")
    for column in ("Planned", "P10", "P50", "P90", "Mean"):
        table.add_column(column, justify="right")
    groups: dict[tuple[str, str], list[FanPoint]] = {}
    for point in report.fan:
        groups.setdefault((point.item, point.delivery_point), []).append(point)
    for (item, point_id), points in groups.items():
        for point in _fan_rows(points):
            table.add_row(
                item,
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


def _with_error(value: float, error: float, scale: float = 1.0) -> str:
    return f"{value * scale:+.1f} ± {error * scale:.1f}"


def _keys(milestones: list[str]) -> str:
    if len(milestones) == 1:
        return milestones[0]
    return f"the {len(milestones)} key milestones, summed"


def contribution_table(report: RiskReport) -> Table:
    """The risks that cost the key milestones most: what switching each off gains."""
    table = Table(
        title="Risks by what switching them off gains on "
        f"{_keys(report.key_milestones)} ({report.contribution_runs:,} runs, same "
        "draws; days earlier, ± one standard error)",
        title_justify="left",
    )
    table.add_column("Risk", overflow="fold")
    table.add_column("Kind")
    table.add_column("P50 days", justify="right")
    table.add_column("P90 days", justify="right")
    table.add_column("Mean days late", justify="right")
    table.add_column("On time", justify="right")
    for contribution in report.contributions[:TOP_RISKS]:
        change = contribution.key_milestones
        kind = contribution.kind.value
        table.add_row(
            contribution.risk,
            f"{kind} (systematic)" if contribution.is_systematic else kind,
            _signed(change.p50_days_gained, 1),
            _signed(change.p90_days_gained, 1) + ("*" if change.is_estimated else ""),
            _with_error(change.mean_days_late_gained, change.mean_days_late_gained_se),
            _with_error(change.probability_gained, change.probability_gained_se, 100)
            + " pp",
        )
    if any(c.key_milestones.is_estimated for c in report.contributions[:TOP_RISKS]):
        table.caption = ESTIMATED
        table.caption_justify = "left"
    return table


def systematic_table(report: RiskReport) -> Table:
    """Always-on shortfalls: what the plan assumes against what the scenario expects."""
    table = Table(
        title="Systematic risks (they act in every run, not by chance)",
        title_justify="left",
    )
    table.add_column("Risk")
    table.add_column("What")
    table.add_column("Plan assumes", justify="right")
    table.add_column("Scenario expects", justify="right")
    table.add_column("The plan is")
    for entry in report.systematic_risks:
        expected = _amount(entry.parameter, entry.expected_mean)
        if entry.expected_high - entry.expected_low > 1e-9:
            expected = (
                f"{_amount(entry.parameter, entry.expected_low)}{EN_DASH}"
                f"{_amount(entry.parameter, entry.expected_high)} "
                f"(mean {expected})"
            )
        verdict = "as expected"
        if entry.is_optimistic:
            verdict = "optimistic"
        elif abs(entry.plan_assumes - entry.expected_mean) > 1e-9:
            verdict = "cautious"
        table.add_row(
            entry.risk,
            f"{PARAMETER_WORDS.get(entry.parameter, entry.parameter)}, {entry.where}",
            _amount(entry.parameter, entry.plan_assumes),
            expected,
            verdict,
        )
    return table


def mitigation_table(report: MitigationReport) -> Table:
    """Mitigations ranked by P90 days gained per million EUR on the key milestones."""
    without = "; ".join(
        f"{odds.id} {_percent(odds.probability_on_time)} on time, P90 "
        f"{_date(odds.reached[-1])}"
        for odds in report.baseline
    )
    table = Table(
        title=f"Mitigations on {_keys(report.key_milestones)} ({report.runs:,} runs, "
        "same draws; days earlier, ± one standard error). Without them: "
        f"{without}",
        title_justify="left",
    )
    table.add_column("#", justify="right")
    table.add_column("Mitigation", overflow="fold")
    table.add_column("M EUR", justify="right")
    table.add_column("Lead wk", justify="right")
    table.add_column("P50 d", justify="right")
    table.add_column("P90 d", justify="right")
    table.add_column("Days late", justify="right")
    table.add_column("P90 d / M EUR", justify="right")
    table.add_column("On time pp", justify="right")
    table.add_column("pp / M EUR", justify="right")
    table.add_column("# odds", justify="right")
    for value in report.mitigations:
        gain = value.key_milestones
        table.add_row(
            str(value.rank_by_days),
            value.id,
            f"{value.cost_eur / 1e6:,.2f}",
            str(value.lead_time_weeks),
            _signed(value.p50_days_gained, 1),
            _signed(value.p90_days_gained, 1) + ("*" if value.is_estimated else ""),
            _with_error(gain.mean_days_late_gained, gain.mean_days_late_gained_se),
            _per_million(value.days_per_million_eur),
            _with_error(gain.probability_gained, gain.probability_gained_se, 100),
            _per_million(value.probability_per_million_eur, 100.0, 2),
            str(value.rank_by_probability),
        )
    if any(value.is_estimated for value in report.mitigations):
        table.caption = ESTIMATED
        table.caption_justify = "left"
    return table
