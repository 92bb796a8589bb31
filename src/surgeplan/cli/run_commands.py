"""`run`, the whole flow into one run folder, and `sensitivity`, its optional re-plans.

Thin callers of `surgeplan.pipeline.run` and `surgeplan.pipeline.plans`; every stage
here uses HiGHS or no solver, so they share this process.
"""

from __future__ import annotations

import time
from typing import Annotated

import typer

from surgeplan.cli.arguments import (
    DEFAULT_OUT,
    ConfidenceOption,
    LanguageOption,
    OutOption,
    PlanThreadsOption,
    PlanTimeLimitOption,
    RunsOption,
    ScenarioArgument,
    SeedOption,
    help_of,
    short_help_of,
)
from surgeplan.cli.console import Step, progress_bar
from surgeplan.cli.errors import reported_input_errors
from surgeplan.cli.plan_commands import parse_confidence
from surgeplan.cli.scenario_lines import fix_hint
from surgeplan.i18n import Language, speaking
from surgeplan.pipeline import defaults, plans
from surgeplan.pipeline.commands import Stage
from surgeplan.pipeline.folder import RunFolder
from surgeplan.pipeline.options import PlanOptions
from surgeplan.pipeline.risk_options import MitigationOptions, SimulationOptions
from surgeplan.pipeline.run import RunOptions, RunResult, run_pipeline
from surgeplan.scenario import load_scenario


class _StageLog:
    """One line per stage on stderr, with the seconds it took, and a progress bar."""

    def __init__(self, stages: tuple[Stage, ...], step: Step) -> None:
        self.stages = stages
        self.step = step
        self.started_at = time.monotonic()
        self.previous: str | None = None

    def started(self, stage: Stage, detail: str) -> None:
        self.close()
        self.previous = f"{stage.value:<12} {detail}"
        self.started_at = time.monotonic()
        done = self.stages.index(stage) if stage in self.stages else 0
        self.step(stage.value, done / len(self.stages))

    def close(self) -> None:
        if self.previous is not None:
            seconds = time.monotonic() - self.started_at
            typer.echo(f"{self.previous}  ({seconds:.1f} s)", err=True)
            self.previous = None


def _stages(options: RunOptions) -> tuple[Stage, ...]:
    """The stages a run goes through, in order, for its progress bar."""
    risk = (Stage.SIMULATE, Stage.MITIGATE) if options.with_risk else ()
    sensitivity = (Stage.SENSITIVITY,) if options.with_sensitivity else ()
    brief = (Stage.BRIEF,) if options.with_brief else ()
    return (
        Stage.VALIDATE,
        Stage.PLAN,
        Stage.CHECK,
        Stage.REALISM,
        *risk,
        *sensitivity,
        Stage.REPORT,
        *brief,
    )


def _summary(result: RunResult) -> list[str]:
    from surgeplan.cli.plan_summary import delivery_line

    lines = [delivery_line(result.plan.plan)]
    if result.risk is not None:
        for key_id in result.risk.key_milestones:
            key = result.risk.milestone(key_id)
            lines.append(
                f"{key.id}: {100 * key.probability_on_time:.1f} % on time over "
                f"{result.risk.runs:,} runs"
            )
    if result.mitigations is not None and result.mitigations.mitigations:
        best = result.mitigations.mitigations[0]
        lines.append(f"best mitigation: {best.id}")
    files = [result.plan.path, result.report]
    if result.brief is not None:
        files += [result.brief.pdf, result.brief.html]
    lines.append("wrote " + ", ".join(str(path) for path in files if path))
    return lines


def run(
    file: ScenarioArgument,
    out: OutOption = DEFAULT_OUT,
    runs: RunsOption = defaults.SIMULATION_RUNS,
    mitigation_runs: Annotated[
        int,
        typer.Option(
            "--mitigation-runs",
            min=1,
            metavar="N",
            help="Runs for each mitigation (each is one more execution of them).",
        ),
    ] = defaults.MITIGATION_RUNS,
    seed: SeedOption = defaults.SEED,
    time_limit: PlanTimeLimitOption = defaults.PLAN_TIME_LIMIT_S,
    threads: PlanThreadsOption = defaults.PLAN_THREADS,
    confidence: ConfidenceOption = None,
    no_risk: Annotated[
        bool,
        typer.Option("--no-risk", help="No simulation and no mitigation ranking."),
    ] = False,
    with_sensitivity: Annotated[
        bool,
        typer.Option(
            "--sensitivity",
            help="Also re-plan with each key input moved 20 % down and up (about 8 "
            "plans, 2 at a time) for the tornado chart.",
        ),
    ] = False,
    no_brief: Annotated[
        bool, typer.Option("--no-brief", help="Write the report only.")
    ] = False,
    language: LanguageOption = None,
) -> None:
    """Run the whole flow into one run folder: plan to report and brief.

    Plans the scenario, checks the plan, holds its ramp against the surges on record,
    simulates its risks, ranks the mitigations (if the scenario has any), then writes
    the report and the decision brief: what `plan`, `check`, `realism`, `simulate`,
    `mitigate`, `report` and `brief` do one by one, with the same defaults. One line
    per stage on stderr.

    Exit codes: 0 done, 2 invalid input, 3 a scenario that contradicts itself, 4 a
    plan that breaks a constraint.

    Example: surgeplan run examples/uav-surge.yaml --out runs/uav
    """
    with reported_input_errors():
        plan_options = PlanOptions(
            time_limit_s=time_limit,
            threads=threads,
            confidence=parse_confidence(confidence),
        )
    options = RunOptions(
        plan=plan_options,
        simulation=SimulationOptions(runs=runs, seed=seed),
        mitigation=MitigationOptions(runs=mitigation_runs, seed=seed),
        with_risk=not no_risk,
        with_sensitivity=with_sensitivity,
        with_brief=not no_brief,
        language=language,
    )
    with (
        speaking(language or Language.EN),
        reported_input_errors(fix_hint(file)),
        progress_bar("run") as step,
    ):
        log = _StageLog(_stages(options), step)
        try:
            result = run_pipeline(file, out, options, log.started)
        finally:
            log.close()
    for line in _summary(result):
        typer.echo(line)


def sensitivity(
    file: ScenarioArgument,
    out: OutOption = DEFAULT_OUT,
    time_limit: PlanTimeLimitOption = defaults.PLAN_TIME_LIMIT_S,
) -> None:
    """Re-plan with each key input moved 20 % down and up: OUT/sensitivity.json.

    About 8 plans of the scenario, 2 at a time, each in a process of its own, from
    the plan in OUT; `report` and `brief` then show the tornado chart.

    Example: surgeplan sensitivity examples/uav-surge.yaml --out runs/uav
    """
    with reported_input_errors(f"Fix and run `surgeplan validate {file}` again."):
        scenario = load_scenario(file)
        folder = RunFolder(out, file)
        folder.prepare()
        used = plans.read_plan(scenario, folder)
        with progress_bar("sensitivity: re-planning each moved input") as step:
            step("planning", None)
            plans.make_sensitivity(
                scenario, used, folder, PlanOptions(time_limit_s=time_limit)
            )
    typer.echo(f"wrote {folder.path / 'sensitivity.json'}")


def register(app: typer.Typer) -> None:
    """Add `run` and `sensitivity` to the `surgeplan` app."""
    for command in (run, sensitivity):
        app.command(help=help_of(command), short_help=short_help_of(command))(command)
