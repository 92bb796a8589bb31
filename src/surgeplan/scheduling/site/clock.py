"""Shift windows of work centers, and the site's working-time axis.

Every shift starts at 06:00; a day's shifts run back to back (two 8-hour shifts:
06:00-22:00), and back-to-back shifts form one window, also across midnight. Days
off, public holidays and shutdowns have no window.

The model measures time on one axis per site: the seconds during which at least
one work center of the site works. Closed time (nights, weekends, holidays) does not
exist on it, so an operation that may pause simply runs across a closure.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable

from surgeplan.scenario.calendar import shift_rule
from surgeplan.scenario.sites import Calendar, ShiftPattern, WorkCenter

SHIFT_START_HOUR = 6
SECONDS_PER_HOUR = 3600
SECONDS_PER_DAY = 24 * SECONDS_PER_HOUR

Span = tuple[int, int]


def shift_pattern_of(
    work_center: WorkCenter, pattern_id: str | None
) -> ShiftPattern | None:
    """The work center's pattern with this id (None: the one it starts on).

    None returned means the site calendar's.
    """
    if pattern_id is None:
        return work_center.starting_shift_pattern()
    for pattern in work_center.shift_patterns:
        if pattern.id == pattern_id:
            return pattern
    return None


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sorted spans with touching or overlapping ones joined."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def week_windows(
    calendar: Calendar,
    pattern: ShiftPattern | None,
    week_start: dt.date,
    offset_s: int,
    work_center: str | None = None,
) -> list[Span]:
    """Shift spans of one station in the week from `week_start`, in seconds.

    `offset_s` is the seconds from the schedule's origin to `week_start` 00:00.
    """
    # The rule the planner counts hours by: the same days, the same hours a day.
    rule = shift_rule(calendar, pattern, work_center)
    day_seconds = min(SECONDS_PER_DAY, round(rule.hours_per_day * SECONDS_PER_HOUR))
    spans = []
    for offset in range(7):
        day = week_start + dt.timedelta(days=offset)
        if not rule.works_on(day):
            continue
        start = (
            offset_s + offset * SECONDS_PER_DAY + SHIFT_START_HOUR * SECONDS_PER_HOUR
        )
        spans.append((start, start + day_seconds))
    return spans


class SiteClock:
    """The working-time axis of a site: clock seconds with closed time removed."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.spans = merge_spans(spans)
        self._starts = [start for start, _ in self.spans]
        self._axis_starts = []
        total = 0
        for start, end in self.spans:
            self._axis_starts.append(total)
            total += end - start
        self.total_s = total

    def to_axis(self, clock_s: int) -> int:
        """Working seconds of the site before `clock_s`."""
        index = bisect.bisect_right(self._starts, clock_s) - 1
        if index < 0:
            return 0
        start, end = self.spans[index]
        return self._axis_starts[index] + min(clock_s, end) - start

    def start_clock(self, axis_s: int) -> int:
        """The clock second at which work at axis position `axis_s` starts."""
        index = bisect.bisect_right(self._axis_starts, axis_s) - 1
        index = max(index, 0)
        if index == len(self.spans) - 1 or axis_s < self._axis_starts[index + 1]:
            return self.spans[index][0] + axis_s - self._axis_starts[index]
        return self.spans[index + 1][0]

    def end_clock(self, axis_s: int) -> int:
        """The clock second at which work up to axis position `axis_s` ends."""
        index = bisect.bisect_left(self._axis_starts, axis_s) - 1
        index = max(index, 0)
        return self.spans[index][0] + axis_s - self._axis_starts[index]

    def spans_on_axis(self, clock_spans: Iterable[Span]) -> list[Span]:
        """Clock spans (inside the site's open time) as spans of the axis."""
        return [(self.to_axis(start), self.to_axis(end)) for start, end in clock_spans]


def runs_of(axis_spans: list[Span]) -> list[Span]:
    """Axis spans joined where they touch: the stretches an operation may pause over."""
    return merge_spans(axis_spans)


def open_seconds_between(spans: list[Span], start_s: int, end_s: int) -> int:
    """Seconds of `spans` (sorted, disjoint) inside [start_s, end_s)."""
    return sum(max(0, min(end, end_s) - max(start, start_s)) for start, end in spans)
