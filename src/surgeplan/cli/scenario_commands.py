"""Scenario commands: init, validate, show, schema and convert.

They only read and write scenarios; none imports a solver.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from surgeplan.cli.arguments import (
    ScenarioArgument,
    WideOption,
    help_of,
    short_help_of,
)
from surgeplan.cli.console import output_console, print_tables
from surgeplan.cli.convert_command import convert
from surgeplan.cli.errors import (
    InputRefusedError,
    refuse_overwrite,
    reported_input_errors,
)
from surgeplan.cli.scenario_lines import (
    summary_line,
    validate_hint,
)
from surgeplan.cli.show_tables import ALL_TABLES
from surgeplan.i18n import Language, gettext, speaking
from surgeplan.pipeline.files import write_text
from surgeplan.scenario import load_scenario
from surgeplan.scenario.formats import SCENARIO_FORMAT, is_older_format
from surgeplan.scenario.loading import declared_format
from surgeplan.scenario.schema_doc import scenario_json_schema
from surgeplan.scenario.template import yaml_template


def init(
    folder: Annotated[Path, typer.Argument(help="Folder for the new scenario.")],
    excel: Annotated[
        bool,
        typer.Option(
            "--excel", help="Write scenario.xlsx (an Excel workbook) instead."
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing file.")
    ] = False,
    language: Annotated[
        Language,
        typer.Option(
            "--lang",
            help="Language of the template's comments and example names (with "
            "--excel: the workbook's instructions, header comments and drop-down "
            "messages), and the scenario's program.language: en or fr. Keys, sheet "
            "names, headers and ids stay English.",
            case_sensitive=False,
        ),
    ] = Language.EN,
) -> None:
    """Start a new scenario from a commented template.

    Writes FOLDER/scenario.yaml (or FOLDER/scenario.xlsx with --excel); the folder is
    created if needed. An existing file is never replaced unless --force is given.
    `--excel --lang fr` writes a French workbook that validate and plan read exactly
    like the English one.

    Example: surgeplan init my-surge --excel --lang fr
    """
    target = folder / ("scenario.xlsx" if excel else "scenario.yaml")
    with reported_input_errors():
        refuse_overwrite(target, force=force)
        folder.mkdir(parents=True, exist_ok=True)
        if excel:
            from surgeplan.scenario.excel_writer import write_template

            with speaking(language):
                write_template(target, language=language, translate=gettext)
        else:
            with speaking(language):
                write_text(target, yaml_template(language, gettext))
    typer.echo(f"wrote {target}; next: surgeplan validate {target}")


MessagesLanguageOption = Annotated[
    Language,
    typer.Option(
        "--lang",
        help="Language of the problems: en or fr. Locations, paths, ids and field "
        "names stay as written. Default: en (a scenario's program.language is only "
        "known once it is read).",
        case_sensitive=False,
    ),
]


def validate(
    file: ScenarioArgument, language: MessagesLanguageOption = Language.EN
) -> None:
    """Check a scenario and report every problem at once, each with its location.

    Exit code 0 with a one-line summary, or 2 with one message per line on stderr.
    `--lang fr` says the problems in French (locations, paths and ids stay as
    written); without it they are in English, even for a scenario whose
    program.language is fr, which is only known once the file is read.

    Example: surgeplan validate examples/minimal.yaml --lang fr
    """
    with speaking(language):
        with reported_input_errors(validate_hint(file)):
            scenario = load_scenario(file)
            version = declared_format(file)
        typer.echo(
            gettext("OK %(file)s: %(summary)s")
            % {"file": file, "summary": summary_line(scenario)}
        )
        if is_older_format(version):
            typer.echo(
                gettext(
                    "note: %(file)s is written in format %(version)s and was read as "
                    "%(format)s; `surgeplan convert %(file)s` upgrades the file"
                )
                % {"file": file, "version": version, "format": SCENARIO_FORMAT}
            )


def show(file: ScenarioArgument, wide: WideOption = False) -> None:
    """Print what a scenario holds, in tables.

    Sites, capacity by capability and site, program milestones, core load, suppliers
    and risks. Capacity is stations x shift hours of a full week x efficiency (OEE);
    capabilities a work center only gains by a conversion are listed with it.

    Example: surgeplan show examples/minimal.yaml
    """
    with reported_input_errors(validate_hint(file)):
        scenario = load_scenario(file)
    console = output_console(wide=wide)
    program = scenario.program
    detail = ""
    if program.detailed_weeks is not None:
        buckets = len(scenario.plan_buckets())
        detail = (
            f" (planned in {buckets} buckets: {program.detailed_weeks} weeks, then up "
            f"to {program.coarse_bucket_weeks} weeks)"
        )
    console.print(
        f"{program.name}: {program.product} from {program.start_date}, "
        f"{program.horizon_buckets} {program.time_bucket.value}s{detail}; "
        f"{summary_line(scenario)}",
        markup=False,
    )
    print_tables(console, *(build_table(scenario) for build_table in ALL_TABLES))


def schema(
    out: Annotated[
        Path | None,
        typer.Option(
            "--out-file",
            metavar="FILE",
            help="Write the schema to this file instead of printing.",
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of a scenario (for editors and other tools).

    Example: surgeplan schema --out-file scenario.schema.json
    """
    text = json.dumps(scenario_json_schema(), indent=2) + "\n"
    if out is None:
        typer.echo(text, nl=False)
        return
    with reported_input_errors():
        if out.is_dir():
            raise InputRefusedError(f"'{out}' is a folder; give a file name")
        write_text(out, text)
    typer.echo(f"wrote {out}")


def register(app: typer.Typer) -> None:
    """Add the scenario commands to the `surgeplan` app."""
    for command in (init, validate, show, schema, convert):
        app.command(help=help_of(command), short_help=short_help_of(command))(command)
