"""The stages around the plan: make it, read it back, check it, move its inputs.

HiGHS is imported inside the functions that solve, never at module level: the
scheduling stage reads plans too, in a process that loads OR-Tools.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar, cast

from pydantic import BaseModel, ValidationError

from surgeplan.economics import BusinessCase, Sensitivity, business_case
from surgeplan.pipeline import files
from surgeplan.pipeline.errors import UnreadableInputError
from surgeplan.pipeline.folder import (
    Artefact,
    Origin,
    RunFolder,
    read_manifest,
)
from surgeplan.pipeline.options import PlanOptions
from surgeplan.planning.checking.checker import Violation
from surgeplan.planning.results.plan import Plan, PlanFileError, load_plan
from surgeplan.planning.targets import PlanTargets
from surgeplan.scenario import Scenario, scenario_hash
from surgeplan.scenario.program import Language
from surgeplan.scenario.saving import save_scenario

Progress = Callable[[str], None]


@dataclass(frozen=True)
class PlanInUse:
    """A plan and the file it was read from or written to."""

    plan: Plan
    path: Path


def make_plan(
    scenario: Scenario,
    folder: RunFolder,
    options: PlanOptions,
    progress: Progress | None = None,
) -> PlanInUse:
    """Plan the scenario; write plan.json, plan.xlsx and the scenario's snapshot.

    With a confidence target (the options' or the scenario's `program.confidence`)
    the plan is the confidence search's (`surgeplan.confidence`), and confidence.json
    sets the plans of every target asked for side by side: the price of confidence.

    Raises:
        ContradictoryScenarioError: core demand cannot be met even with every option.
        PlanningTimeoutError: HiGHS found no plan at all within the time limit.
    """
    targets = options.confidence_targets(scenario.program.confidence)
    stale = folder.file(Artefact.CONFIDENCE)
    if not targets:
        stale.unlink(missing_ok=True)
        return save_plan(
            scenario,
            _plan(scenario, options, progress),
            folder,
            language=options.language,
        )
    from surgeplan.confidence import price_of_confidence
    from surgeplan.risk import Executor

    price = price_of_confidence(
        scenario,
        targets,
        planner=lambda chosen, margins: _plan(chosen, options, progress, margins),
        runs=options.confidence_runs,
        seed=options.confidence_seed,
        executor=Executor(options.confidence_executor),
        workers=options.confidence_workers or 1,
        scheduler=options.confidence_scheduler,
        progress=progress,
    )
    chosen = (
        scenario.program.confidence
        if scenario.program.confidence in targets
        else targets[-1]
    )
    used = save_plan(
        scenario, price.plan_for(chosen).plan, folder, language=options.language
    )
    data = {**price.to_dict(), "chosen_target": chosen}
    files.write_text(stale, json.dumps(data, indent=1) + "\n")
    folder.record(
        Artefact.CONFIDENCE,
        Origin.of(scenario, used.plan),
    )
    return used


def _plan(
    scenario: Scenario,
    options: PlanOptions,
    progress: Progress | None,
    targets: PlanTargets | None = None,
) -> Plan:
    """One run of the planner with the stage's options (and a search's margins)."""
    from surgeplan.planning.planner import run_planner

    return run_planner(
        scenario,
        time_limit_s=options.time_limit_s,
        mip_gap=options.mip_gap,
        allow_core_impact=options.allow_core_impact,
        threads=options.threads,
        write_mps=options.write_mps if targets is None else None,
        progress=progress,
        targets=targets,
    )


def read_price_of_confidence(folder: RunFolder) -> dict[str, object] | None:
    """The folder's confidence.json, or None when the plan was made without one."""
    path = folder.file(Artefact.CONFIDENCE)
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UnreadableInputError(f"{path}: not readable JSON ({error})") from None
    return data if isinstance(data, dict) else None


def save_plan(
    scenario: Scenario,
    plan: Plan,
    folder: RunFolder,
    *,
    language: Language | None = None,
) -> PlanInUse:
    """Write plan.json, plan.xlsx and the scenario they were made from.

    plan.xlsx is in `language`, else the scenario's `program.language`.
    """
    from surgeplan.planning.results.workbook import write_plan_workbook

    origin = Origin.of(scenario)
    files.write_with(
        folder.file(Artefact.SCENARIO), lambda path: save_scenario(scenario, path)
    )
    folder.record(Artefact.SCENARIO, origin)
    path = files.write_text(folder.file(Artefact.PLAN), plan.to_json())
    files.write_with(
        folder.file(Artefact.PLAN_WORKBOOK),
        lambda target: write_plan_workbook(plan, target, scenario, language=language),
    )
    folder.record(Artefact.PLAN, origin)
    folder.record(Artefact.PLAN_WORKBOOK, origin)
    return PlanInUse(plan, path)


def read_plan(
    scenario: Scenario, folder: RunFolder, given: Path | None = None
) -> PlanInUse:
    """The plan to use: the file given, or the folder's plan.json.

    Raises:
        MissingInputError: no plan, with the command that makes one.
        UnreadableInputError: not a plan file.
        MismatchError: a plan of another version of the scenario.
    """
    path = folder.require(Artefact.PLAN, given)
    try:
        plan = load_plan(path)
    except PlanFileError as error:
        raise UnreadableInputError(str(error)) from None
    folder.check_origin(
        Artefact.PLAN,
        path,
        is_from_scenario=plan.scenario_hash == scenario_hash(scenario),
    )
    return PlanInUse(plan, path)


def read_or_make_plan(
    scenario: Scenario,
    folder: RunFolder,
    given: Path | None,
    options: PlanOptions,
    progress: Progress | None = None,
) -> PlanInUse:
    """The plan given or in the folder; without either, a new one made now."""
    if given is None and not folder.file(Artefact.PLAN).is_file():
        return make_plan(scenario, folder, options, progress)
    return read_plan(scenario, folder, given)


def save_business_case(
    scenario: Scenario, used: PlanInUse, folder: RunFolder
) -> BusinessCase:
    """Work out the business case of the plan (no solver) and write it."""
    case = business_case(scenario, used.plan)
    files.write_text(
        folder.file(Artefact.BUSINESS_CASE), case.model_dump_json(indent=1) + "\n"
    )
    folder.record(
        Artefact.BUSINESS_CASE,
        Origin.of(scenario, used.plan),
    )
    return case


def make_sensitivity(
    scenario: Scenario,
    used: PlanInUse,
    folder: RunFolder,
    options: PlanOptions,
) -> Sensitivity:
    """Re-plan with each key input moved down and up; write sensitivity.json.

    About eight plans, two at a time, each in a process of its own.
    """
    from surgeplan.economics import sensitivity
    from surgeplan.pipeline.defaults import SENSITIVITY_CHANGE

    found = sensitivity(
        scenario,
        used.plan,
        change=SENSITIVITY_CHANGE,
        time_limit_s=options.time_limit_s,
    )
    files.write_text(
        folder.file(Artefact.SENSITIVITY), found.model_dump_json(indent=1) + "\n"
    )
    folder.record(
        Artefact.SENSITIVITY,
        Origin.of(scenario, used.plan),
    )
    return found


class HashedResult(Protocol):
    """A result document that names the scenario it was made from."""

    scenario_hash: str


Result = TypeVar("Result", bound=BaseModel)


def read_plan_result(
    kind: type[Result],
    artefact: Artefact,
    what: str,
    scenario: Scenario,
    used: PlanInUse,
    folder: RunFolder,
) -> Result | None:
    """The folder's `artefact` (a `kind` document), if there is one; it must match.

    `what` names the document in the refusal ("sensitivity").

    Raises:
        UnreadableInputError: not such a document.
        MismatchError: made from another scenario or plan.
    """
    path = folder.file(artefact)
    if not path.is_file():
        return None
    try:
        found = kind.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError):
        raise UnreadableInputError(
            f"{path}: not a surgeplan {what}; make it with "
            f"`{folder.command_for(artefact)}`"
        ) from None
    hashed = cast(HashedResult, found)
    folder.check_origin(
        artefact,
        path,
        is_from_scenario=hashed.scenario_hash == scenario_hash(scenario),
        plan=used.plan,
        plan_file=used.path,
    )
    return found


def read_sensitivity(
    scenario: Scenario, used: PlanInUse, folder: RunFolder
) -> Sensitivity | None:
    """The folder's sensitivity.json, if there is one; it must match the plan.

    Raises:
        UnreadableInputError: not a sensitivity file.
        MismatchError: made from another scenario or plan.
    """
    return read_plan_result(
        Sensitivity, Artefact.SENSITIVITY, "sensitivity", scenario, used, folder
    )


def check(scenario: Scenario, used: PlanInUse) -> list[Violation]:
    """Every constraint the plan breaks, recomputed from its records (empty: none)."""
    from surgeplan.planning.checking.checker import check_plan

    return check_plan(scenario, used.plan)


def read_scenario_snapshot(folder: RunFolder) -> Scenario:
    """The scenario the folder's plan was made from, as `plan` saved it.

    Raises:
        MissingInputError: no snapshot, with the command that makes one.
        ScenarioError: the snapshot was edited into an invalid scenario.
    """
    from surgeplan.scenario import load_scenario

    return load_scenario(folder.require(Artefact.SCENARIO))


def read_business_case(
    scenario: Scenario, used: PlanInUse, folder: RunFolder
) -> BusinessCase:
    """The folder's business-case.json, made from this plan.

    Raises:
        MissingInputError: none yet, with the command that makes one.
        UnreadableInputError: not a business case.
        MismatchError: made from another scenario or plan.
    """
    path = folder.require(Artefact.BUSINESS_CASE)
    try:
        case = BusinessCase.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError):
        raise UnreadableInputError(
            f"{path}: not a surgeplan business case; make it with "
            f"`{folder.command_for(Artefact.BUSINESS_CASE)}`"
        ) from None
    # The business case records no scenario hash; run.json beside it does.
    origin = read_manifest(path.parent).origins.get(path.name)
    folder.check_origin(
        Artefact.BUSINESS_CASE,
        path,
        is_from_scenario=origin is None
        or origin.scenario_hash == scenario_hash(scenario),
        plan=used.plan,
        plan_file=used.path,
    )
    return case
