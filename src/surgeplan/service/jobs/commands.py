"""The one table from run kind to `surgeplan` command line, and run parameters.

Each run is a separate process: HiGHS and OR-Tools cannot share one (SOLVERS.md).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from surgeplan.service.bodies import RunCreate
from surgeplan.service.problems import ProblemError
from surgeplan.store.records import RunKind

Parameters = dict[str, int | str]
CommandLine = Callable[[Path, Path, Parameters], list[str]]

COMMANDS: dict[RunKind, CommandLine] = {
    RunKind.VALIDATE: lambda scenario, out, p: ["validate", str(scenario)],
    RunKind.PLAN: lambda scenario, out, p: ["plan", str(scenario), "--out", str(out)],
    RunKind.SCHEDULE: lambda scenario, out, p: [
        "schedule",
        str(scenario),
        "--site",
        str(p["site"]),
        "--start-week",
        str(p["start_week"]),
        "--weeks",
        str(p["weeks"]),
        "--out",
        str(out),
    ],
    RunKind.SIMULATE: lambda scenario, out, p: [
        "simulate",
        str(scenario),
        "--runs",
        str(p["runs"]),
        "--seed",
        str(p["seed"]),
        "--out",
        str(out),
    ],
    RunKind.REPORT: lambda scenario, out, p: [
        "report",
        str(scenario),
        "--out",
        str(out),
    ],
}

REQUIRED_PARAMETERS: dict[RunKind, tuple[str, ...]] = {
    RunKind.SCHEDULE: ("site", "start_week", "weeks"),
}
DEFAULT_PARAMETERS: dict[RunKind, Parameters] = {
    RunKind.SIMULATE: {"runs": 1000, "seed": 1},
}


def run_parameters(body: RunCreate) -> Parameters:
    """The parameters a run of this kind uses, defaults filled in.

    Raises:
        ProblemError: 422 naming a missing parameter.
    """
    given = {
        name: value
        for name in ("site", "start_week", "weeks", "runs", "seed")
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
    used = set(REQUIRED_PARAMETERS.get(body.kind, ())) | set(
        DEFAULT_PARAMETERS.get(body.kind, {})
    )
    return {
        **DEFAULT_PARAMETERS.get(body.kind, {}),
        **{k: v for k, v in given.items() if k in used},
    }


def command_line(
    kind: RunKind, scenario: Path, out: Path, parameters: Parameters
) -> list[str]:
    """The arguments after `surgeplan` for a run."""
    return COMMANDS[kind](scenario, out, parameters)
