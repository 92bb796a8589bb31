"""Re-plan, plan diff, capable-to-promise and termination over files and run folders.

The CLI (`surgeplan replan`, `diff`, `promise`, `terminate`) and the Python API call
these; each turns what the stage refuses into a `PipelineError` with a readable
message, so a bad input never ends in a traceback. A re-plan starts from an opening
state given as a file (`--state`) or from actuals (`replan_from_actuals`): the
program's state at the actuals' status week, mapped by `execution.opening`.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from pydantic import ValidationError

from surgeplan.pipeline.errors import PipelineError, UnreadableInputError

__all__ = ["PipelineError"]
from surgeplan.pipeline.folder import RunFolder
from surgeplan.pipeline.plans import save_plan
from surgeplan.planning.results.plan import Plan, PlanFileError, load_plan
from surgeplan.planning.results.records_change import ChangeKind
from surgeplan.scenario import Scenario
from surgeplan.scenario.opening_state import OpeningState

if TYPE_CHECKING:
    import pandas as pd

    from surgeplan.economics.termination import TerminationCase, TerminationTerms
    from surgeplan.execution.records import Actuals
    from surgeplan.planning.replanning.promise import Promise
    from surgeplan.planning.replanning.replan import Replan

# A re-plan and a promise plan without the whole-number search when it is estimated
# over half of this (late plans) or a tenth (on time): the answer in seconds, the same
# on any machine (the limit is then never reached).
QUICK_TIME_LIMIT_S = 40.0
DIFF_FILE = "plan-diff.csv"
# The opening state a re-plan from actuals started from: to read, or to edit and give
# back with `--state`.
OPENING_STATE_FILE = "opening-state.yaml"
TERMINATION_FILE = "termination.json"


def read_opening_state(path: Path) -> OpeningState:
    """An opening state from a YAML or JSON file (the scenario's `opening_state`).

    Raises:
        UnreadableInputError: missing, not YAML/JSON, or a located invalid field.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise UnreadableInputError(f"{path}: not a readable state ({error})") from None
    if isinstance(data, dict) and "opening_state" in data:
        data = data["opening_state"]
    try:
        return OpeningState.model_validate(data or {})
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top)"
        raise UnreadableInputError(
            f"{path}: {where}: {first['msg']} ({error.error_count()} problem(s))"
        ) from None


def read_plan_file(path: Path) -> Plan:
    """A plan.json, or a readable refusal."""
    try:
        return load_plan(path)
    except PlanFileError as error:
        raise UnreadableInputError(str(error)) from None


def replan_to_folder(
    scenario: Scenario,
    scenario_file: Path,
    old_plan: Plan,
    state: OpeningState,
    status_week: int,
    out: Path,
    *,
    kind: ChangeKind = ChangeKind.REPLAN,
) -> tuple[Replan, list[Path]]:
    """Re-plan and write the new plan, its scenario snapshot and the diff into `out`."""
    result = _replan(scenario, old_plan, state, status_week, kind)
    return result, _write_replan(result, scenario_file, old_plan, out)


def replan_from_actuals(
    scenario: Scenario,
    old_plan: Plan,
    actuals: Actuals,
    *,
    kind: ChangeKind = ChangeKind.REPLAN,
    cause: str = "",
) -> Replan:
    """Plan again from the week after the actuals' status week (`through_week`).

    The actuals must already be checked against `scenario` (`load_actuals`). What
    they say happened becomes the re-plan's opening state (`execution.opening`);
    `cause`, or else the shortfall against `old_plan`, is recorded in the new plan.
    Each work center starts on the shift pattern the old plan ran in the status week
    (`execution.shifts_in_force`).

    Raises:
        PipelineError: the re-plan cannot be set up (e.g. a status week at or beyond
            the horizon, a plan not in weekly buckets).
    """
    from surgeplan.execution.shifts_in_force import with_patterns_in_force

    state = opening_state_of(scenario, old_plan, actuals, cause=cause)
    running = with_patterns_in_force(scenario, old_plan, actuals.through_week)
    return _replan(running, old_plan, state, actuals.through_week, kind)


def opening_state_of(
    scenario: Scenario, old_plan: Plan, actuals: Actuals, *, cause: str = ""
) -> OpeningState:
    """The opening state at the end of the actuals' status week."""
    from surgeplan.execution.opening import opening_state_from
    from surgeplan.execution.state import program_state

    state = program_state(scenario, actuals, actuals.through_week)
    earlier = None
    if old_plan.buckets:
        # An old plan that is itself a re-plan starts after week 1: its orders and
        # deliveries are compared with what happened since its start.
        first_week = (old_plan.buckets[0].start - actuals.start_date).days // 7 + 1
        if 1 < first_week <= actuals.through_week:
            earlier = program_state(scenario, actuals, first_week - 1)
    return opening_state_from(state, scenario, old_plan, earlier=earlier, cause=cause)


def replan_actuals_to_folder(
    scenario: Scenario,
    scenario_file: Path,
    old_plan: Plan,
    actuals: Actuals,
    out: Path,
    *,
    kind: ChangeKind = ChangeKind.REPLAN,
) -> tuple[Replan, list[Path]]:
    """`replan_from_actuals`, written like `replan_to_folder` plus the opening state."""
    result = replan_from_actuals(scenario, old_plan, actuals, kind=kind)
    paths = _write_replan(result, scenario_file, old_plan, out)
    opening = result.scenario.opening_state
    assert opening is not None  # a re-plan always carries its opening state
    state_path = out / OPENING_STATE_FILE
    state_path.write_text(
        yaml.safe_dump(opening.model_dump(mode="json"), sort_keys=False),
        encoding="utf-8",
    )
    return result, [*paths, state_path]


def _replan(
    scenario: Scenario,
    old_plan: Plan,
    state: OpeningState,
    status_week: int,
    kind: ChangeKind,
) -> Replan:
    from surgeplan.planning.replanning.replan import ReplanError, replan

    try:
        return replan(
            scenario,
            old_plan,
            state,
            status_week,
            time_limit_s=QUICK_TIME_LIMIT_S,
            kind=kind,
        )
    except ReplanError as error:
        raise PipelineError(str(error)) from None


def _write_replan(
    result: Replan, scenario_file: Path, old_plan: Plan, out: Path
) -> list[Path]:
    from surgeplan.planning.results.diff import plan_diff

    folder = RunFolder(out, scenario_file)
    folder.prepare()
    used = save_plan(result.scenario, result.plan, folder)
    diff_path = out / DIFF_FILE
    plan_diff(old_plan, result.plan).to_csv(diff_path, index=False)
    return [used.path, diff_path]


def diff_files(old: Path, new: Path) -> pd.DataFrame:
    """The plan diff of two plan files."""
    from surgeplan.planning.results.diff import plan_diff

    return plan_diff(read_plan_file(old), read_plan_file(new))


def promise(
    scenario: Scenario,
    current_plan: Plan,
    *,
    units: float | None,
    by_date: dt.date | None,
    delivery_point: str | None,
) -> Promise:
    """Earliest date for `units` more, or how many more by `by_date` (one of them)."""
    from surgeplan.planning.replanning.promise import (
        PromiseError,
        earliest_date_for,
        units_by_date,
    )

    if (units is None) == (by_date is None):
        raise PipelineError("give either --units N or --by DATE")
    try:
        if units is not None:
            return earliest_date_for(
                scenario,
                current_plan,
                units,
                delivery_point=delivery_point,
                time_limit_s=QUICK_TIME_LIMIT_S,
            )
        assert by_date is not None
        return units_by_date(
            scenario,
            current_plan,
            by_date,
            delivery_point=delivery_point,
            time_limit_s=QUICK_TIME_LIMIT_S,
        )
    except PromiseError as error:
        raise PipelineError(str(error)) from None


def terminate_to_folder(
    scenario: Scenario, plan: Plan, terms: TerminationTerms, out: Path
) -> tuple[TerminationCase, Path]:
    """The exit ramp and both business cases, written as termination.json."""
    import dataclasses

    from surgeplan.economics.termination import TerminationError, termination_case

    try:
        case = termination_case(scenario, plan, terms)
    except TerminationError as error:
        raise PipelineError(str(error)) from None
    out.mkdir(parents=True, exist_ok=True)
    path = out / TERMINATION_FILE
    data = dataclasses.asdict(case)
    data["exit_ramp"]["people_back_to_core"] = {
        f"{site}/{skill}": people
        for (site, skill), people in case.exit_ramp.people_back_to_core.items()
    }
    ramp = case.exit_ramp
    data["exit_ramp"]["revert_costs"] = ramp.revert_costs
    data["exit_ramp"]["stranded_capex"] = ramp.stranded_capex
    data["exit_ramp"]["exit_cash"] = ramp.exit_cash
    data["terms"] = {
        "date": terms.date.isoformat(),
        "work_in_progress": terms.work_in_progress.value,
        "revert_cost_share": terms.revert_cost_share,
        "severance_per_hire": terms.severance_per_hire,
    }
    path.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")
    return case, path
