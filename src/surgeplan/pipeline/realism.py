"""The realism stage: the plan's ramp held against the surges on record.

It needs the plan only (no solver, no simulation), so `run` makes it right after the
plan is checked, and the documents show it when the folder holds one that matches.
"""

from __future__ import annotations

from surgeplan.pipeline import files
from surgeplan.pipeline.folder import Artefact, Origin, RunFolder
from surgeplan.pipeline.plans import PlanInUse, read_plan_result
from surgeplan.realism.comparison import RealismReport, realism_report
from surgeplan.scenario import Scenario


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
    return read_plan_result(
        RealismReport, Artefact.REALISM, "realism comparison", scenario, used, folder
    )
