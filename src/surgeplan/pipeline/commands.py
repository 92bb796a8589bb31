"""The command line that runs each stage: for messages and for the service's runs.

A message about a missing or mismatched file names the command that makes a good
one, and the service starts its runs with the same command lines, so both follow
one table.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path


class Stage(StrEnum):
    """A step of the pipeline, named as its `surgeplan` command."""

    VALIDATE = "validate"
    PLAN = "plan"
    CHECK = "check"
    REALISM = "realism"
    SIMULATE = "simulate"
    MITIGATE = "mitigate"
    SENSITIVITY = "sensitivity"
    SCHEDULE = "schedule"
    REPORT = "report"
    BRIEF = "brief"
    RUN = "run"
    """The whole flow: plan, check, simulate, mitigate, report and brief."""


StageParameters = Mapping[str, int | str | bool]

# Parameters become options in this spelling; a True flag is the bare option.
_OPTION_BY_PARAMETER = {
    "site": "--site",
    "start_week": "--start-week",
    "weeks": "--weeks",
    "runs": "--runs",
    "seed": "--seed",
    "confidence": "--confidence",
    "mitigation_runs": "--mitigation-runs",
    "no_risk": "--no-risk",
    "no_brief": "--no-brief",
}


def command_line(
    stage: Stage,
    scenario: Path,
    out: Path,
    parameters: StageParameters | None = None,
) -> list[str]:
    """The arguments after `surgeplan` that run `stage` into the folder `out`."""
    arguments = [stage.value, str(scenario)]
    if stage is Stage.CHECK:
        return [*arguments, str(out / "plan.json")]
    if stage is Stage.REALISM:
        return [*arguments, "--plan", str(out / "plan.json"), "--out", str(out)]
    if stage is not Stage.VALIDATE:
        arguments += ["--out", str(out)]
    for name, value in (parameters or {}).items():
        option = _OPTION_BY_PARAMETER[name]
        if value is True:
            arguments.append(option)
        elif value is not False:
            arguments += [option, str(value)]
    return arguments


def shown(stage: Stage, scenario: Path, out: Path) -> str:
    """The command as a person types it, e.g. `surgeplan simulate s.yaml --out out`."""
    arguments = command_line(stage, scenario, out)
    if stage is Stage.SCHEDULE:
        arguments += ["--site", "SITE", "--start-week", "WEEK"]
    return "surgeplan " + shlex.join(arguments)
