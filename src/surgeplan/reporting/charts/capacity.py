"""Charts of the industrial base: utilisation, conversions and shifts, bottlenecks."""

from __future__ import annotations

import datetime as dt

from surgeplan.i18n import gettext
from surgeplan.planning.results.plan import Plan
from surgeplan.planning.results.records import BottleneckRecord
from surgeplan.reporting.charts.gates import gate_traces
from surgeplan.reporting.figures import Chart, color, hover_pair, label, layout, rounded
from surgeplan.reporting.names import Names
from surgeplan.reporting.periods import Periods
from surgeplan.reporting.tables import bottleneck_kind_name
from surgeplan.scenario import Scenario


def utilisation_heatmap(scenario: Scenario, plan: Plan, names: Names) -> Chart:
    """Share of each work center's available hours in use, period by period.

    Cells span their period's days (the x values are the cells' edges), so a merged
    period of four weeks is four weeks wide.
    """
    periods = Periods.of(plan)
    buckets = periods.buckets
    column = {bucket.index: position for position, bucket in enumerate(buckets)}
    rows = [
        (site.id, center.id)
        for site, center in scenario.work_centers()
        if any(
            record.site == site.id and record.work_center == center.id
            for record in plan.capacity
        )
    ]
    row_of = {key: position for position, key in enumerate(rows)}
    cells: list[list[float | None]] = [[None] * len(buckets) for _ in rows]
    for record in plan.capacity:
        row = row_of.get((record.site, record.work_center))
        if row is not None and record.bucket in column:
            cells[row][column[record.bucket]] = round(record.utilisation, 6)
    peak = max((cell for row in cells for cell in row if cell is not None), default=1)
    figure = {
        "data": [
            {
                "type": "heatmap",
                "x": periods.edges(),
                "y": [label(names.work_center(*key)) for key in rows],
                "z": cells,
                "customdata": [periods.labels() for _ in rows],
                "zmin": 0,
                "zmax": max(1.0, peak),
                "colorscale": [
                    [0.0, "#f7fbff"],
                    [0.5, "#6baed6"],
                    [0.85, "#08519c"],
                    [1.0, "#a50f15"],
                ],
                "colorbar": {"title": {"text": gettext("used")}, "tickformat": ".0%"},
                "hovertemplate": "%{y}<br>"
                + hover_pair("%{customdata}", "%{z:.0%}")
                + "<extra></extra>",
            }
        ],
        "layout": layout(
            x_title=periods.x_title,
            margin={"l": 260, "r": 20, "t": 20, "b": 50},
            yaxis={"autorange": "reversed", "automargin": True},
        ),
    }
    return Chart(
        name="utilisation",
        title=gettext("Utilisation by work center"),
        figure=figure,
        caption=gettext(
            "Program and core hours over the hours available (after OEE), overtime "
            "included."
        ),
        height_px=max(260, 60 + 28 * len(rows)),
    )


def change_timeline(scenario: Scenario, plan: Plan, names: Names) -> Chart:
    """When conversions run (start to ready), shift patterns change and gates pass."""
    starts = {bucket.index: bucket.start for bucket in plan.buckets}
    traces: list[dict[str, object]] = []
    rows: set[str] = set()
    # One colour and one legend entry per kind of conversion, however many work
    # centers it converts (two bars of 'composites' were two entries in two colours).
    kinds = list(dict.fromkeys(record.conversion for record in plan.conversions))
    for conversion in plan.conversions:
        row = label(names.work_center(conversion.site, conversion.work_center))
        rows.add(row)
        begin = starts.get(conversion.start_bucket, conversion.ready_date)
        position = kinds.index(conversion.conversion)
        is_first = not any(
            trace.get("legendgroup") == conversion.conversion for trace in traces
        )
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": label(
                    gettext("conversion {conversion}").format(
                        conversion=conversion.conversion
                    )
                ),
                "legendgroup": conversion.conversion,
                "showlegend": is_first,
                "x": [begin.isoformat(), conversion.ready_date.isoformat()],
                "y": [row, row],
                "line": {"color": color(position), "width": 10},
                "hovertemplate": "%{y}<br>%{x}<extra>"
                + label(conversion.conversion)
                + "</extra>",
            }
        )
    if plan.shift_changes:
        rows.update(
            label(names.work_center(change.site, change.work_center))
            for change in plan.shift_changes
        )
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": gettext("shift pattern changes"),
                "x": [
                    starts.get(change.bucket, dt.date.min).isoformat()
                    for change in plan.shift_changes
                ],
                "y": [
                    label(names.work_center(change.site, change.work_center))
                    for change in plan.shift_changes
                ],
                "text": [
                    label(f"{change.from_pattern} → {change.to_pattern}")
                    for change in plan.shift_changes
                ],
                "hovertemplate": "%{y}<br>"
                + hover_pair("%{x}", "%{text}")
                + "<extra></extra>",
                "marker": {"symbol": "triangle-up", "size": 12, "color": "#000000"},
            }
        )
    gates = gate_traces(scenario, names)
    traces.extend(gates)
    rows.update(str(trace["y"][0]) for trace in gates if isinstance(trace["y"], list))
    return Chart(
        name="timeline",
        title=gettext("Conversions, shift changes and gates"),
        figure={
            "data": traces,
            "layout": layout(
                x_title=gettext("date"),
                margin={"l": 260, "r": 20, "t": 20, "b": 50},
                yaxis={"automargin": True, "type": "category"},
            ),
        },
        caption=gettext(
            "Bars: a conversion from its start to the day the work center is ready. "
            "Triangles: the first period on a new shift pattern. Diamonds: the day a "
            "gate is planned to pass (dotted: its P10 to P90 in the simulation)."
        ),
        height_px=max(220, 80 + 40 * len(rows)),
    )


CHART_BOTTLENECKS = 8
"""Bars shown at most: the rest are in the table below the chart."""
VISIBLE_SHARE = 0.01
"""A bar under 1 % of the largest is a hairline: it is left to the table."""


def bottleneck_bar(record: BottleneckRecord, names: Names) -> str:
    """A bar's name: 'work center: assembly-line (Chassis plant)'."""
    text = gettext("{kind}: {resource}").format(
        kind=bottleneck_kind_name(record.kind), resource=record.resource
    )
    if record.site:
        text = gettext("{bar} ({site})").format(bar=text, site=names.site(record.site))
    return text


def bottleneck_chart(scenario: Scenario, plan: Plan, names: Names) -> Chart:
    """What an extra hour or unit of each limiting resource is worth.

    Only bars that can be seen are drawn (at least 1 % of the largest, at most 8);
    the caption says how many more the table lists.
    """
    largest = max((abs(record.shadow_price) for record in plan.bottlenecks), default=0)
    shown = [
        record
        for record in plan.bottlenecks
        if abs(record.shadow_price) >= VISIBLE_SHARE * largest
    ]
    shown = sorted(shown, key=lambda record: abs(record.shadow_price), reverse=True)
    ranked = shown[:CHART_BOTTLENECKS][::-1]
    left_out = len(plan.bottlenecks) - len(ranked)
    figure = {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "name": gettext("shadow price"),
                "x": rounded([record.shadow_price for record in ranked]),
                "y": [label(bottleneck_bar(record, names)) for record in ranked],
                "marker": {"color": color(1)},
                "customdata": [record.units_per_extra_hour for record in ranked],
                "hovertemplate": "%{y}<br>"
                + gettext(
                    "shadow price {price}<br>{units} units per extra hour"
                ).format(price="%{x:,.2f}", units="%{customdata:.3g}")
                + "<extra></extra>",
            }
        ],
        "layout": layout(
            x_title=gettext("shadow price ({currency} per extra hour or unit)").format(
                currency=plan.currency
            ),
            margin={"l": 300, "r": 20, "t": 20, "b": 50},
            yaxis={"automargin": True},
        ),
    }
    more = (
        " "
        + gettext(
            "{count} more, each under 1 % of the largest or beyond the first "
            "{shown}, are in the table."
        ).format(count=left_out, shown=CHART_BOTTLENECKS)
        if left_out
        else ""
    )
    return Chart(
        name="bottlenecks",
        title=gettext("Bottlenecks and their shadow prices"),
        figure=figure,
        caption=gettext(
            "How much the plan's cost would fall with one more hour (or unit) of "
            "each resource that limits it."
        )
        + more,
        height_px=max(220, 80 + 30 * len(ranked)),
    )
