"""PyYAML's syntax errors in the language validation speaks.

PyYAML says what went wrong in English sentences of its own ("mapping values are
not allowed here", "while parsing a flow sequence"), some with a token or a
character inside. The common ones are matched here, whole, and said again through
the catalogs (the message id is PyYAML's sentence, its variable part a placeholder);
a sentence not listed stays PyYAML's own English, which is still exact.
"""

from __future__ import annotations

import re

from surgeplan.scenario.excel_words import N_
from surgeplan.scenario.speech import gettext, or_list

# PyYAML's fixed sentences (problems and contexts), as message ids: English reads
# exactly what PyYAML says.
_FIXED = frozenset(
    {
        N_("mapping values are not allowed here"),
        N_("could not find expected ':'"),
        N_("did not find expected key"),
        N_("did not find expected '-' indicator"),
        N_("did not find expected node content"),
        N_("found unexpected end of stream"),
        N_("found unexpected ':'"),
        N_("while scanning a simple key"),
        N_("while scanning a quoted scalar"),
        N_("while scanning a plain scalar"),
        N_("while scanning a block scalar"),
        N_("while parsing a block mapping"),
        N_("while parsing a block collection"),
        N_("while parsing a flow sequence"),
        N_("while parsing a flow mapping"),
        N_("while parsing a flow node"),
        N_("while parsing a block node"),
        N_("while scanning an alias"),
        N_("while scanning an anchor"),
        N_("while scanning a directive"),
        N_("while scanning a tag"),
        N_("while scanning for the next token"),
        # Python's own words on a date that is not in the calendar.
        N_("day is out of range for month"),
        N_("month must be in 1..12"),
    }
)

# PyYAML's sentences with a part of the file in them: (pattern, message id).
_PATTERNS = (
    (
        re.compile(r"^found character (?P<found>.+) that cannot start any token$"),
        N_("found character %(found)s that cannot start any token"),
    ),
    (
        re.compile(r"^expected (?P<expected>.+), but found (?P<found>.+)$"),
        N_("expected %(expected)s, but found %(found)s"),
    ),
    (
        re.compile(r"^expected (?P<expected>.+), but got (?P<found>.+)$"),
        N_("expected %(expected)s, but got %(found)s"),
    ),
    (
        re.compile(r"^found undefined alias (?P<found>.+)$"),
        N_("found undefined alias %(found)s"),
    ),
    (
        re.compile(r"^found unknown escape character (?P<found>.+)$"),
        N_("found unknown escape character %(found)s"),
    ),
)


def _alternatives(expected: str) -> str:
    """PyYAML's "',' or ']'" with the language's own "or"."""
    head, separator, last = expected.rpartition(" or ")
    return or_list([head, last]) if separator else expected


def said(sentence: str) -> str:
    """One of PyYAML's sentences in the current language (itself when unknown)."""
    if sentence in _FIXED:
        return gettext(sentence)
    for pattern, message in _PATTERNS:
        match = pattern.match(sentence)
        if match:
            found = match.groupdict()
            if "expected" in found:
                found["expected"] = _alternatives(found["expected"])
            return gettext(message) % found
    return sentence
