"""The exit codes of every `surgeplan` command: one table, shown by `--help`.

docs/cli.md and README.md print the same table; a test compares all three.
"""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple


class ExitCode(IntEnum):
    """What a command tells its caller."""

    OK = 0
    BUG = 1
    INVALID_INPUT = 2
    CONTRADICTORY = 3
    VIOLATIONS = 4
    INTERRUPTED = 130


class Meaning(NamedTuple):
    """An exit code in a few words (for `--help`) and in a sentence (for the docs)."""

    short: str
    detail: str


MEANINGS: dict[ExitCode, Meaning] = {
    ExitCode.OK: Meaning(
        "done", "Done. A late plan is still a plan: its summary says how late."
    ),
    ExitCode.BUG: Meaning(
        "a bug", "A bug in surgeplan: the traceback is printed; please report it."
    ),
    ExitCode.INVALID_INPUT: Meaning(
        "invalid input",
        "Invalid input: a scenario that does not validate, a missing, unreadable or "
        "mismatched file (the message names the command that makes a good one), a "
        "folder that may not be written, an existing file not to be overwritten, or "
        "a time limit too short to find any plan. Every problem is printed on "
        "stderr, one per line, never as a traceback.",
    ),
    ExitCode.CONTRADICTORY: Meaning(
        "a scenario that contradicts itself",
        "A scenario that contradicts itself (for example protected core demand that "
        "no plan can meet), with the reason.",
    ),
    ExitCode.VIOLATIONS: Meaning(
        "a plan that breaks a constraint",
        "A plan that breaks a constraint (`check`, `run`: one line per violation), "
        "or an audit trail that was altered (`audit verify`).",
    ),
    ExitCode.INTERRUPTED: Meaning(
        "stopped by Ctrl-C",
        "Stopped by Ctrl-C within a second; no file is left half-written.",
    ),
}


def help_text() -> str:
    """The table as the sentence `surgeplan --help` ends with."""
    codes = ", ".join(
        f"{code.value} {meaning.short}" for code, meaning in MEANINGS.items()
    )
    return f"Exit codes: {codes}."
