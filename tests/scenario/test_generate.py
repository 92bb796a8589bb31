"""Synthetic scenarios for the planner's benchmarks: valid, sized, deterministic."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from surgeplan.cli.main import app
from surgeplan.scenario import ItemKind, Sourcing, parse_scenario_text, scenario_to_yaml
from surgeplan.scenario.consistency import capabilities_by_site
from surgeplan.scenario.generate import (
    SIZE_PRESETS,
    generate_preset,
    generate_scenario,
)


@pytest.mark.parametrize("size", sorted(SIZE_PRESETS))
def test_each_preset_generates_a_valid_scenario_of_its_size(size: str) -> None:
    preset = SIZE_PRESETS[size]

    scenario = generate_preset(size, seed=1)

    assert len(scenario.sites) == preset.sites
    assert sum(len(site.work_centers) for site in scenario.sites) == preset.work_centers
    assert len(scenario.items) == preset.items
    assert scenario.program.horizon_buckets == preset.weeks
    # The YAML text reads back into the same scenario, through the real validation.
    assert parse_scenario_text(scenario_to_yaml(scenario)) == scenario


def test_same_seed_gives_the_same_yaml_text() -> None:
    first = scenario_to_yaml(generate_preset("M", seed=42))
    second = scenario_to_yaml(generate_preset("M", seed=42))

    assert first == second


def test_different_seeds_give_different_scenarios() -> None:
    assert scenario_to_yaml(generate_preset("S", seed=1)) != scenario_to_yaml(
        generate_preset("S", seed=2)
    )


def test_medium_scenario_is_generated_within_a_few_seconds() -> None:
    started = time.perf_counter()

    generate_preset("M", seed=3)

    assert time.perf_counter() - started < 5.0


@pytest.mark.parametrize("seed", range(12))
def test_odd_sizes_are_valid_too(seed: int) -> None:
    sizes = [
        (1, 1, 1, 13),
        (1, 4, 2, 20),
        (3, 7, 5, 30),
        (4, 12, 9, 26),
        (6, 40, 60, 80),
    ]
    sites, work_centers, items, weeks = sizes[seed % len(sizes)]

    scenario = generate_scenario(sites, work_centers, items, weeks, seed)

    assert len(scenario.items) == items
    assert scenario.product.kind is ItemKind.PROGRAM


def test_large_scenario_has_the_shape_the_planner_expects() -> None:
    scenario = generate_preset("L", seed=5)
    program_items = scenario.items_of_kind(ItemKind.PROGRAM)
    core_items = scenario.items_of_kind(ItemKind.CORE)
    bought = [item for item in scenario.items if item.sourcing is Sourcing.BUY]

    assert len(program_items) > 1
    assert {m.item for m in scenario.demand.milestones} == {i.id for i in program_items}
    assert core_items
    assert scenario.demand.core
    assert {core.item for core in scenario.demand.core} <= {i.id for i in core_items}
    assert bought
    assert all(
        any(supplier.item == item.id for supplier in scenario.suppliers)
        for item in bought
    )
    assert any(supplier.capacity_ramp for supplier in scenario.suppliers)
    assert any(supplier.minimum_order_units for supplier in scenario.suppliers)
    assert any(wc.conversions for _, wc in scenario.work_centers())
    assert any(wc.core_load for _, wc in scenario.work_centers())
    assert any(len(wc.shift_patterns) > 1 for _, wc in scenario.work_centers())
    assert scenario.risks.all_ids()
    assert scenario.mitigations


def test_bom_has_two_levels_of_components_made_across_sites() -> None:
    scenario = generate_preset("L", seed=5)
    made = {item.id: item for item in scenario.items if item.routing}
    components_in_components = [
        line.item
        for item in made.values()
        if item.kind is ItemKind.COMPONENT
        for line in item.bom
        if line.item in made
    ]

    assert components_in_components
    assert any(
        lane.destination in {s.id for s in scenario.sites} for lane in scenario.lanes
    )


def test_every_operation_runs_where_its_item_is_made() -> None:
    scenario = generate_preset("M", seed=9)
    today = capabilities_by_site(scenario, with_conversions=False)
    pools = {
        (site.id, pool.skill) for site in scenario.sites for pool in site.workforce
    }

    for item in scenario.items:
        if item.kind is ItemKind.CORE or not item.routing:
            continue
        sites = [
            site.id
            for site in scenario.sites
            if all(op.capability in today[site.id] for op in item.routing)
            and all(
                (site.id, skill) in pools
                for op in item.routing
                for skill in op.labour_hours_by_skill
            )
        ]
        assert sites, f"{item.id} can be made nowhere"


def test_milestones_grow_for_every_program_item() -> None:
    scenario = generate_preset("M", seed=4)

    for item in scenario.items_of_kind(ItemKind.PROGRAM):
        quantities = [
            m.cumulative_quantity
            for m in scenario.milestones_in_order()
            if m.item == item.id
        ]
        assert quantities == sorted(quantities)
        assert len(set(quantities)) == len(quantities) >= 2


def test_sizes_out_of_range_are_refused() -> None:
    with pytest.raises(ValueError, match="work centers"):
        generate_scenario(sites=3, work_centers=2, items=5, weeks=52, seed=0)
    with pytest.raises(ValueError, match="weeks"):
        generate_scenario(sites=1, work_centers=3, items=5, weeks=4, seed=0)


def test_generate_command_writes_a_file_that_validates(tmp_path: Path) -> None:
    target = tmp_path / "small.yaml"
    runner = CliRunner()

    result = runner.invoke(
        app, ["generate", "--size", "S", "--seed", "7", "--out-file", str(target)]
    )
    checked = runner.invoke(app, ["validate", str(target)])

    assert result.exit_code == 0, result.output
    assert checked.exit_code == 0, checked.output
    assert target.read_text("utf-8") == scenario_to_yaml(generate_preset("S", seed=7))


def test_generate_command_prints_yaml_and_refuses_bad_sizes() -> None:
    runner = CliRunner()

    printed = runner.invoke(
        app,
        [
            "generate",
            "--sites",
            "2",
            "--work-centers",
            "6",
            "--items",
            "4",
            "--weeks",
            "26",
        ],
    )
    refused = runner.invoke(app, ["generate", "--sites", "3", "--work-centers", "2"])

    assert printed.exit_code == 0
    assert printed.output.startswith("format: surgeplan/2")
    assert refused.exit_code == 2
