"""plan.xlsx in French: French titles and notes, the English workbook's cells.

Each French header's note says what the column holds (the record field's
description, in French) and gives its plan.json name.

The drone example is planned once, for real, and its workbook written in both
languages from the same plan: every table sheet must hold the same values cell for
cell, and the Summary the same numbers and dates.
"""

import datetime as dt
import re
import typing
from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook

from surgeplan.i18n import Language, speaking
from surgeplan.planning import plan
from surgeplan.planning.results.plan import Plan
from surgeplan.planning.results.workbook import SHEET_ORDER, write_plan_workbook
from surgeplan.planning.results.workbook_layout import table_columns
from surgeplan.planning.results.workbook_words import column_titles, sheet_titles
from surgeplan.scenario import Scenario, load_scenario

EXAMPLES = Path(__file__).parents[2] / "examples"
# Excel refuses these in a sheet name, and names longer than 31 characters.
SHEET_NAME_REFUSED = re.compile(r"[\[\]:*?/\\]")
Number = int | float | dt.datetime


@pytest.fixture(scope="module")
def drone() -> tuple[Scenario, Plan]:
    scenario = load_scenario(EXAMPLES / "uav-surge.yaml")
    return scenario, plan(scenario)


@pytest.fixture(scope="module")
def workbooks(
    drone: tuple[Scenario, Plan], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Workbook, Workbook]:
    scenario, made = drone
    folder = tmp_path_factory.mktemp("workbooks")
    english = write_plan_workbook(made, folder / "en.xlsx", scenario)
    french = write_plan_workbook(
        made, folder / "fr.xlsx", scenario, language=Language.FR
    )
    return openpyxl.load_workbook(english), openpyxl.load_workbook(french)


def numbers(workbook: Workbook, sheet: int) -> list[tuple[int, int, Number]]:
    """Where each number and date of a sheet is, and what it is."""
    return [
        (cell.row, cell.column, cell.value)
        for row in workbook.worksheets[sheet].iter_rows()
        for cell in row
        if isinstance(cell.value, int | float | dt.datetime)
    ]


@pytest.mark.slow
def test_the_french_workbook_names_its_sheets_in_french(
    workbooks: tuple[Workbook, Workbook],
) -> None:
    english, french = workbooks
    with speaking(Language.FR):
        titles = sheet_titles()

    assert english.sheetnames == ["Summary", *SHEET_ORDER]
    assert french.sheetnames == ["Synthèse", *(titles[name] for name in SHEET_ORDER)]
    assert "Jalons" in french.sheetnames
    assert "Main-d'œuvre" in french.sheetnames


@pytest.mark.slow
def test_the_french_headers_are_french_with_the_plan_json_name_in_a_note(
    workbooks: tuple[Workbook, Workbook],
) -> None:
    english, french = workbooks
    with speaking(Language.FR):
        titles = column_titles()

    for position, name in enumerate(SHEET_ORDER, start=1):
        names = [str(cell.value) for cell in english.worksheets[position][1]]
        header = list(french.worksheets[position][1])
        assert [cell.value for cell in header] == [titles[n] for n in names], name
        for cell, plan_name in zip(header, names, strict=True):
            assert cell.comment is not None
            meaning, named = cell.comment.text.split("\n")
            assert named.endswith(f"\u202f: {plan_name}")
            assert meaning.endswith("."), (name, plan_name)
    milestones = french.worksheets[8][1]
    assert [cell.value for cell in milestones][:4] == [
        "Identifiant",
        "Article",
        "Point de livraison",
        "Échéance",
    ]
    due = milestones[3].comment
    assert due is not None
    assert due.text.startswith("Date d'échéance, reprise du scénario.")
    start = french.worksheets[1][1][5].comment
    assert start is not None
    assert start.text.startswith("Premier jour de la période de la colonne")


@pytest.mark.slow
def test_every_table_cell_of_the_french_workbook_is_the_english_ones(
    workbooks: tuple[Workbook, Workbook],
) -> None:
    english, french = workbooks

    for position, name in enumerate(SHEET_ORDER, start=1):
        english_rows = list(english.worksheets[position].iter_rows(min_row=2))
        french_rows = list(french.worksheets[position].iter_rows(min_row=2))
        assert [[c.value for c in row] for row in french_rows] == [
            [c.value for c in row] for row in english_rows
        ], name
        assert [[c.number_format for c in row] for row in french_rows] == [
            [c.number_format for c in row] for row in english_rows
        ], name
    assert english["production"].max_row > 100


@pytest.mark.slow
def test_the_french_summary_has_the_english_numbers_and_french_labels(
    workbooks: tuple[Workbook, Workbook],
) -> None:
    english, french = workbooks
    labels = {
        row[0]: row[1] for row in french.worksheets[0].iter_rows(values_only=True)
    }

    assert numbers(french, 0) == numbers(english, 0)
    assert len(numbers(english, 0)) > 15
    assert labels["Chiffres clés"] is None
    assert labels["Période de planification"] == "semaine"
    assert labels["Atteinte à la production courante admise"] == "non"
    assert "Coût total (EUR)" in labels
    assert "Total cost (EUR)" not in labels


def test_every_plan_column_and_table_has_a_title() -> None:
    with speaking(Language.FR):
        columns, sheets = column_titles(), sheet_titles()
    for name in SHEET_ORDER:
        record_type = typing.get_args(Plan.model_fields[name].annotation)[0]
        for column in table_columns(record_type):
            assert column.header in columns, (name, column.header)
    assert set(sheets) == set(SHEET_ORDER)
    for title in sheets.values():
        assert len(title) <= 31
        assert not SHEET_NAME_REFUSED.search(title), title
        assert title.strip("'") == title


@pytest.mark.slow
def test_a_workbook_takes_the_scenarios_language_unless_told(
    drone: tuple[Scenario, Plan], tmp_path: Path
) -> None:
    scenario, made = drone
    french = scenario.model_copy(
        update={
            "program": scenario.program.model_copy(update={"language": Language.FR})
        }
    )

    chosen = write_plan_workbook(made, tmp_path / "chosen.xlsx", french)
    told = write_plan_workbook(
        made, tmp_path / "told.xlsx", french, language=Language.EN
    )

    assert openpyxl.load_workbook(chosen).sheetnames[0] == "Synthèse"
    assert openpyxl.load_workbook(told).sheetnames[0] == "Summary"
