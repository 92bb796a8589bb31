"""Finding English left in a message said in French.

What a French message may keep in English is what the planner wrote or must
write: ids and values in quotes, `code`, paths such as `sites[0].stations`, field
and YAML names (`start_date`, `time_bucket: week`), file names and numbers. What
remains is checked for English words that French never uses.
"""

from __future__ import annotations

import re

# Words of English sentences that are not French words as well (no "date",
# "type", "a", "site", "on", "sites", "minimal", "plus" …).
ENGLISH_WORDS = frozenset(
    [
        "the",
        "is",
        "are",
        "must",
        "not",
        "be",
        "to",
        "of",
        "and",
        "or",
        "with",
        "has",
        "have",
        "file",
        "sheet",
        "row",
        "column",
        "unknown",
        "missing",
        "add",
        "keep",
        "one",
        "did",
        "you",
        "mean",
        "found",
        "expected",
        "while",
        "parsing",
        "scanning",
        "should",
        "at",
        "least",
        "most",
        "got",
        "than",
        "greater",
        "less",
        "equal",
        "number",
        "whole",
        "text",
        "it",
        "its",
        "this",
        "that",
        "which",
        "there",
        "here",
        "where",
        "use",
        "an",
        "in",
        "by",
        "for",
        "from",
        "give",
        "needs",
        "need",
        "work",
        "center",
        "problem",
        "problems",
        "value",
        "values",
        "field",
        "fields",
        "line",
        "allowed",
        "declared",
        "none",
        "twice",
        "already",
        "used",
        "cell",
        "holds",
        "workbook",
        "cannot",
        "no",
        "but",
        "only",
        "milestone",
        "supplier",
        "lane",
        "skill",
        "pool",
        "people",
        "qualified",
        "start",
        "outside",
        "before",
        "after",
        "invalid",
        "valid",
        "empty",
        "read",
        "written",
        "refused",
        "upload",
        "request",
        "token",
    ]
)
_KEPT = re.compile(
    r"(?<![A-Za-z])'[^']*'"  # ids and values as written (not French elisions)
    r"|\([A-Za-z_.]+\)"  # a workbook column's header, as written
    r"|`[^`]*`"  # code
    r"|\"[^\"]*\""
    r"|\S*[-_\[\]/.:=<>@\\]\S*"  # paths, ids, field names, files, YAML, tokens
    r"|\d\S*"
)


def english_words(message: str) -> list[str]:
    """The English words left in a French message, outside what may stay English."""
    plain = _KEPT.sub(" ", message)
    words = re.findall(r"[^\W\d_]+", plain)
    return [word for word in words if word.lower() in ENGLISH_WORDS]
