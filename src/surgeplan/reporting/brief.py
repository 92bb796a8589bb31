"""Scenario + Plan (+ risk) -> the two-page decision brief, as HTML and PDF."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from surgeplan.economics import BusinessCase, Sensitivity, business_case
from surgeplan.planning.results.plan import Plan
from surgeplan.realism.comparison import RealismReport
from surgeplan.reporting import tables
from surgeplan.reporting.decision import recommend
from surgeplan.reporting.environment import environment, page_assets
from surgeplan.reporting.formatting import day, money, number
from surgeplan.reporting.key_figures import key_figures
from surgeplan.reporting.names import Names
from surgeplan.reporting.pdf import write_pdf
from surgeplan.reporting.risk_view import RiskView
from surgeplan.reporting.svg import delivery_svg
from surgeplan.scenario import Scenario
from surgeplan.scenario.sites import ThreatLevel

BRIEF_HTML = "brief.html"
BRIEF_PDF = "brief.pdf"
TOP_SENSITIVITIES = 3


@dataclass(frozen=True)
class BriefFiles:
    """Where the brief was written."""

    html: Path
    pdf: Path


def question(scenario: Scenario, case: BusinessCase, names: Names) -> str:
    """The decision the brief is about, in one sentence."""
    due: dict[tuple[str, str], float] = defaultdict(float)
    last_due = max(milestone.due_date for milestone in scenario.demand.milestones)
    for milestone in scenario.demand.milestones:
        key = (milestone.item, milestone.delivery_point)
        due[key] = max(due[key], milestone.quantity_in_force)
    units = sum(due.values())
    product = names.item(scenario.program.product)
    sites = len(scenario.sites)
    return (
        f"Should we take on {scenario.program.name}: {number(units)} {product} by "
        f"{day(last_due)} from {sites} site{'s' if sites != 1 else ''}, then a "
        f"{case.term} contract worth "
        f"{money(case.revenue_eur, case.currency)}?"
    )


def declared_risks(scenario: Scenario, names: Names) -> list[str]:
    """The risks the scenario declares, in words (shown when none was simulated)."""
    risks = scenario.risks
    lines = [
        f"{names.site(site.id)}: site threat level {site.threat_level.value}"
        for site in scenario.sites
        if site.threat_level is not ThreatLevel.LOW
    ]
    counts = (
        (len(risks.site_disruptions), "site disruption"),
        (len(risks.cyber_incidents), "cyber incident"),
        (len(risks.supplier_risks), "supplier risk"),
        (len(risks.supplier_ramps), "uncertain supplier ramp"),
        (
            sum(gate.delay_weeks is not None for gate in scenario.gates),
            "gate with an uncertain date",
        ),
        (len(risks.station_breakdowns), "station breakdown"),
        (len(risks.staff_opt_out), "staff opt-out"),
        (len(risks.learning_uncertainty), "uncertain learning rate"),
    )
    declared = [
        f"{count} {what}{'s' if count != 1 else ''}" for count, what in counts if count
    ]
    if declared:
        lines.append("Declared in the scenario: " + ", ".join(declared) + ".")
    return lines


def _needs(plan: Plan, case: BusinessCase, names: Names) -> dict[str, Any]:
    pools = tables.pool_rows(plan, names)
    starts = {bucket.index: bucket.start for bucket in plan.buckets}
    return {
        "conversions": [
            {
                "what": record.conversion,
                "where": names.work_centers.get(
                    (record.site, record.work_center), record.work_center
                ),
                "site": names.site(record.site),
                "start_date": starts.get(record.start_bucket),
                "ready_date": record.ready_date,
                "capex_eur": record.capex_eur,
            }
            for record in sorted(plan.conversions, key=lambda r: r.start_bucket)
        ],
        "shift_changes": len(plan.shift_changes),
        "hires": sum(row["hires"] for row in pools),
        "trainees": sum(row["trainees"] for row in pools),
        "sites": [
            {
                "site": site.site_name,
                "qualified_peak": site.qualified_peak,
                "volunteers": site.volunteers,
                "trainees": site.trainees,
                "hires": site.hires,
            }
            for site in case.activity
            if site.labour_hours > 0 or site.hires > 0
        ],
        "capex_eur": case.capex_eur,
    }


def _milestones_with_odds(
    plan: Plan, names: Names, risk: RiskView | None
) -> list[dict[str, Any]]:
    odds = {entry.milestone: entry for entry in risk.milestones} if risk else {}
    return [
        {**row, "odds": odds.get(row["id"])}
        for row in tables.milestone_rows(plan, names)
    ]


def render_brief(
    scenario: Scenario,
    plan: Plan,
    *,
    case: BusinessCase | None = None,
    sensitivity: Sensitivity | None = None,
    risk: RiskView | None = None,
    realism: RealismReport | None = None,
) -> str:
    """The brief as one HTML page laid out for two printed A4 pages."""
    case = case or business_case(scenario, plan)
    names = Names.of(scenario)
    top = sensitivity.inputs_by_swing()[:TOP_SENSITIVITIES] if sensitivity else []
    context = {
        **page_assets("brief.css", with_charts=False),
        "title": f"{scenario.program.name}: decision brief",
        "program": scenario.program,
        "plan": plan,
        "case": case,
        "currency": plan.currency,
        "question": question(scenario, case, names),
        "recommendation": recommend(scenario, plan, case, names, risk),
        "key": key_figures(scenario, plan, case),
        "chart": delivery_svg(plan, names),
        "risk": risk,
        "realism": realism,
        "declared_risks": declared_risks(scenario, names),
        "declares_mitigations": bool(scenario.mitigations),
        "needs": _needs(plan, case, names),
        "core": tables.core_rows(plan, names),
        "milestones": _milestones_with_odds(plan, names, risk),
        "sensitivity": sensitivity,
        "top_sensitivities": [
            {
                "label": next(c.label for c in sensitivity.cases if c.input is name),
                "swing": sensitivity.swing(name),
            }
            for name in top
        ]
        if sensitivity
        else [],
    }
    return environment().get_template("brief.html.j2").render(context)


def write_brief(
    scenario: Scenario,
    plan: Plan,
    out_dir: Path,
    *,
    case: BusinessCase | None = None,
    sensitivity: Sensitivity | None = None,
    risk: RiskView | None = None,
) -> BriefFiles:
    """Write `brief.html` and `brief.pdf` into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    html = render_brief(scenario, plan, case=case, sensitivity=sensitivity, risk=risk)
    html_path = out_dir / BRIEF_HTML
    html_path.write_text(html, encoding="utf-8")
    pdf_path = write_pdf(html, out_dir / BRIEF_PDF)
    return BriefFiles(html=html_path, pdf=pdf_path)
