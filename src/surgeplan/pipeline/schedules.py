"""The scheduling stage: a site's detailed schedule, on CP-SAT, in a process of its own.

HiGHS (every other solving stage) and OR-Tools cannot be loaded into one Python
process (SOLVERS.md). Three rules keep them apart:

- this module and the rest of the pipeline import no solver at module level; each
  solving stage imports its solver inside the function that solves;
- `schedule` (the stage itself) is only called in a process that has not loaded
  HiGHS;
- `schedule_in_own_process`, which the `surgeplan schedule` command and any process
  that may have planned call, runs `schedule` in a freshly spawned interpreter (never
  forked, which would inherit HiGHS; see `processes`). The command's own process then
  only waits, so Ctrl-C stops it at once even while CP-SAT solves.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from surgeplan.pipeline import files
from surgeplan.pipeline.errors import ScheduleRefusedError, UnreadableInputError
from surgeplan.pipeline.folder import Artefact, Origin, RunFolder
from surgeplan.pipeline.plans import PlanInUse
from surgeplan.pipeline.processes import call_in_own_process
from surgeplan.pipeline.schedule_options import ScheduleOptions
from surgeplan.scenario import Scenario, scenario_hash
from surgeplan.scheduling.site.errors import ScheduleInputError
from surgeplan.scheduling.site.result import Schedule

SCHEDULE_WORKBOOK = "schedule.xlsx"
GANTT_FILE = "gantt.html"


def schedule(
    scenario: Scenario,
    used: PlanInUse | None,
    folder: RunFolder,
    options: ScheduleOptions,
) -> tuple[Schedule, list[Path]]:
    """Sequence a site's batches on its stations; write its three files.

    Without a plan the site's demand is scheduled. Loads OR-Tools: call it only in
    a process without HiGHS (see the module's docstring).

    Raises:
        ScheduleInputError: an operation no station of the site can do, an unknown
            site or weeks outside the horizon.
    """
    from surgeplan.scheduling.site.gantt import write_gantt
    from surgeplan.scheduling.site.solve import schedule_site
    from surgeplan.scheduling.site.workbook import write_schedule_workbook

    result = schedule_site(
        scenario,
        options.site,
        options.start_week,
        options.weeks,
        used.plan if used else None,
        time_limit_s=options.time_limit_s,
        workers=options.threads,
        seed=options.seed,
        objective=options.objective,
        deterministic_time=options.deterministic_time,
    )
    paths = [
        files.write_text(folder.file(Artefact.SCHEDULE), result.to_json()),
        files.write_with(
            folder.path / SCHEDULE_WORKBOOK,
            lambda target: write_schedule_workbook(result, target),
        ),
        files.write_with(
            folder.path / GANTT_FILE, lambda target: write_gantt(result, target)
        ),
    ]
    folder.record(
        Artefact.SCHEDULE,
        Origin.of(scenario, used.plan if used else None),
    )
    return result, paths


def read_schedule(
    scenario: Scenario, used: PlanInUse | None, folder: RunFolder
) -> Schedule:
    """The folder's schedule.json, made from this scenario and plan (if any).

    Raises:
        MissingInputError: none yet, with the command that makes one.
        UnreadableInputError: not a schedule.
        MismatchError: made from another scenario or plan.
    """
    path = folder.require(Artefact.SCHEDULE)
    try:
        found = Schedule.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError):
        raise UnreadableInputError(
            f"{path}: not a surgeplan schedule; make it with "
            f"`{folder.command_for(Artefact.SCHEDULE)}`"
        ) from None
    folder.check_origin(
        Artefact.SCHEDULE,
        path,
        is_from_scenario=found.scenario_hash == scenario_hash(scenario),
        plan=used.plan if used else None,
        plan_file=used.path if used else None,
    )
    return found


def _schedule_refusing_plainly(
    scenario: Scenario,
    used: PlanInUse | None,
    folder: RunFolder,
    options: ScheduleOptions,
) -> tuple[Schedule, list[Path]]:
    # The scheduler's refusals carry fields a pipe cannot rebuild; their message is
    # what the caller shows.
    try:
        return schedule(scenario, used, folder, options)
    except ScheduleInputError as error:
        raise ScheduleRefusedError(str(error)) from None


def schedule_in_own_process(
    scenario: Scenario,
    used: PlanInUse | None,
    folder: RunFolder,
    options: ScheduleOptions,
) -> tuple[Schedule, list[Path]]:
    """`schedule` in a spawned interpreter: safe after planning, and stoppable.

    Raises:
        ScheduleRefusedError: what `schedule` refused (an unknown site, weeks outside
            the horizon, an operation no station can do), with its message.
        PipelineError: the scheduling process died without an answer.
    """
    return call_in_own_process(
        _schedule_refusing_plainly, scenario, used, folder, options
    )
