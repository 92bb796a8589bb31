"""The `generate` command: large synthetic scenarios for benchmarks.

It only writes scenarios; it imports no solver.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from surgeplan.cli.arguments import help_of, short_help_of
from surgeplan.cli.errors import (
    InputRefusedError,
    refuse_overwrite,
    reported_input_errors,
)
from surgeplan.cli.scenario_lines import SCENARIO_SUFFIXES
from surgeplan.pipeline import defaults
from surgeplan.pipeline.files import write_with
from surgeplan.scenario import save_scenario, scenario_to_yaml
from surgeplan.scenario.generate import SIZE_PRESETS, generate_scenario


def generate(
    size: Annotated[
        str | None,
        typer.Option(
            "--size",
            help="A preset: S (2 sites, 30 work centers, 3 items, 52 weeks), M (5, "
            "100, 15, 104) or L (10, 200, 40, 104); the options below override it.",
        ),
    ] = None,
    sites: Annotated[
        int | None, typer.Option("--sites", help="Number of sites.")
    ] = None,
    work_centers: Annotated[
        int | None,
        typer.Option("--work-centers", help="Number of work centers over all sites."),
    ] = None,
    items: Annotated[
        int | None,
        typer.Option(
            "--items",
            help="Number of items: program items, components (made and bought) and "
            "core products.",
        ),
    ] = None,
    weeks: Annotated[
        int | None, typer.Option("--weeks", help="Horizon in weeks.")
    ] = None,
    seed: Annotated[
        int,
        typer.Option(
            "--seed", metavar="N", help="Random seed; the same seed, the same file."
        ),
    ] = defaults.SEED,
    detailed_weeks: Annotated[
        int | None,
        typer.Option(
            "--detailed-weeks",
            help="Plan the first N weeks week by week and later weeks in 4-week "
            "buckets (program.detailed_weeks); without it, every week.",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out-file",
            metavar="FILE",
            help="File to write (.yaml, .json or .xlsx); without it, YAML on stdout.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the file if it exists.")
    ] = False,
) -> None:
    """Write a large valid synthetic scenario for the planner's benchmarks.

    Sites with work centers (some convertible, some with core load), workforce
    pools, program items with multi-level BOMs made across sites and bought
    from suppliers, core products, lanes, milestones, economics and risks.
    Without --size, sizes default to the M preset.

    Example: surgeplan generate --size L --seed 1 --out-file large.yaml
    """
    with reported_input_errors():
        preset_name = (size or "M").upper()
        if preset_name not in SIZE_PRESETS:
            raise InputRefusedError(
                f"unknown size '{size}': use {', '.join(SIZE_PRESETS)}"
            )
        preset = SIZE_PRESETS[preset_name]
        if out is not None:
            if out.suffix.lower() not in SCENARIO_SUFFIXES:
                raise InputRefusedError(
                    f"cannot write '{out.suffix or out.name}': give --out-file a "
                    ".yaml, .yml, .json or .xlsx extension"
                )
            refuse_overwrite(out, force=force)
        try:
            scenario = generate_scenario(
                sites if sites is not None else preset.sites,
                work_centers if work_centers is not None else preset.work_centers,
                items if items is not None else preset.items,
                weeks if weeks is not None else preset.weeks,
                seed,
                detailed_weeks,
            )
        except ValueError as error:
            raise InputRefusedError(str(error)) from None
        if out is None:
            typer.echo(scenario_to_yaml(scenario), nl=False)
            return
        write_with(out, lambda path: save_scenario(scenario, path))
    work_center_count = sum(len(site.work_centers) for site in scenario.sites)
    typer.echo(
        f"wrote {out}: {len(scenario.sites)} sites, {work_center_count} work centers, "
        f"{len(scenario.items)} items, {scenario.program.horizon_buckets} weeks"
    )


def register(app: typer.Typer) -> None:
    """Add the `generate` command to the `surgeplan` app."""
    app.command(help=help_of(generate), short_help=short_help_of(generate))(generate)
