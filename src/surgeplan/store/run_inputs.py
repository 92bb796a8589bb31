"""The inputs of status and re-plan runs: an actuals version and a plan run.

A status or re-plan run reads two things besides its scenario version: an actuals
version (by number) and a finished run whose `plan.json` is the plan the program
runs on (by id). Both must belong to the run's program and to the very scenario
version the run is pinned to: actuals were checked against that version, and a plan
of another version would be compared with a program it was not made for. Both are
immutable once saved, so the run is pinned to them by their number and id; the
worker copies them into the run's folder when it claims the run.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from surgeplan.i18n import N_
from surgeplan.store.actuals_table import ActualsVersionRow
from surgeplan.store.errors import NotFoundError, StoreError
from surgeplan.store.records import RunKind, RunState
from surgeplan.store.tables import RunResultRow, RunRow, ScenarioVersionRow

ACTUALS_VERSION = "actuals_version"
"""A status or re-plan run's parameter: the number of the actuals version."""
PLAN_RUN = "plan_run_id"
"""A status or re-plan run's parameter: the run whose plan.json is the old plan."""
ACTUALS_FILE = "actuals.json"
PLAN_FILE = "plan.json"
KINDS_WITH_INPUTS = (RunKind.STATUS, RunKind.REPLAN)


class MismatchedInputError(StoreError):
    """Actuals or a plan run that belong to another scenario version than the run."""

    status = 422
    title = "Invalid request"


def _actuals_row(
    session: Session, program_id: int, number: int
) -> ActualsVersionRow | None:
    return session.execute(
        select(ActualsVersionRow).where(
            ActualsVersionRow.program_id == program_id,
            ActualsVersionRow.number == number,
        )
    ).scalar_one_or_none()


def _plan_text(session: Session, program_id: int, run_id: int) -> str | None:
    return session.execute(
        select(RunResultRow.content).where(
            RunResultRow.program_id == program_id,
            RunResultRow.run_id == run_id,
            RunResultRow.name == PLAN_FILE,
        )
    ).scalar_one_or_none()


def check_inputs(
    session: Session,
    program_id: int,
    version: ScenarioVersionRow,
    parameters: dict[str, int | str],
) -> None:
    """Refuse a status or re-plan run whose inputs are missing or of another version.

    Raises:
        NotFoundError: no such actuals version or run in the program, or a run
            without a plan.json.
        MismatchedInputError: the actuals or the plan run belong to another
            scenario version than the run.
    """
    number = int(parameters[ACTUALS_VERSION])
    actuals = _actuals_row(session, program_id, number)
    if actuals is None:
        raise NotFoundError(
            N_("there is no actuals version {number} in this program"), number=number
        )
    run_id = int(parameters[PLAN_RUN])
    plan_run = session.execute(
        select(RunRow).where(RunRow.program_id == program_id, RunRow.id == run_id)
    ).scalar_one_or_none()
    if plan_run is None:
        raise NotFoundError(
            N_("there is no run {run_id} in this program"), run_id=run_id
        )
    if (
        plan_run.state != RunState.DONE
        or _plan_text(session, program_id, run_id) is None
    ):
        raise NotFoundError(
            N_(
                "run {run_id} has no {file}: give a finished plan, report, brief or "
                "re-plan run"
            ),
            run_id=run_id,
            file=PLAN_FILE,
        )
    pinned = f"version {version.number} of scenario {version.scenario_id}"
    if actuals.scenario_version_id != version.id:
        raise MismatchedInputError(
            f"actuals version {number} was checked against another scenario version "
            f"than the run's ({pinned}); upload them against it or run on theirs"
        )
    if plan_run.version_id != version.id:
        raise MismatchedInputError(
            f"run {run_id} planned another scenario version than the run's "
            f"({pinned}); give a plan run of the same version"
        )


def input_files(session: Session, run: RunRow) -> tuple[tuple[str, str], ...]:
    """The files a claimed status or re-plan run reads: (file name, text)."""
    if run.kind not in KINDS_WITH_INPUTS:
        return ()
    actuals = _actuals_row(
        session, run.program_id, int(run.parameters[ACTUALS_VERSION])
    )
    plan = _plan_text(session, run.program_id, int(run.parameters[PLAN_RUN]))
    # Both were checked on submit and are never deleted; a run that lost them
    # anyway fails in its command with a located message, not in the worker.
    return (
        (ACTUALS_FILE, actuals.content if actuals is not None else "{}"),
        (PLAN_FILE, plan if plan is not None else "{}"),
    )
