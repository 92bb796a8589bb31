"""Scenario + Plan (+ business case, sensitivity, risk) -> report.html."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from surgeplan.economics import BusinessCase, Sensitivity, business_case
from surgeplan.planning.results.plan import Plan
from surgeplan.planning.results.records import CostKind
from surgeplan.realism.comparison import RealismReport
from surgeplan.reporting import charts as chart_builders
from surgeplan.reporting import tables
from surgeplan.reporting.charts.risk import risk_charts
from surgeplan.reporting.decision import recommend
from surgeplan.reporting.environment import environment, page_assets
from surgeplan.reporting.execution_view import ExecutionView, execution_view
from surgeplan.reporting.figures import Chart
from surgeplan.reporting.key_figures import key_figures
from surgeplan.reporting.milestone_notes import with_notes
from surgeplan.reporting.names import Names
from surgeplan.reporting.periods import Periods
from surgeplan.reporting.risk_view import RiskView
from surgeplan.scenario import Scenario

REPORT_FILE = "report.html"
RISK_NOT_RUN = (
    "The risk simulation was not run for this report: run surgeplan simulate and "
    "pass its risk.json with --risk to add milestone probabilities and the delivery "
    "fan; then surgeplan mitigate, and its mitigations.json with --mitigations, to "
    "rank the mitigations."
)


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
    risk_note: str = RISK_NOT_RUN,
    realism: RealismReport | None = None,
    execution: ExecutionView | None = None,
) -> str:
    """The report as one self-contained HTML page (Plotly inlined, nothing fetched)."""
    case = case or business_case(scenario, plan)
    names = Names.of(scenario)
    charts = report_charts(scenario, plan, case, sensitivity, risk)
    costs = chart_builders.costs_by_kind(plan)
    context = {
        **page_assets("report.css"),
        "title": f"{scenario.program.name}: plan report",
        "program": scenario.program,
        "plan": plan,
        "periods": Periods.of(plan),
        "case": case,
        "currency": plan.currency,
        "key": key_figures(scenario, plan, case),
        # The brief's recommendation, from the same rules and figures.
        "recommendation": recommend(scenario, plan, case, names, risk),
        "charts": charts,
        "sensitivity": sensitivity,
        "risk": risk,
        "risk_note": risk_note,
        "realism": realism,
        "execution": execution,
        "declares_mitigations": bool(scenario.mitigations),
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
                {"label": chart_builders.COST_LABELS[CostKind(kind)], "amount": amount}
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
    risk_note: str = RISK_NOT_RUN,
) -> Path:
    """Write `out_dir/report.html` and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / REPORT_FILE
    target.write_text(
        render_report(
            scenario,
            plan,
            case=case,
            sensitivity=sensitivity,
            risk=risk,
            risk_note=risk_note,
            execution=execution_view(out_dir, plan),
        ),
        encoding="utf-8",
    )
    return target
