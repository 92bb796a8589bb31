"""Arguments and options shared by the commands, so that one name means one thing.

`--out` is always a folder (a single file is `--out-file`), `--threads` is always a
solver's threads, `--workers` always processes; defaults come from
`surgeplan.pipeline.defaults`, like the service's.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from surgeplan.pipeline import defaults
from surgeplan.scenario.program import Language

ScenarioArgument = Annotated[
    Path,
    typer.Argument(
        help="Scenario: .yaml, .yml, .json, .xlsx, or a folder.", metavar="FILE"
    ),
]
OutOption = Annotated[
    Path,
    typer.Option(
        "--out",
        metavar="FOLDER",
        help="Run folder for the results; created if missing. Later commands read "
        "what earlier ones wrote there.",
    ),
]
LanguageOption = Annotated[
    Language | None,
    typer.Option(
        "--lang",
        help="Language of the documents people read: en or fr (French, with French "
        "number and date formats). Default: the scenario's program.language, "
        "else en.",
        case_sensitive=False,
    ),
]
PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        metavar="FILE",
        help="plan.json to use instead of the one in --out.",
    ),
]
PlanTimeLimitOption = Annotated[
    float,
    typer.Option(
        "--time-limit",
        min=1.0,
        metavar="SECONDS",
        help="Budget of each plan: the planner improves it within this time, and "
        "says so if the time stopped it (with a confidence, each plan of the search).",
    ),
]
ConfidenceOption = Annotated[
    str | None,
    typer.Option(
        "--confidence",
        metavar="ODDS",
        help="Plan so that each key milestone is on time in at least this share of "
        "simulated runs (e.g. 0.8); several, comma-separated (0.5,0.8,0.9), set "
        "their plans' costs side by side; `none` plans without margins. Default: "
        "the scenario's program.confidence.",
    ),
]
PlanThreadsOption = Annotated[
    int,
    typer.Option("--threads", min=1, metavar="N", help="Threads HiGHS may use."),
]
RunsOption = Annotated[
    int, typer.Option("--runs", min=1, metavar="N", help="Simulated runs.")
]
SeedOption = Annotated[
    int, typer.Option("--seed", metavar="N", help="Seed of every random draw.")
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address, e.g. tcp://host:8786.",
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=1,
        metavar="N",
        help="Local worker processes (default: one per core).",
    ),
]
BatchOption = Annotated[
    int,
    typer.Option(
        "--batch-runs",
        min=1,
        metavar="N",
        help="Runs per batch; results depend on the seed and this, not on workers.",
    ),
]
DelayOption = Annotated[
    float,
    typer.Option(
        "--reaction-delay-weeks",
        min=0.0,
        max=52.0,
        metavar="WEEKS",
        help="Weeks in backlog before production moves to another site.",
    ),
]
NoRecoveryOption = Annotated[
    bool,
    typer.Option(
        "--no-recovery",
        help="Lost output stays lost: no backlog, spare capacity or moves.",
    ),
]
WideOption = Annotated[
    bool,
    typer.Option("--wide", help="Tables at full width, whatever the terminal's width."),
]
JsonOption = Annotated[
    bool,
    typer.Option(
        "--json", help="Print the result as JSON on stdout (for scripts) instead."
    ),
]
QuietOption = Annotated[
    bool,
    typer.Option("--quiet", help="No progress line and no tables: one line."),
]

DEFAULT_OUT = Path("out")
DEFAULT_SEED = defaults.SEED


def help_of(command: Callable[..., None]) -> str:
    """The docstring with each paragraph on one line (Typer keeps single breaks)."""
    paragraphs = inspect.cleandoc(command.__doc__ or "").split("\n\n")
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)


def short_help_of(command: Callable[..., None]) -> str:
    """The docstring's first paragraph, shown whole in `surgeplan --help`.

    Click would otherwise cut it at about 45 characters with an ellipsis.
    """
    return help_of(command).split("\n\n")[0]
