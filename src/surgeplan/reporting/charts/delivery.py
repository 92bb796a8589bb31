"""Charts of what reaches the customer: cumulative deliveries and output by site."""

from __future__ import annotations

from collections import defaultdict
from itertools import accumulate

from surgeplan.i18n import gettext
from surgeplan.planning.results.plan import Plan
from surgeplan.planning.results.records import MilestoneRecord
from surgeplan.reporting.figures import Chart, color, label, layout, rounded
from surgeplan.reporting.names import Names
from surgeplan.reporting.periods import Periods, merged_note
from surgeplan.scenario import ItemKind, Scenario


def cumulative_deliveries(scenario: Scenario, plan: Plan, names: Names) -> Chart:
    """Units delivered to date at each delivery point, against the milestones.

    Each line is one item (or a family milestone's items together) at one delivery
    point, cumulated by the end of each bucket; diamonds are the milestones (quantity
    due by the due date).
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
    highest = max((record.quantity for record in plan.milestones), default=0.0)
    lines = _lines(scenario, plan, names, units)
    for position, (name, by_bucket, milestones) in enumerate(lines):
        series = list(
            accumulate(by_bucket.get(bucket.index, 0.0) for bucket in buckets)
        )
        highest = max([highest, *series])
        name = label(name)
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
        if milestones:
            traces.append(
                {
                    "type": "scatter",
                    "mode": "markers",
                    "name": gettext("{series}: milestones").format(series=name),
                    "x": [record.due_date.isoformat() for record in milestones],
                    "y": [record.quantity for record in milestones],
                    "text": [label(record.id) for record in milestones],
                    "hovertemplate": gettext("{milestone}: {units} by {date}").format(
                        milestone="%{text}", units="%{y:,}", date="%{x}"
                    )
                    + "<extra></extra>",
                    "cliponaxis": False,
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
        title=gettext("Cumulative deliveries against the milestones"),
        figure={
            "data": traces,
            "layout": layout(
                x_title=gettext("date"),
                y_title=gettext("units delivered to date"),
                annotations=milestone_labels(plan),
                # Headroom for the labels of the highest milestones.
                yaxis={
                    "title": {"text": gettext("units delivered to date")},
                    "range": [0, 1.3 * highest if highest > 0 else 1],
                },
                margin={"l": 70, "r": 30, "t": 30, "b": 50},
            ),
        },
        caption=gettext(
            "Lines: units delivered by the end of each period. Diamonds: the "
            "quantity each milestone asks for by its due date."
        ),
    )


LABEL_RISES_PX = (-26, -46)
"""Heights of milestone labels over their diamond, in turn, so near ones do not meet."""


def milestone_labels(plan: Plan) -> list[dict[str, object]]:
    """Each milestone's id on a white ground above its diamond, with a short arrow.

    Text drawn by the marker trace was clipped at the plot's edges and crossed by the
    delivery lines; labels in date order rise in turn so that neighbours stand apart.
    """
    ordered = sorted(plan.milestones, key=lambda record: (record.due_date, record.id))
    return [
        {
            "x": record.due_date.isoformat(),
            "y": record.quantity,
            "text": label(record.id),
            "showarrow": True,
            "arrowhead": 0,
            "arrowwidth": 1,
            "arrowcolor": "#888888",
            "ax": 0,
            "ay": LABEL_RISES_PX[number % len(LABEL_RISES_PX)],
            "bgcolor": "rgba(255,255,255,0.9)",
            "borderpad": 2,
            "font": {"size": 11},
        }
        for number, record in enumerate(ordered)
    ]


def _lines(
    scenario: Scenario,
    plan: Plan,
    names: Names,
    units: dict[tuple[str, str], dict[int, float]],
) -> list[tuple[str, dict[int, float], list[MilestoneRecord]]]:
    """One line per item and delivery point, and one per family of items.

    A family milestone's diamonds sit on its family's line (the sum of its items'
    deliveries there), not on the line of its first item.
    """
    families: dict[tuple[tuple[str, ...], str], list[str]] = defaultdict(list)
    for milestone in scenario.demand.milestones:
        if milestone.family_items:
            key = (tuple(milestone.items_counted), milestone.delivery_point)
            families[key].append(milestone.id)
    in_family = {id_ for ids in families.values() for id_ in ids}
    lines = [
        (
            f"{names.item(item)} → {names.place(point)}",
            by_bucket,
            [
                record
                for record in plan.milestones
                if (record.item, record.delivery_point) == (item, point)
                and record.id not in in_family
            ],
        )
        for (item, point), by_bucket in sorted(units.items())
    ]
    for (items, point), ids in sorted(families.items()):
        total: dict[int, float] = defaultdict(float)
        for item in items:
            for bucket, amount in units.get((item, point), {}).items():
                total[bucket] += amount
        name = " + ".join(names.item(item) for item in items)
        lines.append(
            (
                f"{name} → {names.place(point)}",
                total,
                [record for record in plan.milestones if record.id in ids],
            )
        )
    return lines


def output_by_site(scenario: Scenario, plan: Plan, names: Names) -> Chart:
    """Units finished in each period at each site: the last operation of each item.

    A plan with merged periods shows its output per week, so that output does not
    seem to jump where periods grow longer.
    """
    last_operation = {
        item.id: item.routing[-1].id
        for item in scenario.items
        if item.routing and item.kind is not ItemKind.CORE
    }
    periods = Periods.of(plan)
    units: dict[tuple[str, str], dict[int, float]] = defaultdict(
        lambda: defaultdict(float)
    )
    for record in plan.production:
        if last_operation.get(record.item) == record.operation:
            units[(record.site, record.item)][record.bucket] += record.units
    site_order = {site.id: position for position, site in enumerate(scenario.sites)}
    unit = periods.rate_unit
    traces = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": label(f"{names.site(site)}: {names.item(item)}"),
            "x": periods.edges(),
            "y": rounded(periods.step_rates(by_bucket)),
            "line": {"color": color(position), "shape": "hv", "width": 2},
        }
        for position, ((site, item), by_bucket) in enumerate(
            sorted(
                units.items(),
                key=lambda entry: (site_order.get(entry[0][0], 0), entry[0]),
            )
        )
    ]
    if periods.is_merged:
        title = gettext("Output by site, per week")
        y_title = gettext("units finished per week")
    else:
        title = {
            "day": gettext("Output by site, each day"),
            "week": gettext("Output by site, each week"),
            "month": gettext("Output by site, each month"),
        }.get(unit, f"Output by site, each {unit}")
        y_title = gettext("units finished")
    return Chart(
        name="output",
        title=title,
        figure={
            "data": traces,
            # The legend lower than the others': its first line met the axis title.
            "layout": layout(
                x_title=periods.x_title,
                y_title=y_title,
                legend={"orientation": "h", "y": -0.3},
            ),
        },
        caption=gettext("Units of each item through its last operation, by site.")
        + (merged_note() if periods.is_merged else ""),
    )
