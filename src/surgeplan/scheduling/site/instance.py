"""What the scheduler works on: batches, their tasks, and the stations that can do them.

All times here are seconds on the site's working-time axis (see `clock.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from surgeplan.scheduling.site.clock import SiteClock, Span


@dataclass(frozen=True)
class Resource:
    """A work center: its usable stations, shift spans and changeovers.

    Attributes:
        spans: its shift windows on the axis; a non-splittable task fits in one.
        runs: its spans joined where they touch on the axis; a splittable task
            fits in one (it pauses over site-wide closures only).
        changeover_s: set-up seconds between two items, by (from, to); missing
            pairs of different items take `default_changeover_s`.
        is_sequenced: whether the model sequences each station (changeovers
            matter); otherwise its stations are a cumulative resource.
    """

    work_center: str
    stations: tuple[str, ...]
    reserved_stations: tuple[str, ...]
    spans: tuple[Span, ...]
    runs: tuple[Span, ...]
    changeover_s: dict[tuple[str, str], int]
    default_changeover_s: int
    is_sequenced: bool = False

    def changeover(self, from_item: str | None, to_item: str) -> int:
        """Set-up seconds when a station switches from `from_item` to `to_item`."""
        if from_item is None or from_item == to_item:
            return 0
        return self.changeover_s.get((from_item, to_item), self.default_changeover_s)


@dataclass(frozen=True)
class Option:
    """One work center a task may run on, and what it takes there.

    Attributes:
        duration_s: working seconds, set-ups included.
        lead_s: from its start until the first transfer lot is done.
        last_lot_s: working seconds of the last transfer lot it receives.
        allowed_starts: spans of the axis where the task may start.
    """

    work_center: str
    duration_s: int
    lead_s: int
    last_lot_s: int
    hours_per_unit: float
    setup_hours: float
    allowed_starts: tuple[Span, ...]


@dataclass(frozen=True)
class Task:
    """One operation of one batch."""

    batch: int
    position: int
    operation: str
    capability: str
    is_splittable: bool
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Batch:
    """Units of an item that go through its routing together.

    Attributes:
        week: program week (1-based) whose quantity it belongs to.
        release_s: it may not start before (the start of its week).
        due_s: it should be done by (the end of its week's last shift).
    """

    id: str
    item: str
    week: int
    units: int
    weight: int
    release_s: int
    due_s: int
    tasks: tuple[Task, ...]


@dataclass(frozen=True)
class SiteInstance:
    """Everything one scheduling run needs, solver-independent."""

    site: str
    clock: SiteClock
    horizon_s: int
    batches: tuple[Batch, ...]
    resources: dict[str, Resource]
    capabilities_by_work_center: dict[str, tuple[str, ...]]
    patterns_by_work_center: dict[str, tuple[str, ...]]
    clock_spans_by_work_center: dict[str, tuple[Span, ...]]
    notes: tuple[str, ...] = field(default=())

    @property
    def tasks(self) -> list[Task]:
        """Every task, batch by batch, in routing order."""
        return [task for batch in self.batches for task in batch.tasks]


@dataclass(frozen=True)
class Placement:
    """Where and when a task runs, on the axis."""

    work_center: str
    station: str
    start_s: int
    end_s: int
