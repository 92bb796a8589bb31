"""A static delivery chart in SVG for the printed brief (no script runs in a PDF)."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from itertools import accumulate

from babel.dates import format_date
from markupsafe import Markup, escape

from surgeplan.i18n import current_language, gettext
from surgeplan.planning.results.plan import Plan
from surgeplan.reporting.figures import FONT, color
from surgeplan.reporting.formatting import number
from surgeplan.reporting.names import Names

WIDTH, PLOT_HEIGHT = 680, 170
LEFT, RIGHT, TOP, AXIS = 56, 12, 10, 22
LEGEND_ROW = 13


def _nice_step(top: float, ticks: int = 4) -> float:
    raw = max(top, 1.0) / ticks
    power = 10 ** math.floor(math.log10(raw))
    return float(next(s * power for s in (1, 2, 2.5, 5, 10) if s * power >= raw))


def _month_starts(first: dt.date, last: dt.date, every: int) -> list[dt.date]:
    days: list[dt.date] = []
    year, month = first.year, first.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        day = dt.date(year, month, 1)
        if day > last:
            return days
        if (month - 1) % every == 0:
            days.append(day)


def _month(day: dt.date) -> str:
    """'Jul 2027' (French 'juil. 2027')."""
    return str(format_date(day, format="MMM y", locale=current_language().value))


def delivery_svg(plan: Plan, names: Names) -> Markup:
    """Cumulative deliveries (lines) against the milestones (diamonds), as SVG."""
    buckets = sorted(plan.buckets, key=lambda bucket: bucket.index)
    first, last = buckets[0].start, buckets[-1].end
    span = max(1, (last - first).days)
    by_place: dict[tuple[str, str], dict[int, float]] = defaultdict(
        lambda: defaultdict(float)
    )
    for delivery in plan.deliveries:
        by_place[(delivery.item, delivery.delivery_point)][delivery.bucket] += (
            delivery.units
        )
    series = {
        key: list(accumulate(values.get(b.index, 0.0) for b in buckets))
        for key, values in sorted(by_place.items())
    }
    top = max(
        [value for values in series.values() for value in values]
        + [record.quantity for record in plan.milestones]
        + [1.0]
    )
    height = TOP + PLOT_HEIGHT + AXIS + LEGEND_ROW * len(series)
    step = _nice_step(top)
    y_max = step * math.ceil(top / step)

    def x(day: dt.date) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (day - first).days / span

    def y(value: float) -> float:
        return TOP + PLOT_HEIGHT * (1 - value / y_max)

    title = gettext("Cumulative deliveries against the milestones")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" font-family="{FONT}" font-size="10" role="img" '
        f'aria-label="{escape(title)}">'
    ]
    tick = 0.0
    while tick <= y_max + 1e-9:
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" '
            f'y2="{y(tick):.1f}" stroke="#e3e7eb"/>'
            f'<text x="{LEFT - 6}" y="{y(tick) + 3:.1f}" text-anchor="end">'
            f"{number(tick)}</text>"
        )
        tick += step
    every = 1 if span < 200 else 3 if span < 800 else 6
    for month in _month_starts(first, last, every):
        parts.append(
            f'<text x="{x(month):.1f}" y="{TOP + PLOT_HEIGHT + 14}" '
            f'text-anchor="middle">{_month(month)}</text>'
        )
    legend_y = TOP + PLOT_HEIGHT + AXIS + LEGEND_ROW - 3
    for position, (key, values) in enumerate(series.items()):
        points = [f"{x(first):.1f},{y(0):.1f}"]
        for bucket, value in zip(buckets, values, strict=True):
            previous = points[-1].split(",")[1]
            points.append(f"{x(bucket.end):.1f},{previous}")
            points.append(f"{x(bucket.end):.1f},{y(value):.1f}")
        tint = color(position)
        parts.append(
            f'<polyline fill="none" stroke="{tint}" stroke-width="2.2" '
            f'points="{" ".join(points)}"/>'
        )
        for record in plan.milestones:
            if (record.item, record.delivery_point) != key:
                continue
            cx, cy = x(record.due_date), y(record.quantity)
            parts.append(
                f'<polygon fill="{tint}" stroke="#000" stroke-width="0.6" points="'
                f"{cx:.1f},{cy - 5:.1f} {cx + 5:.1f},{cy:.1f} {cx:.1f},{cy + 5:.1f} "
                f'{cx - 5:.1f},{cy:.1f}"/>'
            )
        legend_x = LEFT
        row_y = legend_y + LEGEND_ROW * position
        parts.append(
            f'<rect x="{legend_x}" y="{row_y - 7}" width="12" height="4" '
            f'fill="{tint}"/><text x="{legend_x + 16}" y="{row_y}">'
            f"{escape(names.item(key[0]))} → {escape(names.place(key[1]))}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
