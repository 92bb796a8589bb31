"""Located, human-readable problems found in a scenario file."""

from __future__ import annotations

from dataclasses import dataclass, field

from surgeplan.errors import SurgeplanError


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
            parts.append(f"line {self.line}")
        if self.sheet is not None:
            cell = f"sheet '{self.sheet}'"
            if self.row is not None:
                cell += f", row {self.row}"
            if self.column is not None:
                cell += f", column {self.column}"
            parts.append(cell)
        if self.path:
            parts.append(self.path)
        return ": ".join(parts)

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
        heading = f"{count} problem{'s' if count != 1 else ''} in the scenario"
        return "\n".join([heading, *(f"  {issue}" for issue in self.issues)])

    def __str__(self) -> str:
        return self.summary()
