"""What each run kind runs: a pipeline stage, with the pipeline's defaults.

Each run is a separate `surgeplan` process (HiGHS and OR-Tools cannot share one,
SOLVERS.md); its command line comes from `surgeplan.pipeline.commands`, the table
the CLI's messages use too, and its defaults from `surgeplan.pipeline.defaults`, so
a run of the service gives the files the same command gives on a laptop
(tests/service/test_run_kinds.py compares them).

Report and brief runs run the whole flow (`surgeplan run`), as reporting never plans:
a report with `--no-brief`, and without risk unless asked; a brief with risk unless
told not to. A compare run plans this version and the pinned others side by side
(`surgeplan compare`); the runner writes them all under the run folder's VARIANTS.
Status and re-plan runs read an actuals version and a plan run's plan.json, which
the runner writes under the run folder's INPUTS (`surgeplan status` and
`surgeplan replan --actuals`, with the CLI's defaults: the status forecast's runs
are those of `surgeplan status`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from surgeplan.execution.status_records import DEFAULT_RUNS as STATUS_RUNS
from surgeplan.i18n import N_, gettext
from surgeplan.pipeline import defaults
from surgeplan.pipeline.commands import Stage
from surgeplan.pipeline.commands import command_line as stage_command_line
from surgeplan.service.bodies import RunCreate
from surgeplan.service.problems import ProblemError
from surgeplan.store.records import RunKind
from surgeplan.store.run_inputs import (
    ACTUALS_FILE,
    ACTUALS_VERSION,
    PLAN_FILE,
    PLAN_RUN,
)
from surgeplan.store.runs import COMPARE_WITH

Parameters = dict[str, int | str]
CommandLine = Callable[[Path, Path, Parameters], list[str]]

VARIANTS = "variants"
"""The run folder's subfolder holding a compare run's scenarios, one folder each."""
STATUS_RUNS_RANGE = (100, 100_000)
"""The forecast runs `surgeplan status --runs` accepts (cli/status_command.py)."""
INPUTS = "inputs"
"""The run folder's subfolder holding a status or re-plan run's actuals and plan."""
WITH_RISK = "with_risk"

STAGES: dict[RunKind, Stage] = {
    RunKind.VALIDATE: Stage.VALIDATE,
    RunKind.PLAN: Stage.PLAN,
    RunKind.SCHEDULE: Stage.SCHEDULE,
    RunKind.SIMULATE: Stage.SIMULATE,
    RunKind.MITIGATE: Stage.MITIGATE,
    RunKind.REPORT: Stage.RUN,
    RunKind.BRIEF: Stage.RUN,
}
FIXED_PARAMETERS: dict[RunKind, dict[str, bool]] = {
    RunKind.REPORT: {"no_brief": True},
}
REQUIRED_PARAMETERS: dict[RunKind, tuple[str, ...]] = {
    RunKind.SCHEDULE: ("site", "start_week", "weeks"),
    RunKind.COMPARE: (COMPARE_WITH,),
    RunKind.STATUS: (ACTUALS_VERSION, PLAN_RUN),
    RunKind.REPLAN: (ACTUALS_VERSION, PLAN_RUN),
}
OPTIONAL_PARAMETERS: dict[RunKind, tuple[str, ...]] = {
    RunKind.PLAN: ("confidence",),
    RunKind.REPORT: ("confidence",),
    RunKind.BRIEF: ("confidence",),
}
# The risk runs of a report or brief with risk: those of `surgeplan run`.
_FLOW_RISK: Parameters = {
    "runs": defaults.SIMULATION_RUNS,
    "mitigation_runs": defaults.MITIGATION_RUNS,
    "seed": defaults.SEED,
}
DEFAULT_PARAMETERS: dict[RunKind, Parameters] = {
    RunKind.SIMULATE: {"runs": defaults.SIMULATION_RUNS, "seed": defaults.SEED},
    RunKind.MITIGATE: {"runs": defaults.MITIGATION_RUNS, "seed": defaults.SEED},
    RunKind.REPORT: {WITH_RISK: False},
    RunKind.BRIEF: {WITH_RISK: True},
    RunKind.STATUS: {"runs": STATUS_RUNS, "seed": defaults.SEED},
}


def run_parameters(body: RunCreate) -> Parameters:
    """The parameters a run of this kind uses, defaults filled in.

    Raises:
        ProblemError: 422 naming a missing parameter.
    """
    given: Parameters = {
        name: value
        for name in (
            "site",
            "start_week",
            "weeks",
            "runs",
            "seed",
            "confidence",
            "mitigation_runs",
            WITH_RISK,
            ACTUALS_VERSION,
            PLAN_RUN,
        )
        if (value := getattr(body, name)) is not None
    }
    if body.compare_with:
        # Pinned to version numbers when the run is queued (`RunRepository.submit`).
        given[COMPARE_WITH] = ",".join(
            f"{reference.scenario_id}:{reference.version or 0}"
            for reference in body.compare_with
        )
    missing = [
        name for name in REQUIRED_PARAMETERS.get(body.kind, ()) if name not in given
    ]
    if missing:
        raise ProblemError(
            422,
            N_("Invalid request"),
            gettext("a %(kind)s run needs %(missing)s")
            % {"kind": body.kind.value, "missing": ", ".join(missing)},
        )
    if body.kind is RunKind.STATUS and body.runs is not None:
        low, high = STATUS_RUNS_RANGE
        if not low <= body.runs <= high:
            raise ProblemError(
                422,
                N_("Invalid request"),
                gettext(
                    "a status run's runs must be from %(low)s to %(high)s "
                    "(as `surgeplan status --runs`)"
                )
                % {"low": f"{low:,}", "high": f"{high:,}"},
            )
    kind_defaults = DEFAULT_PARAMETERS.get(body.kind, {})
    chosen = {**kind_defaults, **given}
    # Only report and brief runs know of risk; they take its runs when asked for.
    with_risk = WITH_RISK in kind_defaults and chosen[WITH_RISK] is True
    if with_risk:
        chosen = {**_FLOW_RISK, **chosen}
    used = (
        set(REQUIRED_PARAMETERS.get(body.kind, ()))
        | set(OPTIONAL_PARAMETERS.get(body.kind, ()))
        | set(kind_defaults)
        | (set(_FLOW_RISK) if with_risk else set())
    )
    return {name: value for name, value in chosen.items() if name in used}


def _stage_line(kind: RunKind) -> CommandLine:
    def line(scenario: Path, out: Path, parameters: Parameters) -> list[str]:
        options: dict[str, int | str | bool] = {
            k: v for k, v in parameters.items() if k != WITH_RISK
        }
        default_risk = DEFAULT_PARAMETERS.get(kind, {}).get(WITH_RISK)
        if default_risk is not None:
            options["no_risk"] = parameters.get(WITH_RISK, default_risk) is not True
        options.update(FIXED_PARAMETERS.get(kind, {}))
        return stage_command_line(STAGES[kind], scenario, out, options)

    return line


def variant_files(scenario: Path) -> list[Path]:
    """A compare run's scenarios, in the order given (this version first)."""
    variants = scenario.parent / VARIANTS
    if not variants.is_dir():
        return []
    folders = sorted(
        (p for p in variants.iterdir() if p.is_dir()), key=lambda p: int(p.name)
    )
    return [next(iter(sorted(folder.glob("*.yaml")))) for folder in folders]


def _compare_line(scenario: Path, out: Path, parameters: Parameters) -> list[str]:
    del parameters  # the variants are the files the runner wrote
    files = [str(path) for path in variant_files(scenario)]
    return ["compare", *files, "--out", str(out)]


def _inputs(scenario: Path) -> list[str]:
    folder = scenario.parent / INPUTS
    return ["--plan", str(folder / PLAN_FILE), "--actuals", str(folder / ACTUALS_FILE)]


def _status_line(scenario: Path, out: Path, parameters: Parameters) -> list[str]:
    arguments = ["status", str(scenario), *_inputs(scenario), "--out", str(out)]
    for name in ("runs", "seed"):
        arguments += [f"--{name}", str(parameters[name])]
    return arguments


def _replan_line(scenario: Path, out: Path, parameters: Parameters) -> list[str]:
    del parameters  # the actuals and the plan are the files the runner wrote
    return ["replan", str(scenario), *_inputs(scenario), "--out", str(out)]


COMMANDS: dict[RunKind, CommandLine] = {
    **{kind: _stage_line(kind) for kind in STAGES},
    RunKind.COMPARE: _compare_line,
    RunKind.STATUS: _status_line,
    RunKind.REPLAN: _replan_line,
}
"""The command line of each run kind (a table tests may replace an entry of)."""


def command_line(
    kind: RunKind, scenario: Path, out: Path, parameters: Parameters
) -> list[str]:
    """The arguments after `surgeplan` for a run."""
    return COMMANDS[kind](scenario, out, parameters)
