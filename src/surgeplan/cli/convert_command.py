"""`surgeplan convert`: between YAML, JSON and Excel, or up to the current format."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from surgeplan.cli.arguments import ScenarioArgument
from surgeplan.cli.errors import (
    InputRefusedError,
    refuse_overwrite,
    reported_input_errors,
)
from surgeplan.cli.scenario_lines import (
    SCENARIO_SUFFIXES,
    summary_line,
    validate_hint,
)
from surgeplan.pipeline.files import write_bytes, write_with
from surgeplan.scenario import SCENARIO_FORMAT, Scenario, load_scenario, save_scenario
from surgeplan.scenario.upgrade_files import Upgrade, staged_upgrade

BACKUP_SUFFIX = ".surgeplan-1.bak"


def convert(
    source: ScenarioArgument,
    target: Annotated[
        Path | None,
        typer.Argument(
            metavar="[TARGET]",
            help="File to write: .yaml, .yml, .json or .xlsx. Without it, SOURCE is "
            "upgraded to the current format in place.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite TARGET if it exists.")
    ] = False,
) -> None:
    """Convert a scenario between YAML, JSON and Excel, or upgrade its format.

    With TARGET, the scenario is validated and written in the form TARGET's
    extension names, in the current format; fields left at their default are not
    written out. Without TARGET, a file (or folder) of an older format is upgraded
    in place, keeping its comments, order and formatting: only renamed fields and
    the format line change, and each old file is kept beside it as
    NAME.surgeplan-1.bak. An invalid scenario is reported (exit code 2) and nothing
    is written.

    Example: surgeplan convert scenario.yaml scenario.xlsx (and, to upgrade a file
    in place: surgeplan convert old-scenario.yaml)
    """
    with reported_input_errors(validate_hint(source)):
        if target is None:
            upgrades = _upgrade_in_place(source)
            _report_upgrades(source, upgrades)
            return
        if target.suffix.lower() not in SCENARIO_SUFFIXES:
            raise InputRefusedError(
                f"cannot write '{target.suffix or target.name}': give TARGET a "
                ".yaml, .yml, .json or .xlsx extension"
            )
        refuse_overwrite(target, force=force)
        scenario: Scenario = load_scenario(source)
        write_with(target, lambda path: save_scenario(scenario, path))
    typer.echo(f"wrote {target}: {summary_line(scenario)}")


def _upgrade_in_place(source: Path) -> list[Upgrade]:
    with tempfile.TemporaryDirectory(prefix="surgeplan-convert-") as folder:
        upgrades = staged_upgrade(source, Path(folder))
        for upgrade in upgrades:
            if not upgrade.changed:
                continue
            backup = upgrade.file.with_name(upgrade.file.name + BACKUP_SUFFIX)
            shutil.copy2(upgrade.file, backup)
            write_bytes(upgrade.file, upgrade.staged.read_bytes())
    return upgrades


def _report_upgrades(source: Path, upgrades: list[Upgrade]) -> None:
    changed = [upgrade for upgrade in upgrades if upgrade.changed]
    if not changed:
        typer.echo(f"{source} is already in format {SCENARIO_FORMAT}; nothing to do")
        return
    for upgrade in changed:
        fields = f"{upgrade.renamed_fields} field name" + (
            "" if upgrade.renamed_fields == 1 else "s"
        )
        typer.echo(
            f"upgraded {upgrade.file} to {SCENARIO_FORMAT} ({fields} renamed; "
            f"the old file is {upgrade.file.name}{BACKUP_SUFFIX})"
        )
