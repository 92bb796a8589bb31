"""Broken actuals are explained in French inside `speaking(Language.FR)`.

The same corpus as `test_invalid_actuals_corpus`: every located message is made in
the language spoken, with no English sentence left (ids, paths and code allowed),
and its sheet or file, row and column kept.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from surgeplan.execution import ActualsError, load_actuals
from surgeplan.i18n import Language, speaking
from surgeplan.scenario import Scenario, load_scenario

sys.path.insert(0, str(Path(__file__).parents[1] / "scenario"))
from english_left import english_words

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "uav-surge.yaml"
CORPUS = Path(__file__).parents[1] / "data" / "invalid-actuals"
CASES = sorted(
    path
    for path in CORPUS.iterdir()
    if path.suffix != ".expected" and path.with_suffix(".expected").exists()
)


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(EXAMPLE)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_every_broken_actuals_case_is_explained_without_english(
    case: Path,
    scenario: Scenario,
) -> None:
    with speaking(Language.FR):
        with pytest.raises(ActualsError) as refused:
            load_actuals(case, scenario)
        issues = refused.value.issues
        heading = refused.value.summary().splitlines()[0]

        assert issues
        assert "dans le réalisé" in heading
        for issue in issues:
            assert not english_words(issue.message), str(issue)
            # The file and the column are as written (`completions.csv`, `units`).
            where = replace(issue, file="", column=None).location()
            assert not english_words(where), str(issue)
