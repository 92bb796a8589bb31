"""The whole flow on one screen: scenario to report and brief, in one run folder.

Plan, check, hold the ramp against the surges on record, simulate, rank the
mitigations, (re-plan for the sensitivity), then write the report and the brief.
Every stage here uses HiGHS or no solver, so they share one process; scheduling is
not part of the flow (see `schedules`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from surgeplan.pipeline import documents, plans, realism, risks
from surgeplan.pipeline.commands import Stage
from surgeplan.pipeline.documents import BriefFiles
from surgeplan.pipeline.errors import PlanBreaksConstraintsError
from surgeplan.pipeline.folder import RunFolder
from surgeplan.pipeline.options import DocumentOptions, PlanOptions
from surgeplan.pipeline.plans import PlanInUse
from surgeplan.pipeline.risk_options import MitigationOptions, SimulationOptions
from surgeplan.risk.mitigate import MitigationReport
from surgeplan.risk.report import RiskReport
from surgeplan.scenario import load_scenario
from surgeplan.scenario.program import Language

StageStarted = Callable[[Stage, str], None]


@dataclass(frozen=True)
class RunOptions:
    """Which stages run, and each stage's options."""

    plan: PlanOptions = field(default_factory=PlanOptions)
    simulation: SimulationOptions = field(default_factory=SimulationOptions)
    mitigation: MitigationOptions = field(default_factory=MitigationOptions)
    with_risk: bool = True
    """False: no simulation and no mitigations (the documents show the plan only)."""
    with_sensitivity: bool = False
    with_brief: bool = True
    language: Language | None = None
    """The language of plan.xlsx, the report and the brief; None: the scenario's
    `program.language` (a language in `plan` outranks it for plan.xlsx)."""


@dataclass(frozen=True)
class RunResult:
    """What a run made, all of it written in its folder."""

    folder: RunFolder
    plan: PlanInUse
    risk: RiskReport | None = None
    mitigations: MitigationReport | None = None
    report: Path | None = None
    brief: BriefFiles | None = None


def _silent(_stage: Stage, _detail: str) -> None:
    return None


def run_pipeline(
    scenario_file: Path,
    out: Path,
    options: RunOptions | None = None,
    started: StageStarted = _silent,
) -> RunResult:
    """Run every stage from the scenario file to the documents, into `out`.

    Raises:
        ScenarioError: the scenario does not validate.
        OutputFolderError: `out` cannot be written.
        ContradictoryScenarioError: core demand cannot be met even with every option.
        PlanningTimeoutError: HiGHS found no plan within the time limit.
        PlanBreaksConstraintsError: the independent check refused the plan.
        PdfUnavailableError: no PDF engine for the brief.
    """
    options = options or RunOptions()
    started(Stage.VALIDATE, str(scenario_file))
    scenario = load_scenario(scenario_file)
    folder = RunFolder(out, scenario_file)
    folder.prepare()
    started(Stage.PLAN, f"at most {options.plan.time_limit_s:g} s")
    plan_options = options.plan
    if plan_options.language is None:
        plan_options = replace(plan_options, language=options.language)
    used = plans.make_plan(scenario, folder, plan_options)
    started(Stage.CHECK, str(used.path))
    violations = plans.check(scenario, used)
    if violations:
        raise PlanBreaksConstraintsError(
            f"{len(violations)} constraints broken in {used.path}",
            [str(violation) for violation in violations],
        )
    started(Stage.REALISM, "the ramp against the surges on record")
    realism.make_realism(scenario, used, folder)
    risk = mitigations = None
    if options.with_risk:
        started(Stage.SIMULATE, f"{options.simulation.runs:,} runs")
        risk = risks.simulate(scenario, used, folder, options.simulation)
        if scenario.mitigations:
            started(Stage.MITIGATE, f"{options.mitigation.runs:,} runs")
            mitigations = risks.mitigate(scenario, used, folder, options.mitigation)
    if options.with_sensitivity:
        started(Stage.SENSITIVITY, "re-planning with each key input moved")
        plans.make_sensitivity(scenario, used, folder, options.plan)
    started(Stage.REPORT, str(folder.path))
    inputs = documents.gather(
        scenario,
        folder,
        DocumentOptions(with_risk=options.with_risk, language=options.language),
    )
    report = documents.write_report(inputs, folder)
    brief = None
    if options.with_brief:
        started(Stage.BRIEF, str(folder.path))
        brief = documents.write_brief(inputs, folder)
    return RunResult(folder, used, risk, mitigations, report, brief)
