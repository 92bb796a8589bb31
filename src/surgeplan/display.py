"""Short summaries of scenarios and results, for the console and for notebooks.

A result's default pydantic `repr` lists every record (19,719 characters for a small
plan); `Summarized` gives each result type a one-line `repr` and a small HTML table
(`_repr_html_`, which Jupyter shows), built from the few figures a person reads first.
Imports nothing of ours, so that every stage can use it.
"""

from __future__ import annotations

import datetime as dt
import html
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field

MAX_TABLE_ROWS = 12


@dataclass(frozen=True)
class Summary:
    """The figures that stand for a result: a title, labelled facts, maybe a table."""

    title: str
    facts: Sequence[tuple[str, str]]
    headers: Sequence[str] = ()
    rows: Sequence[Sequence[str]] = field(default_factory=tuple)

    def text(self, kind: str) -> str:
        """One line: `<Plan 'Drone surge': 5,000 units delivered, …>`."""
        figures = ", ".join(f"{label} {value}" for label, value in self.facts)
        return f"<{kind} {self.title!r}: {figures}>"

    def html(self, kind: str) -> str:
        """A heading, the facts as a two-column table, then the table (capped)."""
        parts = [
            f"<div><strong>{html.escape(kind)}</strong> {html.escape(self.title)}",
            "<table>",
            *(
                f"<tr><th style='text-align:left'>{html.escape(label)}</th>"
                f"<td>{html.escape(value)}</td></tr>"
                for label, value in self.facts
            ),
            "</table>",
        ]
        if self.headers and self.rows:
            parts.append("<table><tr>")
            parts += [f"<th>{html.escape(header)}</th>" for header in self.headers]
            parts.append("</tr>")
            for row in self.rows[:MAX_TABLE_ROWS]:
                cells = "".join(f"<td>{html.escape(cell)}</td>" for cell in row)
                parts.append(f"<tr>{cells}</tr>")
            parts.append("</table>")
            hidden = len(self.rows) - MAX_TABLE_ROWS
            if hidden > 0:
                parts.append(f"<p>… and {hidden} more rows</p>")
        parts.append("</div>")
        return "\n".join(parts)


class Summarized(ABC):
    """A short `repr` and `_repr_html_` from `summary()` (a base before BaseModel)."""

    @abstractmethod
    def summary(self) -> Summary:
        """The figures a person reads first."""

    def __repr__(self) -> str:
        return self.summary().text(type(self).__name__)

    def __str__(self) -> str:
        return self.__repr__()

    def _repr_html_(self) -> str:
        return self.summary().html(type(self).__name__)


def whole(value: float) -> str:
    """A count of things people count whole: `1,434`, never `1,434.1`."""
    return f"{round(value):,}"


def money(amount: float, currency: str) -> str:
    """`12.3 M EUR`, `850 k USD`, `420 EUR`."""
    size = abs(amount)
    if size >= 1e9:
        return f"{amount / 1e9:,.2f} bn {currency}"
    if size >= 1e6:
        return f"{amount / 1e6:,.1f} M {currency}"
    if size >= 1e4:
        return f"{amount / 1e3:,.0f} k {currency}"
    return f"{amount:,.0f} {currency}"


def share(value: float) -> str:
    """`87 %`."""
    return f"{value:.0%}".replace("%", " %")


def day(value: dt.date | dt.datetime | None) -> str:
    """ISO date, or a dash for none."""
    if value is None:
        return "-"
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.isoformat()
