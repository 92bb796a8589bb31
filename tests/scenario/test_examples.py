"""Every scenario shipped under examples/ validates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from surgeplan.scenario import ItemKind, load_scenario

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _included_files(paths: list[Path]) -> set[Path]:
    """Files that another example pulls in with `include:`; they are not scenarios."""
    included: set[Path] = set()
    for path in paths:
        data = yaml.safe_load(path.read_text("utf-8"))
        if isinstance(data, dict) and isinstance(data.get("include"), list):
            included.update((path.parent / name).resolve() for name in data["include"])
    return included


def _example_files() -> list[Path]:
    paths = sorted(
        path.resolve()
        for pattern in ("*.yaml", "*.yml")
        for path in EXAMPLES.rglob(pattern)
    )
    included = _included_files(paths)
    return [path for path in paths if path not in included]


EXAMPLE_FILES = _example_files()


def test_examples_folder_holds_the_flagship_and_minimal_examples() -> None:
    names = {path.name for path in EXAMPLE_FILES}

    assert {"minimal.yaml", "uav-surge.yaml"} <= names


@pytest.mark.parametrize(
    "path", EXAMPLE_FILES, ids=[str(p.relative_to(EXAMPLES)) for p in EXAMPLE_FILES]
)
def test_example_validates(path: Path) -> None:
    scenario = load_scenario(path)

    assert scenario.product.kind is ItemKind.PROGRAM
    assert scenario.demand.milestones


def test_uav_example_protects_car_production_and_runs_past_its_two_years() -> None:
    scenario = load_scenario(EXAMPLES / "uav-surge.yaml")

    # Two years of milestones, then at least a quarter for late runs to finish in.
    last_due = max(milestone.due_date for milestone in scenario.demand.milestones)
    assert (last_due - scenario.program.start_date).days <= 2 * 366
    horizon_end = scenario.program.start_date + dt.timedelta(
        weeks=scenario.program.horizon_buckets
    )
    assert (horizon_end - last_due).days >= 13 * 7
    assert {site.country for site in scenario.sites} >= {"FR", "PL"}
    assert all(core.is_protected for core in scenario.demand.core)
    assert {core.site for core in scenario.demand.core} == {
        "chassis-plant",
        "powertrain-plant",
    }
    assert any(work_center.core_load for _, work_center in scenario.work_centers()), (
        "core load as station hours is used somewhere too"
    )
