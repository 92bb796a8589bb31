"""The French workbook: `init --excel --lang fr`, filled in, reads and plans as English.

A planner fills the workbook `surgeplan init --excel --lang fr` writes: the rows of
the worked example give way to the values of examples/minimal.yaml, typed under the
same headers. The French and the English workbooks filled with the same values
validate alike and give the same plan; only the sentences people read differ, and
the French ones hold no English sentence.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from english_words import english_pattern
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner, Result

from surgeplan.cli import main as cli_main
from surgeplan.scenario import load_scenario, save_scenario
from surgeplan.scenario.excel_layout import (
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    SHEETS,
    SheetShape,
)
from surgeplan.scenario.program import Language

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# Plan fields that name the run rather than the plan.
RUN_FIELDS = ("scenario_hash", "created_at", "solver")
ENGLISH = english_pattern("optional", "required", "one", "if", "blank")
# Identifiers quoted in the sentences stay English: `code`, field_names, a.b paths
# and the choices a drop-down lists after "une valeur parmi :".
IDENTIFIERS = re.compile(r"`[^`]*`|\S*(?:[_/]|\w\.\w)\S*|une valeur parmi\s*:[^)]*")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli_main.app, list(args))


def init_workbook(folder: Path, language: Language) -> Path:
    result = run("init", str(folder), "--excel", "--lang", language.value)
    assert result.exit_code == 0, result.output
    return folder / "scenario.xlsx"


def values_of(sheet: Worksheet) -> list[tuple[Any, ...]]:
    return [tuple(cell.value for cell in row) for row in sheet.iter_rows()]


def fill(workbook_path: Path, source_path: Path, keep: tuple[str, ...] = ()) -> None:
    """Type the source workbook's values into the workbook, under the same headers.

    `keep` names program fields left as the workbook has them (its language).
    """
    workbook = openpyxl.load_workbook(workbook_path)
    source = openpyxl.load_workbook(source_path)
    for layout in SHEETS:
        target, given = workbook[layout.name], source[layout.name]
        if layout.shape is SheetShape.FIELDS:
            by_field = {row[0]: row[1] for row in values_of(given)[1:]}
            for name_cell, value_cell in target.iter_rows(min_row=2, max_col=2):
                if name_cell.value not in keep:
                    value_cell.value = by_field.get(name_cell.value)
            continue
        headers = [cell.value for cell in target[1]]
        source_rows = values_of(given)
        source_headers = list(source_rows[0]) if source_rows else []
        target.delete_rows(2, max(target.max_row - 1, 1))
        for row in source_rows[1:]:
            typed = dict(zip(source_headers, row, strict=True))
            target.append([typed.get(header) for header in headers])
    lists = workbook[LISTS_SHEET]
    lists.delete_rows(1, lists.max_row)
    for row in values_of(source[LISTS_SHEET]):
        lists.append(list(row))
    workbook.save(workbook_path)


def planned(scenario_file: Path, out: Path) -> dict[str, Any]:
    validated = run("validate", str(scenario_file))
    assert validated.exit_code == 0, validated.output
    result = run("plan", str(scenario_file), "--out", str(out))
    assert result.exit_code == 0, result.output
    plan: dict[str, Any] = json.loads((out / "plan.json").read_text("utf-8"))
    return {key: value for key, value in plan.items() if key not in RUN_FIELDS}


@pytest.fixture(scope="module")
def french_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return init_workbook(tmp_path_factory.mktemp("french"), Language.FR)


def test_the_french_template_validates_and_speaks_french_by_default(
    french_workbook: Path,
) -> None:
    scenario = load_scenario(french_workbook)

    assert scenario.program.language is Language.FR
    assert scenario.program.name == "Mon programme de montée en cadence"
    assert [item.name for item in scenario.items] == [
        "Produit exemple",
        "Kit de pièces",
    ]


def test_the_french_template_keeps_the_english_identifiers(
    french_workbook: Path, tmp_path: Path
) -> None:
    english_workbook = init_workbook(tmp_path, Language.EN)
    french = openpyxl.load_workbook(french_workbook)
    english = openpyxl.load_workbook(english_workbook)

    assert french.sheetnames == english.sheetnames
    for layout in SHEETS:
        assert values_of(french[layout.name])[0] == values_of(english[layout.name])[0]
    french_sites = french["Sites"]
    assert french_sites["A1"].value == "id"
    assert french_sites["A1"].comment is not None
    assert "Identifiant du site" in french_sites["A1"].comment.text


@pytest.mark.slow
def test_french_and_english_workbooks_filled_alike_give_the_same_plan(
    french_workbook: Path, tmp_path: Path
) -> None:
    source = save_scenario(
        load_scenario(EXAMPLES / "minimal.yaml"), tmp_path / "values.xlsx"
    )
    french = tmp_path / "french.xlsx"
    french.write_bytes(french_workbook.read_bytes())
    english = init_workbook(tmp_path / "english", Language.EN)
    fill(french, source, keep=("language",))
    fill(english, source)

    french_scenario, english_scenario = load_scenario(french), load_scenario(english)
    french_plan = planned(french, tmp_path / "french-out")
    english_plan = planned(english, tmp_path / "english-out")

    assert french_scenario.program.language is Language.FR
    assert english_scenario == load_scenario(EXAMPLES / "minimal.yaml")
    assert (
        french_scenario.model_copy(update={"program": english_scenario.program})
        == english_scenario
    )
    assert french_plan["production"], "the plan makes nothing: the fill went wrong"
    assert french_plan == english_plan


def sentences_people_read(workbook_path: Path) -> list[str]:
    """Instructions, header comments, meanings and drop-down messages."""
    workbook = openpyxl.load_workbook(workbook_path)
    instructions = workbook[INSTRUCTIONS_SHEET]
    texts: list[str] = []
    for row in instructions.iter_rows(values_only=True):
        first, *rest = row
        if rest and rest[0] is not None:
            # A table row: sheet and column names are identifiers; the rest is read.
            texts.extend(str(value) for value in rest[1:] if value)
        elif first:
            texts.append(str(first))
    for layout in SHEETS:
        sheet = workbook[layout.name]
        if layout.shape is SheetShape.FIELDS:
            texts.extend(str(row[2]) for row in values_of(sheet)[1:] if row[2])
        else:
            texts.extend(cell.comment.text for cell in sheet[1] if cell.comment)
        texts.extend(
            validation.error
            for validation in sheet.data_validations.dataValidation
            if validation.error
        )
    return texts


def test_the_french_workbook_holds_no_english_sentence(french_workbook: Path) -> None:
    texts = sentences_people_read(french_workbook)

    english = [
        text
        for text in texts
        if ENGLISH.search(IDENTIFIERS.sub(" ", text.replace("\u202f", " ")))
    ]
    assert len(texts) > 300
    assert not english, english[:10]


def test_the_english_words_are_found_in_the_english_workbook(tmp_path: Path) -> None:
    texts = sentences_people_read(init_workbook(tmp_path, Language.EN))

    found = [text for text in texts if ENGLISH.search(IDENTIFIERS.sub(" ", text))]
    # The heuristic reads English where there is English: most sentences trip it.
    assert len(found) > len(texts) / 2


def test_init_lang_fr_gives_the_yaml_scenario_a_french_program(tmp_path: Path) -> None:
    result = run("init", str(tmp_path), "--lang", "fr")

    assert result.exit_code == 0, result.output
    assert load_scenario(tmp_path / "scenario.yaml").program.language is Language.FR
