"""The sentences of a workbook, marked for the catalogs and translated when written.

The scenario package sits below `surgeplan.i18n` (it must not import it), so the
workbook's sentences are marked with `N_` — a no-op `pybabel extract` finds by name
— and the writer is handed a `Translate` function (`surgeplan.i18n.gettext` inside a
`speaking(language)` block, from `surgeplan init --excel --lang fr`). The field
descriptions of the scenario models are extracted by `description_extractor`.
Identifiers — sheet names, column headers, ids and choices — are never translated,
so that the reader reads a French workbook exactly like an English one.
"""

from __future__ import annotations

from collections.abc import Callable

Translate = Callable[[str], str]


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional marker name
    """Mark `message` for extraction; it is translated where it is written."""
    return message


def untranslated(message: str) -> str:
    """The English message itself: the translator of an English workbook."""
    return message
