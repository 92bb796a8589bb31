"""The drone example's key figures are those in tests/golden/uav-surge.json.

A failure means a change moved a result: explain it, then run
`tests/golden/regenerate.py` in a commit of its own.
"""

from __future__ import annotations

import pytest
from golden_figures import (
    GOLDEN_FILE,
    Figures,
    golden_text,
    key_figures,
    read_golden,
    run_example,
)

pytestmark = pytest.mark.slow

REGENERATE = "tests/golden/regenerate.py"


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> Figures:
    """One `surgeplan run` of the example (about 30 s) for every test of this module."""
    folder = tmp_path_factory.mktemp("uav-surge") / "run"
    run_example(folder)
    return key_figures(folder)


@pytest.fixture(scope="module")
def golden() -> Figures:
    return read_golden()


def test_the_plan_costs_delivers_and_meets_milestones_as_recorded(
    figures: Figures, golden: Figures
) -> None:
    assert figures["plan"] == golden["plan"], f"plan figures moved: see {REGENERATE}"


def test_the_confidence_record_has_the_recorded_target_and_odds(
    figures: Figures, golden: Figures
) -> None:
    assert figures["confidence"] == golden["confidence"], (
        f"confidence figures moved: see {REGENERATE}"
    )


def test_each_key_milestone_has_the_recorded_odds_and_dates(
    figures: Figures, golden: Figures
) -> None:
    assert figures["risk"] == golden["risk"], f"risk figures moved: see {REGENERATE}"


def test_the_business_case_has_the_recorded_npv(
    figures: Figures, golden: Figures
) -> None:
    assert figures["business_case"] == golden["business_case"], (
        f"business case moved: see {REGENERATE}"
    )


def test_the_golden_file_is_exactly_what_regenerate_writes(golden: Figures) -> None:
    # Hand edits would hide which figures a regeneration moved.
    assert GOLDEN_FILE.read_text("utf-8") == golden_text(golden)


def test_the_golden_file_names_the_example_figures_the_brief_asks_for(
    golden: Figures,
) -> None:
    assert set(golden) == {"plan", "confidence", "risk", "business_case"}
    assert set(golden["risk"]) == {"test-units", "abroad-month-24", "fr-month-24"}
    assert set(golden["plan"]["met_date_by_milestone"]) >= set(golden["risk"])
