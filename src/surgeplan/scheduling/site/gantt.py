"""`gantt.html`: the schedule as a Gantt chart by station, working offline.

Plotly's script is written into the page, so it opens without a network. Shift
windows are shaded per work center; hovering a bar shows batch, item and times.
The figure is built as plain data and written without Plotly's validation, which
took a second of a site-week's command for its thousands of bars.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import plotly.io as pio

from surgeplan.scheduling.site.result import Schedule

PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)
ROW_HEIGHT_PX = 18


def gantt_figure(schedule: Schedule) -> dict[str, Any]:
    """One row per station, one bar per operation, coloured by item (Plotly data)."""
    stations = [s for wc in schedule.work_centers for s in wc.stations]
    row = {station: index for index, station in enumerate(stations)}
    items = sorted({op.item for op in schedule.operations})
    data: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        ops = [op for op in schedule.operations if op.item == item]
        data.append(
            {
                "type": "bar",
                "name": item,
                "orientation": "h",
                "y": [op.station for op in ops],
                "base": [op.start.isoformat() for op in ops],
                "x": [(op.end - op.start).total_seconds() * 1000 for op in ops],
                "marker": {"color": PALETTE[index % len(PALETTE)]},
                "customdata": [
                    [
                        op.batch,
                        op.operation,
                        op.units,
                        f"{op.start:%a %d %b %H:%M}",
                        f"{op.end:%a %d %b %H:%M}",
                        op.processing_hours,
                    ]
                    for op in ops
                ],
                "hovertemplate": (
                    "<b>%{customdata[0]}</b><br>" + item + " · %{customdata[1]}"
                    "<br>%{customdata[2]} units<br>%{customdata[3]} → %{customdata[4]}"
                    "<br>%{customdata[5]:.2f} working h<extra>%{y}</extra>"
                ),
            }
        )
    layout = {
        "shapes": shift_window_shapes(schedule, row),
        "title": {
            "text": (
                f"{schedule.site}: weeks {schedule.start_week}-"
                f"{schedule.start_week + schedule.weeks - 1} "
                f"({schedule.solver.status.value}, "
                f"{len(schedule.late_batches)} late batches) — shaded: shift windows"
            )
        },
        "barmode": "overlay",
        "xaxis": {"type": "date", "title": {"text": "time"}},
        "yaxis": {
            "categoryorder": "array",
            "categoryarray": list(reversed(stations)),
            "title": {"text": "station"},
        },
        "height": max(400, 120 + ROW_HEIGHT_PX * len(stations)),
        "legend": {"title": {"text": "item"}},
        "template": pio.templates["plotly_white"].to_plotly_json(),
    }
    return {"data": data, "layout": layout}


def shift_window_shapes(
    schedule: Schedule, row: dict[str, int]
) -> list[dict[str, object]]:
    """A shaded rectangle per shift window, over the rows of its work center."""
    shapes: list[dict[str, object]] = []
    for wc in schedule.work_centers:
        rows = [row[s] for s in wc.stations]
        if not rows:
            continue
        shapes.extend(
            {
                "type": "rect",
                "xref": "x",
                "yref": "y",
                "x0": window.start.isoformat(),
                "x1": window.end.isoformat(),
                "y0": min(rows) - 0.5,
                "y1": max(rows) + 0.5,
                "fillcolor": "rgba(120, 180, 120, 0.15)",
                "line": {"width": 0},
                "layer": "below",
            }
            for window in wc.windows
        )
    return shapes


def write_gantt(schedule: Schedule, path: str | Path) -> Path:
    """Write the chart as a self-contained HTML page."""
    target = Path(path)
    pio.write_html(
        gantt_figure(schedule),
        target,
        include_plotlyjs=True,
        full_html=True,
        validate=False,
    )
    return target
