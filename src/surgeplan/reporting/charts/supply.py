"""Charts of purchases by supplier and of the core production kept."""

from __future__ import annotations

from collections import defaultdict

from surgeplan.i18n import gettext
from surgeplan.planning.results.plan import Plan
from surgeplan.reporting.figures import Chart, color, label, layout, rounded
from surgeplan.reporting.names import Names
from surgeplan.reporting.periods import Periods, made_per_period, merged_note
from surgeplan.scenario import Scenario


def purchases_chart(scenario: Scenario, plan: Plan, names: Names) -> Chart:
    """Units ordered from each supplier to date, at the end of each period.

    Like deliveries, the orders of a period count from its last day: a line drawn
    from its first day would show a four-week period's orders weeks early.
    """
    periods = Periods.of(plan)
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
            "x": periods.ends(),
            "y": rounded(periods.cumulative(by_bucket)),
            "line": {"color": color(position), "shape": "hv", "width": 2},
        }
        for position, ((supplier, item), by_bucket) in enumerate(sorted(units.items()))
    ]
    return Chart(
        name="purchases",
        title=gettext("Purchases by supplier"),
        figure={
            "data": traces,
            "layout": layout(
                x_title=gettext("date"), y_title=gettext("units ordered to date")
            ),
        },
        caption=gettext(
            "Units ordered from each supplier by the end of each period; each "
            "order arrives after the supplier's lead time."
        ),
    )


CORE_BAR_SHARE = 0.98
"""Share of each period the core bars cover: a hairline between periods, no holes."""


def core_chart(scenario: Scenario, plan: Plan, names: Names) -> Chart:
    """Core (civilian) production made against its demand, item by item."""
    periods = Periods.of(plan)
    demand: dict[tuple[str, str], dict[int, float]] = defaultdict(
        lambda: defaultdict(float)
    )
    produced: dict[tuple[str, str], dict[int, float]] = defaultdict(
        lambda: defaultdict(float)
    )
    for record in plan.core:
        demand[(record.site, record.item)][record.bucket] += record.demand
        produced[(record.site, record.item)][record.bucket] += record.produced
    unit = periods.rate_unit
    keys = sorted(demand)
    traces: list[dict[str, object]] = []
    for position, key in enumerate(keys):
        name = label(f"{names.site(key[0])}: {names.item(key[1])}")
        traces.append(
            {
                "type": "bar",
                "name": gettext("{series}: made").format(series=name),
                "legendgroup": name,
                # Periods filled edge to edge: a rate held over four weeks read as
                # bars with holes between them when each kept a fifth of its width free.
                **periods.bar_placement(position, len(keys), filled=CORE_BAR_SHARE),
                "y": rounded(periods.rates(produced[key])),
                "customdata": periods.labels(),
                "hovertemplate": "%{customdata}<br>"
                + made_per_period(unit).format(value="%{y:,.1f}")
                + f"<extra>{name}</extra>",
                "marker": {"color": color(position), "opacity": 0.7},
            }
        )
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": gettext("{series}: demand").format(series=name),
                "legendgroup": name,
                "x": periods.edges(),
                "y": rounded(periods.step_rates(demand[key])),
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
        title=gettext("Core production kept against its demand"),
        figure={
            "data": traces,
            "layout": layout(
                x_title=periods.x_title,
                y_title=gettext("core units per week")
                if periods.is_merged
                else gettext("core units"),
            ),
        },
        caption=gettext(
            "Solid: core units made. Dotted: core demand. Solid below dotted is a "
            "shortfall."
        )
        + (merged_note() if periods.is_merged else ""),
    )
