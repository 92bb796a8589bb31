"""Both catalogs hold every sentence marked for translation, and French says each.

The sentences are extracted afresh with `pybabel extract` and babel.cfg, exactly as
`make catalogs` does, so a sentence marked in a template or in Python but never
added to a catalog fails here, as does an empty or fuzzy French translation.
"""

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from surgeplan.i18n import Language, catalog_path

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "src" / "surgeplan"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


def catalog(language: Language) -> Catalog:
    with (LOCALE / catalog_path(language)).open("rb") as source:
        return read_po(source, locale=language.value)


def ids(found: Catalog) -> set[tuple[str | None, str | tuple[str, ...]]]:
    """Each message as (context, id): a `pgettext` message is its own entry."""
    return {
        (
            message.context,
            message.id if isinstance(message.id, str) else tuple(message.id),
        )
        for message in found
        if message.id
    }


def placeholders(text: str) -> set[str]:
    return {first or second for first, second in PLACEHOLDER.findall(text)}


def forms(message: Message) -> list[str]:
    if isinstance(message.string, (tuple, list)):
        return list(message.string)
    return [message.string or ""]


def test_extraction_finds_the_sentences_of_the_brief_and_the_report(
    extracted: Catalog,
) -> None:
    found = ids(extracted)
    assert (None, "The program pays: NPV above zero") in found
    assert (None, "Recommendation: %(decision)s") in found
    assert (None, "Utilisation by work center") in found
    assert len(found) > 300


def test_extraction_finds_the_words_of_compare_plan_xlsx_and_the_yaml_template(
    extracted: Catalog,
) -> None:
    found = ids(extracted)
    assert (None, "Variants compared") in found
    assert (None, "{variant}: due") in found
    assert ("plan.xlsx", "Summary") in found
    assert ("plan.xlsx", "Held back by") in found
    assert (None, "Total cost ({currency})") in found
    assert (None, "a Monday: weekly buckets start on this day") in found


def test_a_french_catalog_without_a_plan_xlsx_title_is_caught(
    extracted: Catalog,
) -> None:
    french = catalog(Language.FR)
    french.delete("Held back by", context="plan.xlsx")

    # The same comparison as the completeness test: the title is missing, even if
    # a message of the same words existed without the context.
    assert ids(extracted) - ids(french) == {("plan.xlsx", "Held back by")}


def test_extraction_finds_the_dashboards_sentences(extracted: Catalog) -> None:
    # Templates (a button, an aria-label), page code (an error title), charts
    # (a title) and the words for run states: the dashboard is in the catalogs.
    found = ids(extracted)
    assert (None, "Start the run") in found
    assert (None, "Run progress") in found
    assert (None, "Form expired") in found
    assert (None, "Costs by kind") in found
    assert "done" in {m.id for m in extracted if m.context == "run state"}


@pytest.mark.parametrize("language", list(Language))
def test_every_marked_sentence_is_in_the_catalog(
    extracted: Catalog, language: Language
) -> None:
    missing = ids(extracted) - ids(catalog(language))
    assert not missing, (
        f"run `make catalogs`, then translate: {sorted(map(str, missing))}"
    )


@pytest.mark.parametrize("language", list(Language))
def test_no_catalog_keeps_a_sentence_the_code_no_longer_says(
    extracted: Catalog, language: Language
) -> None:
    stale = ids(catalog(language)) - ids(extracted)
    assert not stale, f"run `make catalogs` to drop: {sorted(map(str, stale))}"


def test_every_french_sentence_is_translated_and_none_is_fuzzy() -> None:
    untranslated = [
        message.id
        for message in catalog(Language.FR)
        if message.id and not all(forms(message))
    ]
    fuzzy = [
        message.id for message in catalog(Language.FR) if message.fuzzy and message.id
    ]
    assert not untranslated, f"French sentences left empty: {untranslated}"
    assert not fuzzy, f"French sentences marked fuzzy: {fuzzy}"


def test_french_sentences_keep_every_placeholder_of_the_english() -> None:
    for message in catalog(Language.FR):
        if not message.id:
            continue
        english = (message.id,) if isinstance(message.id, str) else tuple(message.id)
        wanted = set().union(*(placeholders(text) for text in english))
        for translated in forms(message):
            # A plural form may leave the count out ("one more" for %(num)d).
            assert placeholders(translated) <= wanted | {"num"}, message.id
            assert wanted - {"num", "count"} <= placeholders(translated), message.id


def test_french_puts_a_narrow_no_break_space_before_colons_and_semicolons() -> None:
    spaced = re.compile(r"[^\s\u202f\u00a0][:;?](\s|$)")
    for message in catalog(Language.FR):
        for translated in forms(message) if message.id else []:
            # Times (12:10) are not punctuation; a colon followed by a space is.
            text = re.sub(r"&\w+;", "", translated)  # HTML entities end with ';'
            assert not spaced.search(text), (message.id, translated)
