"""Charts of what reaches the customer: cumulative deliveries and output by site."""

from __future__ import annotations

from collections import defaultdict
from itertools import accumulate

from surgeplan.planning.plan import Plan
from surgeplan.reporting.figures import Chart, color, label, layout, rounded
from surgeplan.reporting.names import Names
from surgeplan.scenario import ItemKind, Scenario


def cumulative_deliveries(scenario: Scenario, plan: Plan, names: Names) -> Chart:
    """Units delivered to date at each delivery point, against the milestones.

    Each line is one item at one delivery point, cumulated by the end of each bucket;
    diamonds are the milestones (quantity due by the due date).
    """
    buckets = sorted(plan.buckets, key=lambda bucket: bucket.index)
    units: dict[tuple[str, str], dict[int, float]] = defaultdict(
        lambda: defaultdict(float)
    )
    for delivery in plan.deliveries:
        units[(delivery.item, delivery.delivery_point)][delivery.bucket] += (
            delivery.units
        )
    for milestone in plan.milestones:
        units.setdefault((milestone.item, milestone.delivery_point), defaultdict(float))
    traces: list[dict[str, object]] = []
    for position, ((item, point), by_bucket) in enumerate(sorted(units.items())):
        series = list(
            accumulate(by_bucket.get(bucket.index, 0.0) for bucket in buckets)
        )
        name = label(f"{names.item(item)} → {names.place(point)}")
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": name,
                "x": [bucket.end.isoformat() for bucket in buckets],
                "y": rounded(series),
                "line": {"color": color(position), "width": 3, "shape": "hv"},
                "legendgroup": name,
            }
        )
        milestones = [
            record
            for record in plan.milestones
            if (record.item, record.delivery_point) == (item, point)
        ]
        if milestones:
            traces.append(
                {
                    "type": "scatter",
                    "mode": "markers+text",
                    "name": f"{name}: milestones",
                    "x": [record.due_date.isoformat() for record in milestones],
                    "y": [record.quantity for record in milestones],
                    "text": [label(record.id) for record in milestones],
                    "textposition": "top left",
                    "marker": {
                        "symbol": "diamond",
                        "size": 12,
                        "color": color(position),
                        "line": {"color": "#000000", "width": 1},
                    },
                    "legendgroup": name,
                }
            )
    return Chart(
        name="deliveries",
        title="Cumulative deliveries against the milestones",
        figure={
            "data": traces,
            "layout": layout(x_title="date", y_title="units delivered to date"),
        },
        caption="Lines: units delivered by the end of each period. Diamonds: the "
        "quantity each milestone asks for by its due date.",
    )


def output_by_site(scenario: Scenario, plan: Plan, names: Names) -> Chart:
    """Units finished in each period at each site: the last operation of each item."""
    last_operation = {
        item.id: item.routing[-1].id
        for item in scenario.items
        if item.routing and item.kind is not ItemKind.CORE
    }
    buckets = sorted(plan.buckets, key=lambda bucket: bucket.index)
    units: dict[tuple[str, str], dict[int, float]] = defaultdict(
        lambda: defaultdict(float)
    )
    for record in plan.production:
        if last_operation.get(record.item) == record.operation:
            units[(record.site, record.item)][record.bucket] += record.units
    site_order = {site.id: position for position, site in enumerate(scenario.sites)}
    traces = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": label(f"{names.site(site)}: {names.item(item)}"),
            "x": [bucket.start.isoformat() for bucket in buckets],
            "y": rounded([by_bucket.get(bucket.index, 0.0) for bucket in buckets]),
            "line": {"color": color(position), "shape": "hv", "width": 2},
        }
        for position, ((site, item), by_bucket) in enumerate(
            sorted(
                units.items(),
                key=lambda entry: (site_order.get(entry[0][0], 0), entry[0]),
            )
        )
    ]
    unit = plan.time_bucket
    return Chart(
        name="output",
        title=f"Output by site, each {unit}",
        figure={
            "data": traces,
            "layout": layout(x_title=f"{unit} starting", y_title="units finished"),
        },
        caption="Units of each item through its last operation, by site.",
    )
