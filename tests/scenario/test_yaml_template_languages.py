"""The YAML template `surgeplan init --lang fr` writes: French comments, same scenario.

Keys, ids and values stay English; the comments and the example's names are
French and the program declares `language: fr`. Read back, it is the English
template's scenario but for those names and that language.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from surgeplan.cli import main as cli_main
from surgeplan.i18n import gettext, speaking
from surgeplan.scenario import Scenario, load_scenario, parse_scenario_text
from surgeplan.scenario.excel_words import untranslated
from surgeplan.scenario.program import Language
from surgeplan.scenario.template import (
    COMMENTS,
    EXAMPLE_NAMES,
    SCENARIO_TEMPLATE,
    TRAILING_COMMENT,
    template_header,
    yaml_template,
)

# Words only English writes; identifiers (`code`, field_names, a.b) are set aside.
ENGLISH = re.compile(
    r"(?<![\w\-/.])(the|of|and|by|with|to|is|are|from|for|each|every|weeks|days"
    r"|optional|hours|or|at|on)(?![\w\-/])",
    re.IGNORECASE,
)
IDENTIFIERS = re.compile(r"`[^`]*`|\S*(?:[_/]|\w\.\w)\S*")
# The values a comment lists, which stay English like the file's values.
VALUES = re.compile(
    r"\b(day|week|month|low|moderate|high|severe|program|component|core|failure"
    r"|delay|en|fr)\b"
)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli_main.app, list(args))


def comments(text: str) -> list[str]:
    """Every comment people read: the opening lines and the ends of lines."""
    found = [
        line.removeprefix("#").strip()
        for line in text.splitlines()
        if line.startswith("#") and not line.startswith("#   ")
    ]
    for line in text.splitlines():
        trailing = TRAILING_COMMENT.match(line)
        if trailing is not None:
            found.append(trailing["text"])
    return [comment for comment in found if comment]


def without_names(value: Any) -> Any:
    """A scenario's data with every `name` and the program's language left out."""
    if isinstance(value, dict):
        return {
            key: without_names(item)
            for key, item in value.items()
            if key not in ("name", "language")
        }
    if isinstance(value, list):
        return [without_names(item) for item in value]
    return value


def init_yaml(folder: Path, language: Language) -> Scenario:
    result = run("init", str(folder), "--lang", language.value)
    assert result.exit_code == 0, result.output
    return load_scenario(folder / "scenario.yaml")


def test_the_english_template_is_rebuilt_from_its_messages() -> None:
    assert yaml_template(Language.EN) == SCENARIO_TEMPLATE
    assert SCENARIO_TEMPLATE.startswith(template_header(untranslated))
    trailing = [
        found["text"]
        for line in SCENARIO_TEMPLATE.splitlines()
        if (found := TRAILING_COMMENT.match(line)) is not None
    ]
    # Every comment of the file is a message the catalogs translate.
    assert sorted(trailing) == sorted(COMMENTS)


def test_the_french_template_validates_to_the_english_scenario(tmp_path: Path) -> None:
    english = init_yaml(tmp_path / "en", Language.EN)
    french = init_yaml(tmp_path / "fr", Language.FR)

    assert french.program.language is Language.FR
    assert english.program.language is Language.EN
    assert without_names(french.model_dump(mode="json")) == without_names(
        english.model_dump(mode="json")
    )
    assert french.program.name == "Mon programme de montée en cadence"
    assert french.sites[0].name == "Usine exemple"
    assert french == parse_scenario_text(
        (tmp_path / "fr" / "scenario.yaml").read_text(encoding="utf-8")
    )


def test_the_french_template_has_no_english_comment_left(tmp_path: Path) -> None:
    init_yaml(tmp_path, Language.FR)
    text = (tmp_path / "scenario.yaml").read_text(encoding="utf-8")

    found = comments(text)
    english = [
        comment
        for comment in found
        if ENGLISH.search(VALUES.sub(" ", IDENTIFIERS.sub(" ", comment)))
    ]
    assert len(found) > 30
    assert english == []
    assert "# un lundi\u202f: les périodes hebdomadaires commencent ce jour-là" in text


def test_the_same_reading_finds_english_in_the_english_template() -> None:
    found = comments(SCENARIO_TEMPLATE)
    english = [
        comment
        for comment in found
        if ENGLISH.search(VALUES.sub(" ", IDENTIFIERS.sub(" ", comment)))
    ]
    assert len(english) > len(found) / 2


def test_every_example_name_and_comment_has_french() -> None:
    with speaking(Language.FR):
        for message in (*COMMENTS, *EXAMPLE_NAMES):
            assert gettext(message) != message, message
