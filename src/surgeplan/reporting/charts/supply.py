"""Charts of purchases by supplier and of the core production kept."""

from __future__ import annotations

from collections import defaultdict
from itertools import accumulate

from surgeplan.planning.plan import Plan
from surgeplan.reporting.figures import Chart, color, label, layout, rounded
from surgeplan.reporting.names import Names
from surgeplan.scenario import Scenario


def purchases_chart(scenario: Scenario, plan: Plan, names: Names) -> Chart:
    """Units ordered from each supplier to date, by the period the order is placed."""
    buckets = sorted(plan.buckets, key=lambda bucket: bucket.index)
    units: dict[tuple[str, str], dict[int, float]] = defaultdict(
        lambda: defaultdict(float)
    )
    for record in plan.purchases:
        units[(record.supplier, record.item)][record.bucket] += record.units
    traces = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": label(f"{names.supplier(supplier)} ({names.item(item)})"),
            "x": [bucket.start.isoformat() for bucket in buckets],
            "y": rounded(
                list(accumulate(by_bucket.get(bucket.index, 0.0) for bucket in buckets))
            ),
            "line": {"color": color(position), "shape": "hv", "width": 2},
        }
        for position, ((supplier, item), by_bucket) in enumerate(sorted(units.items()))
    ]
    return Chart(
        name="purchases",
        title="Purchases by supplier",
        figure={
            "data": traces,
            "layout": layout(
                x_title=f"{plan.time_bucket} the order is placed",
                y_title="units ordered to date",
            ),
        },
        caption="Units ordered from each supplier to date; each order arrives after "
        "the supplier's lead time.",
    )


def core_chart(scenario: Scenario, plan: Plan, names: Names) -> Chart:
    """Core (civilian) production made against its demand, item by item."""
    buckets = sorted(plan.buckets, key=lambda bucket: bucket.index)
    x = [bucket.start.isoformat() for bucket in buckets]
    demand: dict[tuple[str, str], dict[int, float]] = defaultdict(
        lambda: defaultdict(float)
    )
    produced: dict[tuple[str, str], dict[int, float]] = defaultdict(
        lambda: defaultdict(float)
    )
    for record in plan.core:
        demand[(record.site, record.item)][record.bucket] += record.demand
        produced[(record.site, record.item)][record.bucket] += record.produced
    traces: list[dict[str, object]] = []
    for position, key in enumerate(sorted(demand)):
        name = label(f"{names.site(key[0])}: {names.item(key[1])}")
        traces.append(
            {
                "type": "bar",
                "name": f"{name}: made",
                "legendgroup": name,
                "x": x,
                "y": rounded(
                    [produced[key].get(bucket.index, 0.0) for bucket in buckets]
                ),
                "marker": {"color": color(position), "opacity": 0.7},
            }
        )
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": f"{name}: demand",
                "legendgroup": name,
                "x": x,
                "y": rounded(
                    [demand[key].get(bucket.index, 0.0) for bucket in buckets]
                ),
                "line": {
                    "color": "#000000",
                    "dash": "dot",
                    "shape": "hv",
                    "width": 1.5,
                },
            }
        )
    return Chart(
        name="core",
        title="Core production kept against its demand",
        figure={
            "data": traces,
            "layout": layout(
                x_title=f"{plan.time_bucket} starting",
                y_title="core units",
            ),
        },
        caption="Solid: core units made. Dotted: core demand. Solid below dotted is "
        "a shortfall.",
    )
