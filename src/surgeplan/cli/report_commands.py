"""Report commands: report, brief and compare, the documents people read.

`report` and `brief` are thin callers of `surgeplan.pipeline.documents`: they read
the run folder's results and never solve (a missing plan is a message naming the
command that makes it). `compare` plans each variant, in processes of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from surgeplan.cli.arguments import (
    DEFAULT_OUT,
    LanguageOption,
    OutOption,
    PlanOption,
    PlanTimeLimitOption,
    ScenarioArgument,
    help_of,
    short_help_of,
)
from surgeplan.cli.console import progress_bar
from surgeplan.cli.errors import ExitCode, InputRefusedError, reported_input_errors
from surgeplan.cli.scenario_lines import fix_hint
from surgeplan.i18n import Language, speaking
from surgeplan.pipeline import defaults, documents
from surgeplan.pipeline.documents import DocumentInputs
from surgeplan.pipeline.folder import RunFolder
from surgeplan.pipeline.options import DocumentOptions
from surgeplan.reporting.mitigation_view import MITIGATIONS_FILE
from surgeplan.scenario import load_scenario

RiskOption = Annotated[
    Path | None,
    typer.Option(
        "--risk",
        metavar="FILE",
        help="risk.json to show instead of the one in --out.",
    ),
]
MitigationsOption = Annotated[
    Path | None,
    typer.Option(
        "--mitigations",
        metavar="FILE",
        help="mitigations.json to show instead of the one beside the risk file.",
    ),
]
NoRiskOption = Annotated[
    bool,
    typer.Option(
        "--no-risk", help="Leave out the risk and mitigation results of --out."
    ),
]


def _gather(
    file: Path,
    out: Path,
    options: DocumentOptions,
) -> tuple[DocumentInputs, RunFolder]:
    scenario = load_scenario(file)
    folder = RunFolder(out, file)
    folder.prepare()
    if options.mitigations_file is not None and not options.with_risk:
        raise InputRefusedError(
            "--mitigations is shown with risk results: drop --no-risk"
        )
    beside = options.risk_file.parent / MITIGATIONS_FILE if options.risk_file else None
    if options.mitigations_file is None and beside is not None and beside.is_file():
        typer.echo(
            f"note: using {beside}, found beside {options.risk_file} (choose another "
            "with --mitigations)",
            err=True,
        )
    return documents.gather(scenario, folder, options), folder


def report(
    file: ScenarioArgument,
    out: OutOption = DEFAULT_OUT,
    plan_file: PlanOption = None,
    risk_file: RiskOption = None,
    mitigations_file: MitigationsOption = None,
    no_risk: NoRiskOption = False,
    language: LanguageOption = None,
) -> None:
    """Write OUT/report.html: the plan in charts and tables, in one offline file.

    Deliveries against the milestones, output by site, utilisation by work center,
    conversions and shift changes, bottlenecks, people, purchases, core production,
    costs and the business case; with OUT/risk.json, the delivery fan and each
    milestone's chance; with OUT/mitigations.json, the mitigations ranked by what
    they buy; with OUT/sensitivity.json, the tornado chart. Also writes
    OUT/business-case.json. Never plans: make the plan with `surgeplan plan` (or
    everything with `surgeplan run`).

    Exit codes: 0 written, 2 invalid input (a missing plan, a file of another
    scenario or plan).

    Example: surgeplan report examples/uav-surge.yaml --out runs/uav
    """
    options = DocumentOptions(
        plan_file, risk_file, mitigations_file, not no_risk, language
    )
    with (
        speaking(language or Language.EN),
        reported_input_errors(fix_hint(file)),
        progress_bar("report") as step,
    ):
        step("reading the results", 0.0)
        inputs, folder = _gather(file, out, options)
        step("drawing the charts and tables", 0.5)
        path = documents.write_report(inputs, folder)
    typer.echo(f"wrote {path}")


def brief(
    file: ScenarioArgument,
    out: OutOption = DEFAULT_OUT,
    plan_file: PlanOption = None,
    risk_file: RiskOption = None,
    mitigations_file: MitigationsOption = None,
    no_risk: NoRiskOption = False,
    language: LanguageOption = None,
) -> None:
    """Write OUT/brief.pdf and OUT/brief.html: the two-page decision brief.

    The question, a recommendation (go, go with conditions, no-go) from explicit
    rules on NPV, milestones, their chance under risk and core production, then the
    benefits, risks (with OUT/risk.json: each milestone's chance, the top risks and,
    from OUT/mitigations.json, the best mitigations), needs and the effect on core
    production, with figures. Never plans, like `report`.

    Exit codes: 0 written, 2 invalid input (a missing plan, a mismatched file, or no
    PDF engine).

    Example: surgeplan brief examples/minimal.yaml --out runs/minimal
    """
    options = DocumentOptions(
        plan_file, risk_file, mitigations_file, not no_risk, language
    )
    with (
        speaking(language or Language.EN),
        reported_input_errors(fix_hint(file)),
        progress_bar("brief") as step,
    ):
        step("reading the results", 0.0)
        inputs, folder = _gather(file, out, options)
        step("writing the page and its PDF", 0.3)
        files = documents.write_brief(inputs, folder)
    typer.echo(f"wrote {files.pdf} and {files.html}")


def _labels(files: list[Path]) -> list[str]:
    stems = [file.stem if file.suffix else file.name for file in files]
    return [
        stem if stems.count(stem) == 1 else f"{file.parent.name}/{stem}"
        for stem, file in zip(stems, files, strict=True)
    ]


def compare(
    files: Annotated[
        list[Path],
        typer.Argument(help="Two or more scenarios to compare.", metavar="FILE"),
    ],
    out: OutOption = DEFAULT_OUT,
    time_limit: PlanTimeLimitOption = defaults.PLAN_TIME_LIMIT_S,
    language: LanguageOption = None,
) -> None:
    """Plan each scenario and write OUT/compare.html and OUT/compare.csv side by side.

    Units delivered, milestones on time and weeks late, cost per unit, capex, NPV,
    FTE added and core impact for each, with their delivery curves overlaid. The
    scenarios are planned two at a time, each in a process of its own. The page is
    in --lang, else the first scenario's program.language; compare.csv keeps ids,
    plain numbers and ISO dates in every language.

    Example: surgeplan compare examples/variants/*.yaml --out runs/compare
    """
    from surgeplan.economics.replanning import plan_many
    from surgeplan.reporting.compare import Variant, write_comparison

    with reported_input_errors():
        if len(files) < 2:
            raise InputRefusedError("give at least two scenarios to compare")
        scenarios = [load_scenario(file) for file in files]
        RunFolder(out, files[0]).prepare()
    with progress_bar(f"planning {len(files)} scenarios, two at a time") as step:
        step("planning", None)
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
        html_path, csv_path = write_comparison(variants, out, language=language)
    typer.echo(f"wrote {html_path} and {csv_path}")


def register(app: typer.Typer) -> None:
    """Add the report commands to the `surgeplan` app."""
    for command in (report, brief, compare):
        app.command(help=help_of(command), short_help=short_help_of(command))(command)
