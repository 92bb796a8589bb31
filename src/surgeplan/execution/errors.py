"""Located problems found in actuals, and the error that carries all of them."""

from __future__ import annotations

from dataclasses import dataclass, field

from surgeplan.errors import SurgeplanError
from surgeplan.i18n import gettext, ngettext


@dataclass(frozen=True)
class ActualsIssue:
    """One problem in the actuals: the file (or sheet), row and column, and what to do.

    `row` counts as a spreadsheet does: the header is row 1, the first record row 2.
    Actuals sent as JSON name the record instead (`table` and `row` = its position).
    """

    message: str
    file: str = ""
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def location(self) -> str:
        """Where the problem is, as a person would look for it."""
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.sheet is not None:
            parts.append(gettext("sheet '%(sheet)s'") % {"sheet": self.sheet})
        if self.row is not None:
            parts.append(gettext("row %(row)d") % {"row": self.row})
        if self.column is not None:
            parts.append(gettext("column %(column)s") % {"column": self.column})
        return ", ".join(parts)

    def __str__(self) -> str:
        location = self.location()
        return f"{location}: {self.message}" if location else self.message


class ExecutionError(SurgeplanError):
    """The execution stage's refusals: every error of `surgeplan.execution`."""


@dataclass
class ActualsError(ExecutionError):
    """Actuals that cannot be used, with every problem found in them."""

    issues: list[ActualsIssue] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.summary())

    def summary(self) -> str:
        """All the problems, one per line."""
        count = len(self.issues)
        heading = ngettext(
            "%(num)d problem in the actuals", "%(num)d problems in the actuals", count
        ) % {"num": count}
        return "\n".join([heading, *(f"  {issue}" for issue in self.issues)])

    def __str__(self) -> str:
        return self.summary()
