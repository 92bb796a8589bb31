"""Words only English writes: what a French document, page or workbook must not hold.

One list for every "no English left" test (the brief and report, compare, the
dashboard, the French workbook); each may add the words of its own kind of text.
"""

from __future__ import annotations

import re

DOCUMENT_WORDS = (
    "the",
    "of",
    "and",
    "by",
    "with",
    "to",
    "is",
    "are",
    "from",
    "for",
    "each",
    "every",
    "than",
    "which",
    "not",
    "per",
    "runs",
    "weeks",
    "days",
)


def english_pattern(*extra_words: str) -> re.Pattern[str]:
    """Any of the words as a whole word (not inside ids, paths or file names)."""
    words = dict.fromkeys((*DOCUMENT_WORDS, *extra_words))
    return re.compile(
        r"(?<![\w\-/.])(" + "|".join(words) + r")(?![\w\-/])", re.IGNORECASE
    )
