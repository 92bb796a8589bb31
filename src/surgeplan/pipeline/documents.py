"""The documents people read: report.html and the brief, from results only.

These stages never solve. They read the plan, the risk results, the mitigation
ranking and the sensitivity from the run folder (or the files given), refuse any
that belong to another scenario or plan, and name the command that makes a missing
plan. The business case is worked out from the plan, which needs no solver.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from surgeplan.economics import BusinessCase, Sensitivity
from surgeplan.i18n import Language, gettext, speaking
from surgeplan.pipeline import files
from surgeplan.pipeline.commands import Stage, shown
from surgeplan.pipeline.folder import Artefact, Origin, RunFolder
from surgeplan.pipeline.options import DocumentOptions
from surgeplan.pipeline.plans import (
    PlanInUse,
    read_plan,
    read_sensitivity,
    save_business_case,
)
from surgeplan.pipeline.realism import read_realism
from surgeplan.pipeline.risks import read_risk
from surgeplan.realism.comparison import RealismReport
from surgeplan.reporting.risk_view import RiskView
from surgeplan.scenario import Scenario

BRIEF_HTML = "brief.html"


@dataclass(frozen=True)
class DocumentInputs:
    """Everything a document is made from."""

    scenario: Scenario
    plan: PlanInUse
    case: BusinessCase
    risk: RiskView | None
    sensitivity: Sensitivity | None
    realism: RealismReport | None = None
    language: Language | None = None
    """None: the scenario's `program.language`."""


@dataclass(frozen=True)
class BriefFiles:
    """The brief as a PDF and as the HTML it was printed from."""

    pdf: Path
    html: Path


def gather(
    scenario: Scenario, folder: RunFolder, options: DocumentOptions
) -> DocumentInputs:
    """Read what a document shows, and write the plan's business case.

    Raises:
        MissingInputError: no plan (or a file given that does not exist).
        UnreadableInputError, RiskUnavailableError, MitigationsUnavailableError:
            a file that is not the result it should be.
        MismatchError: a result of another scenario or plan.
    """
    used = read_plan(scenario, folder, options.plan_file)
    risk = None
    if options.with_risk:
        risk = read_risk(
            scenario,
            used,
            folder,
            risk_file=options.risk_file,
            mitigations_file=options.mitigations_file,
        )
    found = read_sensitivity(scenario, used, folder)
    case = save_business_case(scenario, used, folder)
    return DocumentInputs(
        scenario,
        used,
        case,
        risk,
        found,
        read_realism(scenario, used, folder),
        options.language,
    )


def risk_note(folder: RunFolder) -> str:
    """What the report says when it has no risk results: the commands that add them."""
    simulate = shown(Stage.SIMULATE, folder.scenario_file, folder.path)
    mitigate = shown(Stage.MITIGATE, folder.scenario_file, folder.path)
    return gettext(
        "The risk simulation was not run for this report: run {simulate} to add "
        "milestone probabilities and the delivery fan, then {mitigate} to rank the "
        "mitigations, and write the report again."
    ).format(simulate=simulate, mitigate=mitigate)


def write_report(inputs: DocumentInputs, folder: RunFolder) -> Path:
    """Write report.html: the plan in charts and tables, in one offline file."""
    from surgeplan.reporting.execution_view import execution_view
    from surgeplan.reporting.report import render_report

    language = inputs.language or inputs.scenario.program.language
    with speaking(language):
        note = risk_note(folder)
        execution = execution_view(folder.path, inputs.plan.plan)
    html = render_report(
        inputs.scenario,
        inputs.plan.plan,
        case=inputs.case,
        sensitivity=inputs.sensitivity,
        risk=inputs.risk,
        risk_note=note,
        realism=inputs.realism,
        execution=execution,
        language=language,
    )
    path = files.write_text(folder.file(Artefact.REPORT), html)
    folder.record(Artefact.REPORT, Origin.of(inputs.scenario, inputs.plan.plan))
    return path


def write_brief(inputs: DocumentInputs, folder: RunFolder) -> BriefFiles:
    """Write brief.html and brief.pdf, the two-page decision brief.

    Raises:
        PdfUnavailableError: no PDF engine on this machine.
    """
    from surgeplan.reporting.brief import render_brief
    from surgeplan.reporting.pdf import write_pdf

    html = render_brief(
        inputs.scenario,
        inputs.plan.plan,
        case=inputs.case,
        sensitivity=inputs.sensitivity,
        risk=inputs.risk,
        realism=inputs.realism,
        language=inputs.language,
    )
    html_path = files.write_text(folder.path / BRIEF_HTML, html)
    pdf_path = files.write_with(
        folder.file(Artefact.BRIEF), lambda target: write_pdf(html, target)
    )
    folder.record(Artefact.BRIEF, Origin.of(inputs.scenario, inputs.plan.plan))
    return BriefFiles(pdf=pdf_path, html=html_path)
