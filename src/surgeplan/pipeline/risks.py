"""The risk stages: simulate the plan under the scenario's risks, rank mitigations.

Neither uses a solver, so they share a process with the planner; the plan they are
given must be of this scenario, and what they write is recorded with that plan's hash.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from surgeplan.pipeline import files
from surgeplan.pipeline.errors import MissingInputError
from surgeplan.pipeline.folder import Artefact, Origin, RunFolder
from surgeplan.pipeline.plans import PlanInUse
from surgeplan.pipeline.risk_options import (
    ExecutionOptions,
    MitigationOptions,
    SimulationOptions,
)
from surgeplan.reporting.mitigation_view import load_mitigation_ranking
from surgeplan.reporting.risk_view import RiskView, load_risk_view
from surgeplan.risk.mitigate import MitigationReport
from surgeplan.risk.report import RiskReport
from surgeplan.scenario import Scenario


def _workers(execution: ExecutionOptions) -> int:
    return execution.workers or os.cpu_count() or 1


BatchesDone = Callable[[int, int], None]
"""Told (batches done, batches in all) as the simulation's batches come back."""


def simulate(
    scenario: Scenario,
    used: PlanInUse,
    folder: RunFolder,
    options: SimulationOptions,
    on_batches_done: BatchesDone | None = None,
) -> RiskReport:
    """Execute the plan `options.runs` times; write risk.json.

    Raises:
        ExecutorError: the Dask executor without a reachable scheduler.
    """
    from surgeplan.risk.simulate import simulate as run_simulation

    execution = options.execution
    report = run_simulation(
        scenario,
        used.plan,
        options.runs,
        options.seed,
        policy=options.recovery.policy(),
        contributions=options.with_contributions,
        contribution_runs=options.contribution_runs,
        executor=execution.executor,
        workers=_workers(execution),
        scheduler=execution.scheduler,
        batch_runs=execution.batch_runs,
        on_batches_done=on_batches_done,
    )
    files.write_text(folder.file(Artefact.RISK), report.to_json())
    folder.record(Artefact.RISK, Origin.of(scenario, used.plan))
    return report


def mitigate(
    scenario: Scenario,
    used: PlanInUse,
    folder: RunFolder,
    options: MitigationOptions,
    on_batches_done: BatchesDone | None = None,
) -> MitigationReport:
    """Rank the scenario's mitigations on the same draws; write mitigations.json.

    Raises:
        ExecutorError: the Dask executor without a reachable scheduler.
    """
    from surgeplan.risk.mitigate import mitigate as rank_mitigations

    execution = options.execution
    report = rank_mitigations(
        scenario,
        used.plan,
        options.runs,
        options.seed,
        policy=options.recovery.policy(),
        key_milestone=options.milestone,
        executor=execution.executor,
        workers=_workers(execution),
        scheduler=execution.scheduler,
        batch_runs=execution.batch_runs,
        on_batches_done=on_batches_done,
    )
    files.write_text(folder.file(Artefact.MITIGATIONS), report.to_json())
    folder.record(Artefact.MITIGATIONS, Origin.of(scenario, used.plan))
    return report


def read_risk(
    scenario: Scenario,
    used: PlanInUse,
    folder: RunFolder,
    *,
    risk_file: Path | None = None,
    mitigations_file: Path | None = None,
) -> RiskView | None:
    """What the documents show of the risks: the files given, or the folder's.

    Without a risk file given and none in the folder there is nothing to show
    (None); mitigations are shown with the risk results they belong to.

    Raises:
        MissingInputError: mitigations without risk results.
        RiskUnavailableError, MitigationsUnavailableError: a missing file given, or
            not a result file.
        MismatchError: a result of another scenario or another plan.
    """
    risk_path = folder.file(Artefact.RISK) if risk_file is None else risk_file
    if risk_file is None and not risk_path.is_file():
        if mitigations_file is not None:
            raise MissingInputError(
                f"--mitigations needs --risk (or a {risk_path}): the ranking is shown "
                "with the risk results it was measured against; make them with "
                f"`{folder.command_for(Artefact.RISK)}`"
            )
        return None
    view = load_risk_view(risk_path, scenario)
    folder.check_origin(
        Artefact.RISK,
        risk_path,
        is_from_scenario=not view.is_for_other_scenario,
        plan=used.plan,
        plan_file=used.path,
    )
    ranking_path = mitigations_file or risk_path.parent / Artefact.MITIGATIONS.value
    if mitigations_file is None and not ranking_path.is_file():
        return view
    ranking = load_mitigation_ranking(ranking_path, scenario)
    folder.check_origin(
        Artefact.MITIGATIONS,
        ranking_path,
        is_from_scenario=not ranking.is_for_other_scenario,
        plan=used.plan,
        plan_file=used.path,
    )
    return replace(view, mitigations=ranking)
