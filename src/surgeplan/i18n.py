"""The language of what people read: gettext catalogs, read with Babel.

Every sentence of the report and the brief is an English message id marked with
`gettext`, `ngettext` or `pgettext` (Python) or `_()` (Jinja templates, newstyle
gettext: `_("… %(name)s …", name=value)`), and translated by the catalog
`surgeplan/locale/<language>/LC_MESSAGES/surgeplan.po`. `scripts/i18n-catalogs.sh`
(`make catalogs`) extracts the messages and updates both catalogs.

The language is not global state: `speaking(language)` sets it in a context
variable for the code it wraps, so two requests of the service rendering in
French and in English at the same time (threads or asyncio tasks) never see each
other's language. Outside any `speaking` block the language is English.

The context variable and the parsed catalogs live in `surgeplan.scenario.speech`,
below this module, so that the scenario's validation messages are translated when
they are made. The catalogs are the `.po` files themselves, parsed once per
language and process with Babel's `read_po` (about 0.1 s for 500 messages, on
first use) and kept in memory; no `.mo` files are compiled. That keeps one
source of truth in the repository, needs no build hook (an editable install
and a wheel read the same files) and cannot serve a stale compiled catalog.
Fuzzy entries are left out, as `msgfmt` would: a fuzzy French message reads in
English until a translator confirms it, and the catalog test refuses any.
"""

from __future__ import annotations

import gettext as stdlib_gettext
from collections.abc import Iterator
from contextlib import contextmanager

from surgeplan.scenario.excel_words import N_
from surgeplan.scenario.program import Language
from surgeplan.scenario.speech import (
    DOMAIN,
    catalog_resource,
    gettext,
    language_code,
    ngettext,
    npgettext,
    pgettext,
    reset_language_code,
    set_language_code,
    translator_for,
)

__all__ = [
    "DOMAIN",
    "N_",
    "Language",
    "catalog_path",
    "current_language",
    "gettext",
    "ngettext",
    "npgettext",
    "pgettext",
    "preferred_language",
    "speaking",
    "translator",
]

# A browser sends a handful of ranges; a header with more is read only this far.
_MAX_LANGUAGE_RANGES = 32


def catalog_path(language: Language) -> str:
    """Where a language's catalog lives inside the package, as a resource path."""
    return catalog_resource(language.value)


def translator(language: Language) -> stdlib_gettext.NullTranslations:
    """The translations of one language, parsed from its `.po` once per process."""
    return translator_for(language.value)


def current_language() -> Language:
    """The language of the code running now: English unless `speaking` says else."""
    return Language(language_code())


@contextmanager
def speaking(language: Language) -> Iterator[Language]:
    """Write in `language` inside the block, for this thread or task only."""
    token = set_language_code(language.value)
    try:
        yield language
    finally:
        reset_language_code(token)


def preferred_language(accept_language: str | None) -> Language | None:
    """The language a client asks for in an HTTP `Accept-Language` header.

    Ranges are read by their quality (RFC 9110 §12.5.4; equal qualities keep
    the client's order) and matched on their primary subtag, so `fr-CA` and
    `fr-BE` get French. `None` when the header is missing, malformed or names
    no language surgeplan speaks: the caller then falls back to its own default.
    """
    if not accept_language:
        return None
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")[:_MAX_LANGUAGE_RANGES]):
        tag, _, parameters = part.strip().partition(";")
        quality = 1.0
        name, _, value = parameters.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                quality = float(value)
            except ValueError:
                continue
        if quality <= 0.0 or quality > 1.0:
            continue
        ranked.append((-quality, position, tag.strip().lower()))
    for _, _, tag in sorted(ranked):
        primary = tag.split("-", 1)[0]
        for language in Language:
            if primary == language.value:
                return language
    return None
