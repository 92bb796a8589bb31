"""The plan-against-actual part of the report, from a status.json in the run folder.

Reporting only reads results: `execution_view` reads the status `surgeplan status`
wrote beside the plan, and only when it was made from this plan; the section is left
out otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from surgeplan.execution.status_records import (
    STATUS_FILE,
    Parameter,
    Status,
    StatusFileError,
    load_status,
)
from surgeplan.i18n import gettext
from surgeplan.planning.results.plan import Plan, plan_hash
from surgeplan.reporting.formatting import number

CURVE_WIDTH = 640
CURVE_HEIGHT = 220
MARGIN = 36


@dataclass(frozen=True)
class HeatCell:
    """One week of one item: its variance as a share of the plan, and a colour."""

    week: int
    planned: float
    actual: float
    colour: str


@dataclass(frozen=True)
class HeatRow:
    """An item at a site, week by week."""

    label: str
    cells: list[HeatCell]


@dataclass(frozen=True)
class ExecutionView:
    """What the report shows of a status."""

    status: Status
    curves: Markup
    heat_rows: list[HeatRow]


def parameter_name(parameter: Parameter) -> str:
    """What a re-estimated assumption is, in words."""
    return {
        Parameter.LEARNING_RATE: gettext("learning rate"),
        Parameter.OEE_FACTOR: gettext("oee factor"),
        Parameter.VOLUNTEER_SHARE: gettext("volunteer share"),
        Parameter.SUPPLIER_RAMP: gettext("supplier ramp"),
    }[parameter]


def _colour(planned: float, actual: float) -> str:
    """Red when behind, green when ahead, by the share of the plan (capped at 50 %)."""
    if planned < 1e-6 and actual < 1e-6:
        return "#f4f4f4"
    share = (actual - planned) / max(planned, 1.0)
    strength = min(abs(share) / 0.5, 1.0)
    light = round(235 - 120 * strength)
    return f"rgb(235,{light},{light})" if share < 0 else f"rgb({light},235,{light})"


def _polyline(values: list[float], top: float, colour: str, dashed: bool) -> str:
    step = (CURVE_WIDTH - 2 * MARGIN) / max(len(values) - 1, 1)
    points = " ".join(
        f"{MARGIN + index * step:.1f},"
        f"{CURVE_HEIGHT - MARGIN - value / top * (CURVE_HEIGHT - 2 * MARGIN):.1f}"
        for index, value in enumerate(values)
    )
    dash = ' stroke-dasharray="6 4"' if dashed else ""
    return (
        f'<polyline fill="none" stroke="{colour}" stroke-width="2"{dash} '
        f'points="{points}"/>'
    )


def cumulative_curves(status: Status) -> Markup:
    """Planned and actual cumulative program deliveries, as an inline SVG."""
    planned = [row.planned_cumulative for row in status.weeks]
    actual = [row.actual_cumulative for row in status.weeks]
    top = max([*planned, *actual, 1.0])
    bottom = CURVE_HEIGHT - MARGIN
    last_x = CURVE_WIDTH - MARGIN
    title = escape(gettext("Cumulative deliveries, planned and actual"))
    units = escape(gettext("{count} units").format(count=number(top)))
    first = escape(gettext("week {number}").format(number=1))
    last = escape(gettext("week {number}").format(number=status.through_week))
    return Markup(
        f'<svg class="curves" viewBox="0 0 {CURVE_WIDTH} {CURVE_HEIGHT}" '
        f'role="img" aria-label="{title}">'
        f'<line x1="{MARGIN}" y1="{bottom}" x2="{last_x}" y2="{bottom}" '
        'stroke="#999"/>'
        f'<text x="{MARGIN}" y="{MARGIN - 10}" font-size="11">{units}</text>'
        f'<text x="{MARGIN}" y="{CURVE_HEIGHT - 10}" font-size="11">{first}</text>'
        f'<text x="{last_x - 50}" y="{CURVE_HEIGHT - 10}" font-size="11">'
        f"{last}</text>"
        + _polyline(planned, top, "#4a6fa5", dashed=True)
        + _polyline(actual, top, "#c0392b", dashed=False)
        + f'<text x="{last_x - 130}" y="{MARGIN}" font-size="11" fill="#4a6fa5">'
        f"{escape(gettext('planned (dashed)'))}</text>"
        f'<text x="{last_x - 130}" y="{MARGIN + 14}" font-size="11" '
        f'fill="#c0392b">{escape(gettext("actual"))}</text></svg>'
    )


def heat_rows(status: Status) -> list[HeatRow]:
    """Finished units by item and site and week, coloured by variance."""
    cells: dict[str, list[HeatCell]] = defaultdict(list)
    for row in status.item_weeks:
        label = f"{row.item} @ {row.site}"
        cells[label].append(
            HeatCell(
                row.week, row.planned, row.actual, _colour(row.planned, row.actual)
            )
        )
    return [HeatRow(str(escape(label)), found) for label, found in cells.items()]


def execution_view(folder: Path, plan: Plan) -> ExecutionView | None:
    """The status in a run folder made from this plan, or None (section left out)."""
    path = folder / STATUS_FILE
    if not path.exists():
        return None
    try:
        status = load_status(path)
    except StatusFileError:
        return None
    if status.plan_hash != plan_hash(plan):
        return None
    return ExecutionView(status, cumulative_curves(status), heat_rows(status))
