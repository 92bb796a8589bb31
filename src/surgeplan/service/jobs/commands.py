"""What each run kind runs: a pipeline stage, with the pipeline's defaults.

Each run is a separate `surgeplan` process (HiGHS and OR-Tools cannot share one,
SOLVERS.md); its command line comes from `surgeplan.pipeline.commands`, the table
the CLI's messages use too, and its defaults from `surgeplan.pipeline.defaults`, so
a run of the service gives the files the same command gives on a laptop.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from surgeplan.pipeline import defaults
from surgeplan.pipeline.commands import Stage
from surgeplan.pipeline.commands import command_line as stage_command_line
from surgeplan.service.bodies import RunCreate
from surgeplan.service.problems import ProblemError
from surgeplan.store.records import RunKind

Parameters = dict[str, int | str]
CommandLine = Callable[[Path, Path, Parameters], list[str]]

STAGES: dict[RunKind, Stage] = {
    RunKind.VALIDATE: Stage.VALIDATE,
    RunKind.PLAN: Stage.PLAN,
    RunKind.SCHEDULE: Stage.SCHEDULE,
    RunKind.SIMULATE: Stage.SIMULATE,
    # A report run plans and writes the report, as `surgeplan run --no-risk
    # --no-brief` does: reporting itself never plans.
    RunKind.REPORT: Stage.RUN,
}
FIXED_PARAMETERS: dict[RunKind, dict[str, bool]] = {
    RunKind.REPORT: {"no_risk": True, "no_brief": True},
}
REQUIRED_PARAMETERS: dict[RunKind, tuple[str, ...]] = {
    RunKind.SCHEDULE: ("site", "start_week", "weeks"),
}
OPTIONAL_PARAMETERS: dict[RunKind, tuple[str, ...]] = {
    RunKind.PLAN: ("confidence",),
    RunKind.REPORT: ("confidence",),
}
DEFAULT_PARAMETERS: dict[RunKind, Parameters] = {
    RunKind.SIMULATE: {"runs": defaults.SIMULATION_RUNS, "seed": defaults.SEED},
}


def run_parameters(body: RunCreate) -> Parameters:
    """The parameters a run of this kind uses, defaults filled in.

    Raises:
        ProblemError: 422 naming a missing parameter.
    """
    given = {
        name: value
        for name in ("site", "start_week", "weeks", "runs", "seed", "confidence")
        if (value := getattr(body, name)) is not None
    }
    missing = [
        name for name in REQUIRED_PARAMETERS.get(body.kind, ()) if name not in given
    ]
    if missing:
        raise ProblemError(
            422,
            "Invalid request",
            f"a {body.kind.value} run needs {', '.join(missing)}",
        )
    used = (
        set(REQUIRED_PARAMETERS.get(body.kind, ()))
        | set(OPTIONAL_PARAMETERS.get(body.kind, ()))
        | set(DEFAULT_PARAMETERS.get(body.kind, {}))
    )
    return {
        **DEFAULT_PARAMETERS.get(body.kind, {}),
        **{k: v for k, v in given.items() if k in used},
    }


def _stage_line(kind: RunKind) -> CommandLine:
    def line(scenario: Path, out: Path, parameters: Parameters) -> list[str]:
        fixed = FIXED_PARAMETERS.get(kind, {})
        return stage_command_line(STAGES[kind], scenario, out, {**parameters, **fixed})

    return line


COMMANDS: dict[RunKind, CommandLine] = {kind: _stage_line(kind) for kind in RunKind}
"""The command line of each run kind (a table tests may replace an entry of)."""


def command_line(
    kind: RunKind, scenario: Path, out: Path, parameters: Parameters
) -> list[str]:
    """The arguments after `surgeplan` for a run."""
    return COMMANDS[kind](scenario, out, parameters)
