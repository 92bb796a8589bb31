"""Scenario + Plan (+ risk) -> the two-page decision brief, as HTML and PDF."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from surgeplan.economics import BusinessCase, Sensitivity, business_case
from surgeplan.i18n import Language, gettext, ngettext, speaking
from surgeplan.planning.results.plan import Plan
from surgeplan.realism.comparison import RealismReport
from surgeplan.reporting import contract_words, tables
from surgeplan.reporting.decision import recommend
from surgeplan.reporting.environment import environment, page_assets
from surgeplan.reporting.formatting import day, money, number
from surgeplan.reporting.key_figures import key_figures
from surgeplan.reporting.names import Names
from surgeplan.reporting.pdf import write_pdf
from surgeplan.reporting.risk_view import RiskView, spoken
from surgeplan.reporting.svg import delivery_svg
from surgeplan.scenario import Scenario
from surgeplan.scenario.program import Program, TimeBucket
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
    return ngettext(
        "Should we take on {program}: {units} {product} by {date} from {sites} "
        "site, then a {term} contract worth {revenue}?",
        "Should we take on {program}: {units} {product} by {date} from {sites} "
        "sites, then a {term} contract worth {revenue}?",
        sites,
    ).format(
        program=scenario.program.name,
        units=number(units),
        product=product,
        date=day(last_due),
        sites=sites,
        term=contract_words.term(case),
        revenue=money(case.revenue_eur, case.currency),
    )


def horizon_sentence(program: Program) -> str:
    """What the table of added work covers: the plan's horizon, in its periods."""
    count = program.horizon_buckets
    by_bucket = {
        TimeBucket.DAY: ngettext(
            "Work added over the plan's {count} day:",
            "Work added over the plan's {count} days:",
            count,
        ),
        TimeBucket.WEEK: ngettext(
            "Work added over the plan's {count} week:",
            "Work added over the plan's {count} weeks:",
            count,
        ),
        TimeBucket.MONTH: ngettext(
            "Work added over the plan's {count} month:",
            "Work added over the plan's {count} months:",
            count,
        ),
    }
    return by_bucket[program.time_bucket].format(count=count)


def page_footer_css() -> Markup:
    """The printed pages' numbers ("page 1 of 2") in the brief's language."""
    words = gettext("page {page} of {pages}").replace('"', "")
    content = (
        '"'
        + words.replace("{page}", '" counter(page) "').replace(
            "{pages}", '" counter(pages) "'
        )
        + '"'
    )
    return Markup(f"@page {{ @bottom-right {{ content: {content}; }} }}")


def declared_risks(scenario: Scenario, names: Names) -> list[str]:
    """The risks the scenario declares, in words (shown when none was simulated)."""
    risks = scenario.risks
    levels = {
        ThreatLevel.MODERATE: gettext("{site}: site threat level moderate"),
        ThreatLevel.HIGH: gettext("{site}: site threat level high"),
        ThreatLevel.SEVERE: gettext("{site}: site threat level severe"),
    }
    lines = [
        levels[site.threat_level].format(site=names.site(site.id))
        for site in scenario.sites
        if site.threat_level in levels
    ]
    declared: list[str] = []
    # One literal ngettext per kind, so that extraction finds every sentence.
    if n := len(risks.site_disruptions):
        declared.append(
            ngettext("{count} site disruption", "{count} site disruptions", n).format(
                count=n
            )
        )
    if n := len(risks.cyber_incidents):
        declared.append(
            ngettext("{count} cyber incident", "{count} cyber incidents", n).format(
                count=n
            )
        )
    if n := len(risks.supplier_risks):
        declared.append(
            ngettext("{count} supplier risk", "{count} supplier risks", n).format(
                count=n
            )
        )
    if n := len(risks.supplier_ramps):
        declared.append(
            ngettext(
                "{count} uncertain supplier ramp", "{count} uncertain supplier ramps", n
            ).format(count=n)
        )
    if n := sum(gate.delay_weeks is not None for gate in scenario.gates):
        declared.append(
            ngettext(
                "{count} gate with an uncertain date",
                "{count} gates with an uncertain date",
                n,
            ).format(count=n)
        )
    if n := len(risks.station_breakdowns):
        declared.append(
            ngettext(
                "{count} station breakdown", "{count} station breakdowns", n
            ).format(count=n)
        )
    if n := len(risks.staff_opt_out):
        declared.append(
            ngettext("{count} staff opt-out", "{count} staff opt-outs", n).format(
                count=n
            )
        )
    if n := len(risks.learning_uncertainty):
        declared.append(
            ngettext(
                "{count} uncertain learning rate", "{count} uncertain learning rates", n
            ).format(count=n)
        )
    if declared:
        lines.append(
            gettext("Declared in the scenario: {risks}.").format(
                risks=", ".join(declared)
            )
        )
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
    language: Language | None = None,
) -> str:
    """The brief as one HTML page laid out for two printed A4 pages.

    In `language`, else the scenario's `program.language`.
    """
    with speaking(language or scenario.program.language):
        return _render_brief(scenario, plan, case, sensitivity, risk, realism)


def _render_brief(
    scenario: Scenario,
    plan: Plan,
    case: BusinessCase | None,
    sensitivity: Sensitivity | None,
    risk: RiskView | None,
    realism: RealismReport | None,
) -> str:
    case = case or business_case(scenario, plan)
    risk = spoken(risk) if risk is not None else None
    names = Names.of(scenario)
    top = sensitivity.inputs_by_swing()[:TOP_SENSITIVITIES] if sensitivity else []
    assets = page_assets("brief.css", with_charts=False)
    context = {
        **assets,
        "css": assets["css"] + page_footer_css(),
        "title": gettext("{program}: decision brief").format(
            program=scenario.program.name
        ),
        "periods_sentence": horizon_sentence(scenario.program),
        "span": contract_words.span(case),
        "conventions": contract_words.conventions(case),
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
    language: Language | None = None,
) -> BriefFiles:
    """Write `brief.html` and `brief.pdf` into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    html = render_brief(
        scenario,
        plan,
        case=case,
        sensitivity=sensitivity,
        risk=risk,
        language=language,
    )
    html_path = out_dir / BRIEF_HTML
    html_path.write_text(html, encoding="utf-8")
    pdf_path = write_pdf(html, out_dir / BRIEF_PDF)
    return BriefFiles(html=html_path, pdf=pdf_path)
