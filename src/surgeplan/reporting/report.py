"""Scenario + Plan (+ business case, sensitivity, risk) -> report.html."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from surgeplan.economics import BusinessCase, Sensitivity, business_case
from surgeplan.i18n import Language, gettext, ngettext, speaking
from surgeplan.planning.results.plan import Plan
from surgeplan.planning.results.records import CostKind
from surgeplan.realism.comparison import RealismReport
from surgeplan.reporting import charts as chart_builders
from surgeplan.reporting import contract_words, tables
from surgeplan.reporting.charts.risk import risk_charts
from surgeplan.reporting.decision import recommend
from surgeplan.reporting.environment import environment, page_assets
from surgeplan.reporting.execution_view import ExecutionView, execution_view
from surgeplan.reporting.figures import Chart
from surgeplan.reporting.formatting import day, percent, solver_status, weeks
from surgeplan.reporting.key_figures import key_figures
from surgeplan.reporting.milestone_notes import with_notes
from surgeplan.reporting.names import Names
from surgeplan.reporting.periods import Periods
from surgeplan.reporting.risk_view import RiskView, spoken
from surgeplan.scenario import Scenario
from surgeplan.scenario.economics import CashFlowPeriod
from surgeplan.scenario.lateness import span_weeks
from surgeplan.scenario.program import Program, TimeBucket

REPORT_FILE = "report.html"


def risk_not_run() -> str:
    """What a report without risk results says, when no run folder names commands."""
    return gettext(
        "The risk simulation was not run for this report: run surgeplan simulate and "
        "pass its risk.json with --risk to add milestone probabilities and the "
        "delivery fan; then surgeplan mitigate, and its mitigations.json with "
        "--mitigations, to rank the mitigations."
    )


def horizon(program: Program) -> str:
    """The plan's horizon in its periods: '117 weeks'."""
    count = program.horizon_buckets
    by_bucket = {
        TimeBucket.DAY: ngettext("{count} day", "{count} days", count),
        TimeBucket.WEEK: ngettext("{count} week", "{count} weeks", count),
        TimeBucket.MONTH: ngettext("{count} month", "{count} months", count),
    }
    return by_bucket[program.time_bucket].format(count=count)


def header_sentence(program: Program, periods: Periods, plan: Plan) -> str:
    """When the plan starts, over how long, in which periods, and how it was solved."""
    gap = plan.solver.mip_gap
    if periods.is_merged:
        sentence = (
            gettext(
                "Plan from {start} over {horizon}, the first {lead} week by week and "
                "the rest in periods of up to {longest} ({count} periods in all), "
                "made {time} UTC; solver {status}."
            )
            if gap is None
            else gettext(
                "Plan from {start} over {horizon}, the first {lead} week by week and "
                "the rest in periods of up to {longest} ({count} periods in all), "
                "made {time} UTC; solver {status}, gap {gap}."
            )
        )
    else:
        sentence = (
            gettext(
                "Plan from {start} over {horizon}, made {time} UTC; solver {status}."
            )
            if gap is None
            else gettext(
                "Plan from {start} over {horizon}, made {time} UTC; solver {status}, "
                "gap {gap}."
            )
        )
    return sentence.format(
        start=day(program.start_date),
        horizon=horizon(program),
        lead=periods.weekly_lead,
        longest=weeks(periods.longest_weeks),
        count=len(periods.buckets),
        time=plan.created_at.strftime("%Y-%m-%d %H:%M"),
        status=solver_status(plan.solver.status),
        gap=percent(gap, 2),
    )


def milestone_granularity(plan: Plan) -> str:
    """One sentence on how finely the plan's dates can say a milestone is late.

    The words of `scenario.lateness.granularity_note`, said in the report's language.
    """
    merged = [bucket for bucket in plan.buckets if span_weeks(bucket) > 1]
    if not merged:
        return gettext(
            "Met: the last day of the week the quantity is reached in; on time when "
            "that is the week of the due date, whatever the weekday."
        )
    return gettext(
        "Met: the last day of the bucket the quantity is reached in (weeks until "
        "{start}, then up to {longest} weeks); on time when that is the week of the "
        "due date, whatever the weekday; met in a longer bucket, the weeks late are "
        "at most those shown."
    ).format(
        start=day(merged[0].start),
        longest=max(span_weeks(bucket) for bucket in merged),
    )


def period_word(case: BusinessCase) -> str:
    """The heading of the cash-flow table's first column: year, month or week."""
    return {
        CashFlowPeriod.YEAR: gettext("year"),
        CashFlowPeriod.MONTH: gettext("month"),
        CashFlowPeriod.WEEK: gettext("week"),
    }[case.period]


def report_charts(
    scenario: Scenario,
    plan: Plan,
    case: BusinessCase,
    sensitivity: Sensitivity | None,
    risk: RiskView | None,
) -> dict[str, Chart | None]:
    """Every chart of the report by name; None where there is nothing to show."""
    names = Names.of(scenario)
    found: dict[str, Chart | None] = {
        "deliveries": chart_builders.cumulative_deliveries(scenario, plan, names),
        "output": chart_builders.output_by_site(scenario, plan, names),
        "utilisation": chart_builders.utilisation_heatmap(scenario, plan, names),
        "timeline": chart_builders.change_timeline(scenario, plan, names)
        if plan.conversions or plan.shift_changes or scenario.gates
        else None,
        "bottlenecks": chart_builders.bottleneck_chart(scenario, plan, names),
        "labour": chart_builders.labour_chart(scenario, plan, names),
        "purchases": chart_builders.purchases_chart(scenario, plan, names),
        "core": chart_builders.core_chart(scenario, plan, names),
        "costs": chart_builders.cost_chart(plan),
        "cashflow": chart_builders.cash_flow_chart(case),
        "tornado": chart_builders.tornado_chart(sensitivity, plan.currency)
        if sensitivity
        else None,
    }
    found.update(risk_charts(risk, names, plan.currency))
    return found


def _sensitivity_rows(sensitivity: Sensitivity | None) -> list[dict[str, Any]]:
    if sensitivity is None:
        return []
    rows = []
    for name in sensitivity.inputs_by_swing():
        for case in sensitivity.cases:
            if case.input is name:
                rows.append(
                    {
                        "label": case.label,
                        "change": case.change,
                        "npv_eur": case.npv_eur,
                        "npv_change": None
                        if case.npv_eur is None
                        else case.npv_eur - sensitivity.base_npv_eur,
                        "last_milestone_date": case.last_milestone_date,
                        "refusal": case.refusal,
                    }
                )
    return rows


def render_report(
    scenario: Scenario,
    plan: Plan,
    *,
    case: BusinessCase | None = None,
    sensitivity: Sensitivity | None = None,
    risk: RiskView | None = None,
    risk_note: str | None = None,
    realism: RealismReport | None = None,
    execution: ExecutionView | None = None,
    language: Language | None = None,
) -> str:
    """The report as one self-contained HTML page (Plotly inlined, nothing fetched).

    In `language`, else the scenario's `program.language`.
    """
    with speaking(language or scenario.program.language):
        return _render_report(
            scenario, plan, case, sensitivity, risk, risk_note, realism, execution
        )


def _render_report(
    scenario: Scenario,
    plan: Plan,
    case: BusinessCase | None,
    sensitivity: Sensitivity | None,
    risk: RiskView | None,
    risk_note: str | None,
    realism: RealismReport | None,
    execution: ExecutionView | None,
) -> str:
    case = case or business_case(scenario, plan)
    risk = spoken(risk) if risk is not None else None
    names = Names.of(scenario)
    charts = report_charts(scenario, plan, case, sensitivity, risk)
    periods = Periods.of(plan)
    costs = chart_builders.costs_by_kind(plan)
    context = {
        **page_assets("report.css"),
        "title": gettext("{program}: plan report").format(
            program=scenario.program.name
        ),
        "span": contract_words.span(case),
        "conventions": contract_words.conventions(case),
        "program": scenario.program,
        "plan": plan,
        "periods": periods,
        "header_sentence": header_sentence(scenario.program, periods, plan),
        "period_word": period_word(case),
        "case": case,
        "currency": plan.currency,
        "key": key_figures(scenario, plan, case),
        # The brief's recommendation, from the same rules and figures.
        "recommendation": recommend(scenario, plan, case, names, risk),
        "charts": charts,
        "sensitivity": sensitivity,
        "risk": risk,
        "risk_note": risk_note if risk_note is not None else risk_not_run(),
        "realism": realism,
        "execution": execution,
        "declares_mitigations": bool(scenario.mitigations),
        # How finely the milestone table's dates can say late (scenario/lateness.py).
        "milestone_granularity": milestone_granularity(plan),
        "tables": {
            "milestones": with_notes(
                tables.milestone_rows(plan, names), scenario, names
            ),
            "conversions": tables.conversion_rows(plan, names),
            "shift_changes": tables.shift_change_rows(plan, names),
            "bottlenecks": tables.bottleneck_rows(plan, names),
            "pools": tables.pool_rows(plan, names),
            "suppliers": tables.supplier_rows(plan, names),
            "core": tables.core_rows(plan, names),
            "costs": [
                {
                    "label": chart_builders.cost_labels()[CostKind(kind)],
                    "amount": amount,
                }
                for kind, amount in costs.items()
            ],
            "sensitivity": _sensitivity_rows(sensitivity),
        },
    }
    return environment().get_template("report.html.j2").render(context)


def write_report(
    scenario: Scenario,
    plan: Plan,
    out_dir: Path,
    *,
    case: BusinessCase | None = None,
    sensitivity: Sensitivity | None = None,
    risk: RiskView | None = None,
    risk_note: str | None = None,
    language: Language | None = None,
) -> Path:
    """Write `out_dir/report.html` and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / REPORT_FILE
    # The plan-against-actual curves are drawn with their words: in the language.
    with speaking(language or scenario.program.language):
        execution = execution_view(out_dir, plan)
    target.write_text(
        render_report(
            scenario,
            plan,
            case=case,
            sensitivity=sensitivity,
            risk=risk,
            risk_note=risk_note,
            execution=execution,
            language=language,
        ),
        encoding="utf-8",
    )
    return target
