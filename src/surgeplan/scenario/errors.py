"""Located, human-readable problems found in a scenario file."""

from __future__ import annotations

from dataclasses import dataclass, field

from surgeplan.errors import SurgeplanError
from surgeplan.scenario.speech import gettext, ngettext


@dataclass(frozen=True)
class ScenarioIssue:
    """One problem: where it is and what to do about it.

    `path` is the place in the scenario (`sites[1].work_centers[3].stations`);
    `line` is set for YAML/JSON, `sheet`/`row`/`column` for Excel workbooks.
    """

    message: str
    path: str = ""
    file: str = ""
    line: int | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def location(self) -> str:
        """Where the problem is, as a person would look for it."""
        parts: list[str] = []
        if self.file:
            parts.append(self.file if self.line is None else f"{self.file}:{self.line}")
        elif self.line is not None:
            parts.append(gettext("line %(line)d") % {"line": self.line})
        if self.sheet is not None:
            parts.append(self._cell())
        if self.path:
            parts.append(self.path)
        return ": ".join(parts)

    def _cell(self) -> str:
        """The sheet, row and column of a workbook cell, as one phrase."""
        place = {"sheet": self.sheet, "row": self.row, "column": self.column}
        if self.row is not None and self.column is not None:
            return gettext("sheet '%(sheet)s', row %(row)d, column %(column)s") % place
        if self.row is not None:
            return gettext("sheet '%(sheet)s', row %(row)d") % place
        if self.column is not None:
            return gettext("sheet '%(sheet)s', column %(column)s") % place
        return gettext("sheet '%(sheet)s'") % place

    def __str__(self) -> str:
        location = self.location()
        return f"{location}: {self.message}" if location else self.message


@dataclass
class ScenarioError(SurgeplanError):
    """A scenario that cannot be used, with every problem found in it."""

    issues: list[ScenarioIssue] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.summary())

    def summary(self) -> str:
        """All the problems, one per line."""
        count = len(self.issues)
        heading = ngettext(
            "%(num)d problem in the scenario", "%(num)d problems in the scenario", count
        ) % {"num": count}
        return "\n".join([heading, *(f"  {issue}" for issue in self.issues)])

    def __str__(self) -> str:
        return self.summary()
