"""The plan summary `surgeplan plan` prints: on time or not, the cost, what limits it.

Every section is a function of the plan (and the scenario, for names and people);
`render_plan_summary` prints them in reading order, within 100 columns.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from surgeplan.cli.plan_confidence import confidence_lines
from surgeplan.cli.plan_summary_sites import (
    core_impact_line,
    core_impact_table,
    extra_activity_table,
    units_made_table,
)
from surgeplan.cli.plan_text import (
    BucketDates,
    is_on_time,
    lateness,
    money,
    new_table,
    plain,
    plural,
    significant,
    units,
)
from surgeplan.planning.results.bottleneck_label import bottleneck_label
from surgeplan.planning.results.plan import Plan, SolveStatus, WholeNumberSearch
from surgeplan.planning.results.records import MilestoneRecord
from surgeplan.scenario import Scenario
from surgeplan.scenario.lateness import granularity_note, span_weeks

TOP_BOTTLENECKS = 5
MAX_SHIFT_CHANGES = 15

_STATUS_TEXT = {
    SolveStatus.OPTIMAL: "optimal",
    SolveStatus.FEASIBLE: "feasible, not proven optimal",
    SolveStatus.TIME_LIMIT: (
        "stopped by the time limit; the plan may differ on a faster machine"
    ),
    SolveStatus.INFEASIBLE: "infeasible",
}


def _search_text(plan: Plan) -> str | None:
    """Why a plan is not proven optimal, when its gap does not say it."""
    solver = plan.solver
    if solver.status is SolveStatus.OPTIMAL or solver.mip_gap is not None:
        return None
    estimate_s = solver.whole_number_search_estimate_s
    if solver.whole_number_search is WholeNumberSearch.SKIPPED and estimate_s:
        return (
            f"whole-number search skipped (estimated {estimate_s:.0f} s, more than "
            "the time limit affords; a larger --time-limit runs it)"
        )
    if solver.whole_number_search is WholeNumberSearch.WORK_LIMIT:
        return "gap unknown (the plan was learnt again after the whole-number search)"
    return None


def solver_line(plan: Plan) -> str:
    """Status, gap and time of the solve, on one line.

    The gap shown is the plan's own: between its objective and a bound HiGHS proved
    for the model of its hours per unit.
    """
    solver = plan.solver
    parts = [f"HiGHS {solver.highs_version}: {_STATUS_TEXT[solver.status]}"]
    if solver.mip_gap is not None:
        parts.append(f"gap {100 * solver.mip_gap:.2f} %")
    search = _search_text(plan)
    if search is not None:
        parts.append(search)
    parts.append(
        f"{solver.total_seconds:.1f} s (HiGHS {solver.solve_seconds:.1f} s over "
        "solves partly in parallel), "
        f"{plural(solver.learning_iterations, 'learning iteration')}"
    )
    return "Solver: " + ", ".join(parts)


def delivery_line(plan: Plan) -> str:
    """Units delivered and how many milestones are met on time."""
    records = plan.milestones
    on_time = sum(1 for record in records if is_on_time(record))
    never = sum(1 for record in records if record.met_bucket is None)
    late = [record.weeks_late for record in records if record.weeks_late]
    text = (
        f"Delivered {units(plan.units_delivered)} units; "
        f"{on_time} of {len(records)} milestones on time"
    )
    if late:
        text += f", {len(late)} late by up to {plural(max(late), 'week')}"
    if never:
        text += f", {never} not met within the horizon"
    return text + "."


def milestones_table(plan: Plan) -> Table:
    """Deliveries against each milestone, with the earliest any plan could reach it.

    With several delivery points, the milestones of each come under its name.
    """
    table = new_table(
        "Deliveries against milestones",
        "earliest possible: a lower bound from the LP relaxation, each milestone on "
        f"its own. {granularity_note(plan.buckets)}",
    )
    spans = {bucket.index: span_weeks(bucket) for bucket in plan.buckets}
    table.add_column("milestone", overflow="fold", min_width=12)
    table.add_column("due", no_wrap=True)
    table.add_column("quantity", justify="right", no_wrap=True)
    table.add_column("by due", justify="right", no_wrap=True)
    table.add_column("met", no_wrap=True)
    table.add_column("status", min_width=8)
    table.add_column("earliest possible", min_width=10)
    points = sorted({record.delivery_point for record in plan.milestones})
    for point in points:
        if len(points) > 1:
            table.add_row(plain(f"to {point}"), style="bold")
        for record in ordered_milestones(plan):
            if record.delivery_point != point:
                continue
            table.add_row(
                plain(record.id),
                record.due_date.isoformat(),
                units(record.quantity),
                units(record.delivered_by_due),
                record.met_date.isoformat() if record.met_date else "-",
                _status(record, spans),
                record.earliest_date.isoformat() if record.earliest_date else "none",
                style="" if is_on_time(record) else "yellow",
            )
    return table


def _status(record: MilestoneRecord, spans: dict[int, int]) -> str:
    """`lateness`, marked as an upper bound when met in a bucket of several weeks."""
    if (
        record.met_bucket is not None
        and record.weeks_late
        and spans[record.met_bucket] > 1
    ):
        return f"at most {lateness(record)}"
    return lateness(record)


def ordered_milestones(plan: Plan) -> list[MilestoneRecord]:
    """Milestones by due date, then quantity."""
    return sorted(
        plan.milestones, key=lambda record: (record.due_date, record.quantity)
    )


def limited_by_lines(plan: Plan) -> list[str]:
    """What holds each late milestone back, one line each."""
    return [
        f"  {record.id} is held back by {', '.join(record.limited_by)}"
        for record in ordered_milestones(plan)
        if record.limited_by and not is_on_time(record)
    ]


def bottleneck_line(scenario: Scenario, plan: Plan) -> str | None:
    """The plan's bottleneck in the words the report and brief use; None if none."""
    record = plan.tightest_bottleneck
    if record is None:
        return None
    site_names = {site.id: site.name or site.id for site in scenario.sites}
    dates = BucketDates(plan)
    label = bottleneck_label(record, site_names.get(record.site or ""))
    return (
        f"Bottleneck: {label}, binding from {dates.start_text(record.first_bucket)} "
        f"to {dates.end_text(record.last_bucket)}."
    )


def costs_table(plan: Plan) -> Table:
    """Cost by kind (those that are not zero) and the total."""
    total = plan.total_cost_eur
    table = new_table(f"Costs ({plan.currency})")
    table.show_footer = True
    table.add_column("kind", footer="total")
    table.add_column("amount", justify="right", footer=f"{total:,.0f}")
    table.add_column("share", justify="right", footer="100 %" if total else "")
    for record in plan.costs:
        if abs(record.amount_eur) < 0.5:
            continue
        share = f"{100 * record.amount_eur / total:.1f} %" if total else ""
        table.add_row(
            record.kind.value.replace("_", " "), f"{record.amount_eur:,.0f}", share
        )
    return table


def cost_line(plan: Plan) -> str:
    """Total cost per delivered unit."""
    delivered = plan.units_delivered
    if delivered <= 0:
        return "Cost per delivered unit: no units delivered."
    return (
        "Cost per delivered unit: "
        f"{money(plan.total_cost_eur / delivered, plan.currency)} "
        f"({money(plan.total_cost_eur, plan.currency)} for {units(delivered)} units, "
        "penalties included)."
    )


HOURS_SHOWN = 1_000
"""Gains are shown per 1,000 extra hours: per hour they read 0.00004."""


def bottlenecks_table(plan: Plan) -> Table | None:
    """The tightest resources with their shadow prices; None when nothing binds."""
    if not plan.bottlenecks:
        return None
    dates = BucketDates(plan)
    table = new_table(
        f"Tightest bottlenecks (top {TOP_BOTTLENECKS})",
        "per 1,000 extra hours: program unit-weeks of lateness avoided by 1,000 extra "
        "hours (units for suppliers and lanes) in each binding bucket; shadow price: "
        "what one "
        f"more hour (or unit) in each binding bucket saves, in {plan.currency}-"
        "equivalent (a unit-week late weighs 100 unit prices).",
    )
    table.add_column("kind")
    table.add_column("site/resource", overflow="fold", min_width=12)
    table.add_column("binding\nbuckets", justify="right")
    table.add_column("from", no_wrap=True)
    table.add_column("to", no_wrap=True)
    table.add_column("per 1,000\nextra h", justify="right", min_width=8)
    table.add_column(f"shadow\nprice {plan.currency}", justify="right", min_width=8)
    for record in plan.bottlenecks[:TOP_BOTTLENECKS]:
        where = f"{record.site}/{record.resource}" if record.site else record.resource
        table.add_row(
            record.kind.value.replace("_", " "),
            plain(where),
            str(record.binding_buckets),
            dates.start_text(record.first_bucket),
            dates.end_text(record.last_bucket),
            significant(HOURS_SHOWN * record.units_per_extra_hour),
            significant(record.shadow_price),
        )
    return table


def conversions_table(plan: Plan) -> Table | None:
    """The conversions the plan decides; None if it decides none."""
    if not plan.conversions:
        return None
    dates = BucketDates(plan)
    table = new_table(f"Conversions ({plan.currency})")
    table.add_column("work center", overflow="fold")
    table.add_column("conversion", overflow="fold")
    table.add_column("start", no_wrap=True)
    table.add_column("ready", no_wrap=True)
    table.add_column("capex", justify="right")
    for record in plan.conversions:
        table.add_row(
            plain(f"{record.site}/{record.work_center}"),
            plain(record.conversion),
            dates.start_text(record.start_bucket),
            record.ready_date.isoformat(),
            f"{record.capex_eur:,.0f}",
        )
    return table


def shift_changes_table(plan: Plan) -> Table | None:
    """The shift pattern changes the plan decides; None if it decides none."""
    if not plan.shift_changes:
        return None
    dates = BucketDates(plan)
    shown = plan.shift_changes[:MAX_SHIFT_CHANGES]
    hidden = len(plan.shift_changes) - len(shown)
    table = new_table(
        f"Shift changes ({plan.currency})",
        f"and {hidden} more in plan.xlsx" if hidden else None,
    )
    table.add_column("work center", overflow="fold")
    table.add_column("from -> to", overflow="fold")
    table.add_column("from date", no_wrap=True)
    table.add_column("cost", justify="right")
    for record in shown:
        table.add_row(
            plain(f"{record.site}/{record.work_center}"),
            plain(f"{record.from_pattern} -> {record.to_pattern}"),
            dates.start_text(record.bucket),
            f"{record.cost_eur:,.0f}",
        )
    return table


def never_cut(table: Table) -> Table:
    """The table with every column that would cut its text folding it instead."""
    for column in table.columns:
        if column.overflow == "ellipsis":
            column.overflow = "fold"
    return table


def render_plan_summary(scenario: Scenario, plan: Plan, console: Console) -> None:
    """Print the summary of a plan: solver, deliveries, sites, core, money, limits."""
    is_optimal = plan.solver.status is SolveStatus.OPTIMAL
    console.print(plain(f"Plan for {plan.scenario_name}"), style="bold")
    console.print(plain(solver_line(plan)), style="" if is_optimal else "yellow")
    console.print(plain(delivery_line(plan)))
    for sentence in confidence_lines(plan):
        console.print(sentence)
    console.print()
    console.print(never_cut(milestones_table(plan)))
    for line in limited_by_lines(plan):
        console.print(plain(line))
    bottleneck = bottleneck_line(scenario, plan)
    if bottleneck is not None:
        console.print(plain(bottleneck))
    sections: list[Table | Text | None] = [
        units_made_table(scenario, plan),
        extra_activity_table(scenario, plan),
        plain(core_impact_line(plan)),
        core_impact_table(plan),
        plain(cost_line(plan)),
        costs_table(plan),
        bottlenecks_table(plan),
        conversions_table(plan) or plain("Conversions: none decided."),
        shift_changes_table(plan) or plain("Shift changes: none decided."),
    ]
    for section in sections:
        if section is not None:
            console.print()
            console.print(never_cut(section) if isinstance(section, Table) else section)
