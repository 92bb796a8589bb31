"""Report commands: report, brief and compare, the documents people read.

The planner (HiGHS) is imported only when a command has to plan.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from surgeplan.cli.errors import ExitCode, InputRefusedError, reported_input_errors
from surgeplan.cli.scenario_commands import ScenarioArgument
from surgeplan.economics import BusinessCase, Sensitivity, business_case
from surgeplan.planning.plan import Plan, PlanFileError
from surgeplan.reporting import inputs
from surgeplan.reporting.mitigation_view import (
    MITIGATIONS_FILE,
    MitigationsUnavailableError,
    load_mitigation_ranking,
)
from surgeplan.reporting.risk_view import (
    RiskUnavailableError,
    RiskView,
    load_risk_view,
)
from surgeplan.risk.pairing import PairingError, check_pairing
from surgeplan.scenario import Scenario, load_scenario

PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        help="plan.json from `surgeplan plan`; without it the scenario is planned now.",
    ),
]
RiskOption = Annotated[
    Path | None,
    typer.Option("--risk", help="risk.json from `surgeplan simulate`."),
]
MitigationsOption = Annotated[
    Path | None,
    typer.Option(
        "--mitigations",
        help="mitigations.json from `surgeplan mitigate`; needs --risk. Without it, "
        "a mitigations.json beside the --risk file is used.",
    ),
]
OutOption = Annotated[
    Path, typer.Option("--out", help="Folder for the documents; created if missing.")
]
TimeLimitOption = Annotated[
    float,
    typer.Option("--time-limit", min=1.0, help="Seconds each planner run may take."),
]
SensitivityOption = Annotated[
    bool,
    typer.Option(
        "--sensitivity/--no-sensitivity",
        help="Re-plan with each key input moved 20 % down and up (about 8 plans, 2 "
        "at a time) for the tornado chart; saved as OUT/sensitivity.json and reused.",
    ),
]


@dataclass(frozen=True)
class Inputs:
    """Everything a document is made from."""

    scenario: Scenario
    plan: Plan
    case: BusinessCase
    risk: RiskView | None
    sensitivity: Sensitivity | None


@contextmanager
def _exit_on_refusal() -> Iterator[None]:
    """Unusable plan, risk and mitigation files end the command with exit code 2."""
    try:
        yield
    except (
        PlanFileError,
        inputs.PlanMismatchError,
        RiskUnavailableError,
        MitigationsUnavailableError,
        PairingError,
    ) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(ExitCode.INVALID_INPUT) from None


def _plan_now(scenario: Scenario, out: Path, time_limit: float) -> Plan:
    from surgeplan.planning.contradiction import ContradictoryScenarioError

    typer.echo(f"planning (at most {time_limit:g} s)…", err=True)
    try:
        return inputs.make_plan(scenario, out, time_limit_s=time_limit)
    except ContradictoryScenarioError as error:
        typer.echo(f"The scenario contradicts itself: {error.message}", err=True)
        raise typer.Exit(ExitCode.CONTRADICTORY) from None


def _mitigations_file(
    risk_file: Path | None, mitigations_file: Path | None
) -> Path | None:
    """The ranking to show: the one given, or mitigations.json beside risk.json."""
    if mitigations_file is not None:
        if risk_file is None:
            raise InputRefusedError(
                "--mitigations needs --risk: the ranking is shown with the risk "
                "simulation it was measured against"
            )
        return mitigations_file
    if risk_file is None:
        return None
    beside = risk_file.parent / MITIGATIONS_FILE
    if not beside.is_file():
        return None
    typer.echo(
        f"note: using {beside}, found beside {risk_file} (choose another with "
        "--mitigations)",
        err=True,
    )
    return beside


def _with_mitigations(
    risk: RiskView | None, mitigations_file: Path | None, scenario: Scenario
) -> RiskView | None:
    if risk is None or mitigations_file is None:
        return risk
    ranking = load_mitigation_ranking(mitigations_file, scenario)
    return dataclasses.replace(risk, mitigations=ranking)


def _check_pairs(
    risk: RiskView | None,
    plan: Plan,
    risk_file: Path | None,
    ranking_file: Path | None,
    plan_file: Path,
) -> None:
    """The risk and mitigation files must come from this very plan."""
    if risk is not None and risk.report is not None and risk_file is not None:
        check_pairing(risk.report, plan, result_file=risk_file, plan_file=plan_file)
    ranking = risk.mitigations if risk is not None else None
    if ranking is not None and ranking.report is not None and ranking_file:
        check_pairing(
            ranking.report, plan, result_file=ranking_file, plan_file=plan_file
        )


def _gather(
    file: Path,
    plan_file: Path | None,
    risk_file: Path | None,
    mitigations_file: Path | None,
    out: Path,
    *,
    time_limit: float,
    with_sensitivity: bool,
) -> Inputs:
    with reported_input_errors(f"fix them and run `surgeplan validate {file}` again"):
        scenario = load_scenario(file)
        if out.exists() and not out.is_dir():
            raise InputRefusedError(f"'{out}' is a file; give --out a folder")
        out.mkdir(parents=True, exist_ok=True)
        ranking_file = _mitigations_file(risk_file, mitigations_file)
    with _exit_on_refusal():
        plan = inputs.read_plan(scenario, plan_file) if plan_file else None
        risk = load_risk_view(risk_file, scenario) if risk_file else None
        risk = _with_mitigations(risk, ranking_file, scenario)
    if plan is None:
        plan = _plan_now(scenario, out, time_limit)
    with _exit_on_refusal():
        _check_pairs(
            risk, plan, risk_file, ranking_file, plan_file or out / "plan.json"
        )
    if risk is not None and risk.is_for_other_scenario:
        typer.echo(
            f"note: {risk_file} was simulated for another version of {file}", err=True
        )
    if risk is not None and risk.mitigations and risk.mitigations.is_for_other_scenario:
        typer.echo(
            f"note: {ranking_file} was ranked for another version of {file}", err=True
        )
    case = business_case(scenario, plan)
    with reported_input_errors():
        (out / inputs.BUSINESS_CASE_FILE).write_text(
            case.model_dump_json(indent=1) + "\n", encoding="utf-8"
        )
    found = None
    if with_sensitivity:
        typer.echo("sensitivity: re-planning with each key input moved…", err=True)
        found = inputs.sensitivity_for(scenario, plan, out, time_limit_s=time_limit)
    return Inputs(scenario, plan, case, risk, found)


def report(
    file: ScenarioArgument,
    out: OutOption,
    plan_file: PlanOption = None,
    risk_file: RiskOption = None,
    mitigations_file: MitigationsOption = None,
    with_sensitivity: SensitivityOption = False,
    time_limit: TimeLimitOption = 60.0,
) -> None:
    """Write OUT/report.html: the plan in charts and tables, in one offline file.

    Deliveries against the milestones, output by site, utilisation by work center,
    conversions and shift changes, bottlenecks, people, purchases, core production,
    costs and the business case; with --risk, the delivery fan and each milestone's
    chance; with --mitigations (or a mitigations.json beside the risk file), the
    mitigations ranked by what they buy per EUR, in a table and a chart. Also writes
    OUT/business-case.json (and plan.json, plan.xlsx when it plans).

    Exit codes: 0 written, 2 invalid input, 3 a scenario that contradicts itself.

    Example: surgeplan report examples/uav-surge.yaml --plan out/plan.json --risk
    out/risk.json --mitigations out/mitigations.json --out out
    """
    from surgeplan.reporting.report import write_report

    found = _gather(
        file,
        plan_file,
        risk_file,
        mitigations_file,
        out,
        time_limit=time_limit,
        with_sensitivity=with_sensitivity,
    )
    with reported_input_errors():
        path = write_report(
            found.scenario,
            found.plan,
            out,
            case=found.case,
            sensitivity=found.sensitivity,
            risk=found.risk,
        )
    typer.echo(f"wrote {path}")


def brief(
    file: ScenarioArgument,
    out: OutOption,
    plan_file: PlanOption = None,
    risk_file: RiskOption = None,
    mitigations_file: MitigationsOption = None,
    with_sensitivity: SensitivityOption = False,
    time_limit: TimeLimitOption = 60.0,
) -> None:
    """Write OUT/brief.pdf and OUT/brief.html: the two-page decision brief.

    The question, a recommendation (go, go with conditions, no-go) from explicit
    rules on NPV, milestones, their chance under risk and core production, then the
    benefits, risks (with --risk: each milestone's chance, the top risks and, from
    --mitigations or a mitigations.json beside the risk file, the best mitigations),
    needs and the effect on core production, with figures.

    Exit codes: 0 written, 2 invalid input (or no PDF engine), 3 a scenario that
    contradicts itself.

    Example: surgeplan brief examples/minimal.yaml --out out
    """
    from surgeplan.reporting.brief import write_brief
    from surgeplan.reporting.pdf import PdfUnavailableError

    found = _gather(
        file,
        plan_file,
        risk_file,
        mitigations_file,
        out,
        time_limit=time_limit,
        with_sensitivity=with_sensitivity,
    )
    try:
        with reported_input_errors():
            files = write_brief(
                found.scenario,
                found.plan,
                out,
                case=found.case,
                sensitivity=found.sensitivity,
                risk=found.risk,
            )
    except PdfUnavailableError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(ExitCode.INVALID_INPUT) from None
    typer.echo(f"wrote {files.pdf} and {files.html}")


def _labels(files: list[Path]) -> list[str]:
    stems = [file.stem if file.suffix else file.name for file in files]
    return [
        stem if stems.count(stem) == 1 else f"{file.parent.name}/{stem}"
        for stem, file in zip(stems, files, strict=True)
    ]


def compare(
    files: Annotated[
        list[Path], typer.Argument(help="Two or more scenarios to compare.")
    ],
    out: OutOption,
    time_limit: TimeLimitOption = 60.0,
) -> None:
    """Plan each scenario and write OUT/compare.html and OUT/compare.csv side by side.

    Units delivered, milestones on time and weeks late, cost per unit, capex, NPV,
    FTE added and core impact for each, with their delivery curves overlaid. The
    scenarios are planned two at a time, each in a process of its own.

    Example: surgeplan compare examples/variants/*.yaml --out out/compare
    """
    from surgeplan.economics.replanning import plan_many
    from surgeplan.reporting.compare import Variant, write_comparison

    with reported_input_errors():
        if len(files) < 2:
            raise InputRefusedError("give at least two scenarios to compare")
        scenarios = [load_scenario(file) for file in files]
        out.mkdir(parents=True, exist_ok=True)
    typer.echo(f"planning {len(files)} scenarios, two at a time…", err=True)
    outcomes = plan_many(scenarios, time_limit_s=time_limit)
    variants = []
    for label, file, scenario, outcome in zip(
        _labels(files), files, scenarios, outcomes, strict=True
    ):
        if outcome.plan is None:
            typer.echo(
                f"{file}: the scenario contradicts itself: {outcome.refusal}", err=True
            )
            raise typer.Exit(ExitCode.CONTRADICTORY)
        variants.append(Variant.of(label, scenario, outcome.plan))
    with reported_input_errors():
        html_path, csv_path = write_comparison(variants, out)
    typer.echo(f"wrote {html_path} and {csv_path}")


def _help_text(command: Callable[..., None]) -> str:
    """The docstring with each paragraph on one line (Typer keeps single breaks)."""
    paragraphs = inspect.cleandoc(command.__doc__ or "").split("\n\n")
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)


def register(app: typer.Typer) -> None:
    """Add the report commands to the `surgeplan` app."""
    for command in (report, brief, compare):
        app.command(help=_help_text(command))(command)
