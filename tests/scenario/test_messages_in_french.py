"""A wrong scenario is explained in French inside `speaking(Language.FR)`.

The messages are made in French where they are made — pydantic's wording, the
model validators' `ValueError`s (raised while pydantic validates), the reference
checks, the YAML and Excel readers — and the same scenario read outside the block
is explained in English again: nothing is kept from one language to the other.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from english_left import english_words

from surgeplan.i18n import Language, speaking
from surgeplan.scenario import ScenarioError, ScenarioIssue, load_scenario

INVALID = Path(__file__).parents[1] / "data" / "invalid"
CORPUS = sorted(
    path
    for path in INVALID.iterdir()
    if path.suffix not in (".expected", ".py") and not path.name.startswith(".")
)


def issues_of(path: Path, language: Language) -> list[ScenarioIssue]:
    with speaking(language), pytest.raises(ScenarioError) as refused:
        load_scenario(path)
    return refused.value.issues


def test_the_english_words_finder_sees_english_and_lets_ids_and_paths_be() -> None:
    assert english_words("unknown site 'plnt'; did you mean 'plant'?") == [
        "unknown",
        "did",
        "you",
        "mean",
    ]
    assert english_words("site 'plnt' introuvable ; vouliez-vous dire 'plant' ?") == []
    assert english_words("indiquez `sourcing: make` pour items[0].routing") == []


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.name)
def test_every_broken_file_of_the_corpus_is_explained_without_english(
    path: Path,
) -> None:
    issues = issues_of(path, Language.FR)

    assert issues
    with speaking(Language.FR):
        for issue in issues:
            assert not english_words(issue.message), str(issue)
            # The path (`items`, `sites[0].stations`) is the file's own words.
            assert not english_words(replace(issue, path="").location()), str(issue)


def test_a_model_validators_error_is_french_inside_the_block_and_english_outside() -> (
    None
):
    broken = INVALID / "shutdown-end-before-start.yaml"

    french = issues_of(broken, Language.FR)
    english = issues_of(broken, Language.EN)

    assert [issue.message for issue in french] == ["end_date précède start_date"]
    assert [issue.message for issue in english] == ["end_date is before start_date"]
    assert french[0].line == english[0].line is not None


def test_a_workbooks_problems_keep_their_cell_and_say_it_in_french() -> None:
    issues = issues_of(INVALID / "xlsx-problems-in-six-sheets.xlsx", Language.FR)

    formula = next(issue for issue in issues if "formule" in issue.message)
    assert formula.message == (
        "la cellule B7 contient une formule (=20+6)\u202f; saisissez la valeur"
    )
    assert (formula.sheet, formula.row) == ("Program", 7)
    with speaking(Language.FR):
        assert "feuille 'Program', ligne 7, colonne B (value)" in formula.location()
    assert "sheet 'Program', row 7, column B (value)" in formula.location()


def test_the_count_of_problems_is_said_in_the_language_it_is_read_in() -> None:
    error = ScenarioError([ScenarioIssue("x"), ScenarioIssue("y")])

    with speaking(Language.FR):
        french = error.summary().splitlines()[0]

    assert french == "2 anomalies dans le scénario"
    assert error.summary().splitlines()[0] == "2 problems in the scenario"


def test_numbers_in_french_messages_use_french_digit_grouping() -> None:
    issues = issues_of(INVALID / "billion-laughs.yaml", Language.FR)

    assert "2\u202f000\u202f000 valeurs" in issues[0].message
