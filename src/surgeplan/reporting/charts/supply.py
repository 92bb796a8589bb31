"""Charts of purchases by supplier and of the core production kept."""

from __future__ import annotations

from collections import defaultdict

from surgeplan.planning.plan import Plan
from surgeplan.reporting.figures import Chart, color, label, layout, rounded
from surgeplan.reporting.names import Names
from surgeplan.scenario import Scenario


def purchases_chart(scenario: Scenario, plan: Plan, names: Names) -> Chart:
    """Units ordered from each supplier, by the period the order is placed."""
    buckets = sorted(plan.buckets, key=lambda bucket: bucket.index)
    units: dict[tuple[str, str], dict[int, float]] = defaultdict(
        lambda: defaultdict(float)
    )
    for record in plan.purchases:
        units[(record.supplier, record.item)][record.bucket] += record.units
    traces = [
        {
            "type": "bar",
            "name": label(f"{names.supplier(supplier)} ({names.item(item)})"),
            "x": [bucket.start.isoformat() for bucket in buckets],
            "y": rounded([by_bucket.get(bucket.index, 0.0) for bucket in buckets]),
            "marker": {"color": color(position)},
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
                y_title="units ordered",
                barmode="group",
            ),
        },
        caption="Units ordered from each supplier; they arrive after its lead time.",
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
                "y": rounded([produced[key].get(bucket.index, 0.0) for bucket in buckets]),
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
                "y": rounded([demand[key].get(bucket.index, 0.0) for bucket in buckets]),
                "line": {"color": "#000000", "dash": "dash", "shape": "hv"},
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
                barmode="group",
            ),
        },
        caption="Bars: core units made. Dashed line: core demand. A bar below its "
        "line is a shortfall.",
    )
