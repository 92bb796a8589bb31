"""The realism stage: the plan's ramp held against the surges on record.

It needs the plan only (no solver, no simulation), so `run` makes it right after the
plan is checked, and the documents show it when the folder holds one that matches.
"""

from __future__ import annotations

from pydantic import ValidationError

from surgeplan.pipeline import files
from surgeplan.pipeline.errors import UnreadableInputError
from surgeplan.pipeline.folder import Artefact, Origin, RunFolder
from surgeplan.pipeline.plans import PlanInUse
from surgeplan.realism.comparison import RealismReport, realism_report
from surgeplan.scenario import Scenario, scenario_hash


def make_realism(
    scenario: Scenario, used: PlanInUse, folder: RunFolder
) -> RealismReport:
    """Place the plan among the surges on record; write realism.json."""
    found = realism_report(scenario, used.plan)
    files.write_text(folder.file(Artefact.REALISM), found.to_json() + "\n")
    folder.record(Artefact.REALISM, Origin.of(scenario, used.plan))
    return found


def read_realism(
    scenario: Scenario, used: PlanInUse, folder: RunFolder
) -> RealismReport | None:
    """The folder's realism.json, if there is one; it must match the plan.

    Raises:
        UnreadableInputError: not a realism file.
        MismatchError: made from another scenario or plan.
    """
    path = folder.file(Artefact.REALISM)
    if not path.is_file():
        return None
    try:
        found = RealismReport.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError):
        raise UnreadableInputError(
            f"{path}: not a surgeplan realism comparison; make it with "
            f"`{folder.command_for(Artefact.REALISM)}`"
        ) from None
    folder.check_origin(
        Artefact.REALISM,
        path,
        is_from_scenario=found.scenario_hash == scenario_hash(scenario),
        plan=used.plan,
        plan_file=used.path,
    )
    return found
