"""Where command output goes, and how tables fit the width they are given.

Output is as wide as the terminal, or `COLUMNS` when piped (80 without it), and
`--wide` lifts the limit for scripts that want whole lines. A table that does not fit
keeps its short cells (dates, numbers, percentages) whole and wraps the long ones
(ids, names) over lines, never cutting them with an ellipsis.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich import box
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

WIDE_COLUMNS = 400
SHORT_CELL_CHARACTERS = 12
"""Cells up to this long (a date, a figure) are never broken."""
LONG_COLUMN_MIN_CHARACTERS = 8
"""Narrowest an id column may fold to and still be read."""


def output_console(*, wide: bool = False) -> Console:
    """Stdout at the terminal's width, or without a limit with `--wide`."""
    console = Console(highlight=False)
    if wide:
        console.width = WIDE_COLUMNS
    return console


def fitted(table: Table) -> int:
    """Fix the widths of the short columns, let long ones fold; the width it needs.

    Short columns (dates, figures) get the width of their longest cell, so they are
    never broken, and their headings wrap between words; long ones (ids, names) share
    the rest and fold. Light rules and one space between columns (the rule's own
    divider) let a ten-column table of dates fit 100 columns.
    """
    table.box = box.SIMPLE_HEAD
    table.show_edge = False
    table.padding = (0, 0, 0, 0)
    needed = len(table.columns) - 1
    for column in table.columns:
        longest = max((len(str(cell)) for cell in column.cells), default=0)
        heading_word = max(
            (len(word) for word in str(column.header).split()), default=1
        )
        column.overflow = "fold"
        if column.cells and longest <= SHORT_CELL_CHARACTERS:
            column.width = max(longest, heading_word)
            needed += column.width
        else:
            needed += LONG_COLUMN_MIN_CHARACTERS
    return needed


def print_tables(console: Console, *tables: Table, currency: str = "EUR") -> None:
    """Print tables fitted to the console's width, money headed in `currency`.

    Money fields hold amounts in the program's currency whatever their `_eur` name,
    so a heading the risk stage writes as `Cost M EUR` is shown in that currency.

    A table that cannot fit even so is printed at the width it needs (the terminal
    wraps its lines) rather than with cells cut.
    """
    for table in tables:
        if currency != "EUR":
            for column in table.columns:
                column.header = str(column.header).replace("EUR", currency)
        needed = fitted(table)
        # A title over a narrow table would wrap to the table's width: printed on
        # its own it takes the console's.
        title, table.title = table.title, None
        if title is not None:
            console.print(Text(str(title).replace("EUR", currency), style="bold"))
        if needed <= console.width:
            console.print(table)
            continue
        # Rich caps a print's width at its console's: a wider console on the same
        # stream prints whole lines, which the terminal wraps.
        wider = Console(highlight=False, file=console.file, width=needed)
        wider.print(table)


Step = Callable[[str, float | None], None]
"""Say what a command is doing, and the share done (0 to 1) when it is known."""


class LimitColumn(ProgressColumn):
    """What is left of a time limit: a stage that has one ends by then at the latest."""

    def __init__(self, limit_s: float) -> None:
        super().__init__()
        self.limit_s = limit_s

    def render(self, task: Task) -> Text:
        """`at most 41 s left`."""
        left_s = max(0.0, self.limit_s - (task.elapsed or 0.0))
        return Text(f"at most {left_s:.0f} s left", style="progress.remaining")


@contextmanager
def progress_bar(
    label: str, *, enabled: bool = True, limit_s: float | None = None
) -> Iterator[Step]:
    """A progress line on stderr, if stderr is a terminal: elapsed and remaining time.

    Steps with a share fill the bar and give the remaining time; a stage with only a
    time limit (the planner) shows what is left of it.
    """
    console = Console(stderr=True)
    if not enabled or not console.is_terminal:
        yield lambda _message, _share: None
        return
    remaining: ProgressColumn = (
        LimitColumn(limit_s) if limit_s is not None else TimeRemainingColumn()
    )
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        remaining,
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(label, total=None)

        def step(message: str, share: float | None) -> None:
            if share is None:
                progress.update(task, description=f"{label}: {message}")
            else:
                progress.update(
                    task, description=f"{label}: {message}", total=1.0, completed=share
                )

        yield step


def batches_step(step: Step, what: str) -> Callable[[int, int], None]:
    """A `Step` told of work counted in pieces: `12/40 batches` and the share done.

    The share fills the bar, and the bar's remaining-time column estimates from it.
    """

    def done(count: int, total: int) -> None:
        step(f"{count}/{total} {what}", count / total if total else 1.0)

    return done
