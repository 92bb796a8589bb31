"""Every meaning the Excel workbook shows has its French, field descriptions included.

The field descriptions reach the catalogs through a Babel extraction method that
reads `Field(description=...)` literals (scenario/description_extractor.py); a
description built at run time would slip past it, and this test names it.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.pofile import read_po

from surgeplan.i18n import Language, catalog_path, gettext, speaking
from surgeplan.scenario.description_extractor import (
    extract_field_descriptions,
    field_descriptions,
)
from surgeplan.scenario.excel_columns import ColumnKind
from surgeplan.scenario.excel_layout import SHEETS

LOCALE = Path(__file__).resolve().parents[2] / "src" / "surgeplan"


def french_ids() -> set[str]:
    with (LOCALE / catalog_path(Language.FR)).open("rb") as source:
        catalog = read_po(source, locale="fr")
    return {message.id for message in catalog if isinstance(message.id, str)}


def test_every_column_meaning_of_the_workbook_is_in_the_french_catalog() -> None:
    known = french_ids()
    descriptions = {
        column.description
        for sheet in SHEETS
        for column in sheet.columns
        if column.description
    }

    missing = sorted(descriptions - known)

    assert len(descriptions) > 250
    assert not missing, f"run `make catalogs`, then translate: {missing}"


def test_column_kinds_and_help_read_in_french() -> None:
    site_id = next(sheet for sheet in SHEETS if sheet.name == "Sites").columns[0]

    with speaking(Language.FR):
        kinds = {gettext(kind.value) for kind in ColumnKind}
        help_text = site_id.help(gettext)

    assert kinds.isdisjoint(kind.value for kind in ColumnKind if kind.value != "date")
    assert help_text.startswith("Identifiant du site")


def test_optional_fields_say_their_default_in_a_whole_french_sentence() -> None:
    program = next(sheet for sheet in SHEETS if sheet.name == "Program")
    currency = next(column for column in program.columns if column.name == "currency")

    with speaking(Language.FR):
        help_text = currency.help(gettext)

    assert help_text.endswith("Facultatif (si vide\u202f: EUR).")
    assert currency.help().endswith("Optional (if blank: EUR).")


def test_the_extractor_finds_literal_descriptions_and_skips_built_ones() -> None:
    source = (
        "class Site(ScenarioModel):\n"
        '    id: str = Field(description="Id of the site.")\n'
        '    name: str = pydantic.Field("x", description="Name " "for people.")\n'
        '    zone: str = Field(description=f"Zone {ZONE}.")\n'
        '    other: str = Something(description="Not a field.")\n'
    )

    found = [text for _, text in field_descriptions(source)]
    extracted = list(
        extract_field_descriptions(io.BytesIO(source.encode()), (), (), {})
    )

    assert found == ["Id of the site.", "Name for people."]
    assert extracted == [
        (2, None, "Id of the site.", []),
        (3, None, "Name for people.", []),
    ]
