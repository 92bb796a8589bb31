"""Plotly figures (plain JSON) from a run's result documents.

Each function takes the documents as the caller may see them and returns a figure
(`{"data": [...], "layout": {...}}`) or None when the document lacks what it needs:
a viewer's redacted plan has no `costs`, so it gets no cost chart, with no special
case here. The page ships the JSON in a `<script type="application/json">` and
static/app.js draws it: no inline script, so the CSP needs no 'unsafe-inline'.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from surgeplan.i18n import gettext
from surgeplan.web.summary import resource_words

Figure = dict[str, Any]
Chart = Callable[[dict[str, Any]], Figure | None]
log = logging.getLogger("surgeplan.web")
FONT = {"family": "system-ui, sans-serif", "size": 13}


def layout(title: str, x_title: str, y_title: str, **extra: Any) -> dict[str, Any]:
    """The layout every chart shares, with its titles and any extra settings."""
    return {
        "title": {"text": title},
        "font": FONT,
        "xaxis": {"title": {"text": x_title}},
        "yaxis": {"title": {"text": y_title}},
        "margin": {"l": 70, "r": 20, "t": 50, "b": 60},
        "legend": {"orientation": "h", "y": -0.2},
        **extra,
    }


def _bucket_dates(plan: dict[str, Any]) -> dict[int, str]:
    return {int(b["index"]): str(b["end"]) for b in plan.get("buckets", [])}


def cumulative_deliveries(plan: dict[str, Any]) -> Figure | None:
    """Cumulative units delivered per item and delivery point, with milestones."""
    deliveries = plan.get("deliveries") or []
    if not deliveries:
        return None
    dates = _bucket_dates(plan)
    units_by_flow: dict[tuple[str, str], dict[int, float]] = defaultdict(
        lambda: defaultdict(float)
    )
    for row in deliveries:
        flow = (str(row["item"]), str(row["delivery_point"]))
        units_by_flow[flow][int(row["bucket"])] += float(row["units"])
    data: list[dict[str, Any]] = []
    for (item, point), by_bucket in sorted(units_by_flow.items()):
        total, xs, ys = 0.0, [], []
        for bucket in sorted(dates):
            total += by_bucket.get(bucket, 0.0)
            xs.append(dates[bucket])
            ys.append(round(total, 1))
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": f"{item} → {point}",
                "x": xs,
                "y": ys,
            }
        )
    milestones = plan.get("milestones") or []
    data.append(
        {
            "type": "scatter",
            "mode": "markers",
            "name": gettext("milestones (due)"),
            "marker": {"symbol": "diamond", "size": 10, "color": "#b42318"},
            "x": [m["due_date"] for m in milestones],
            "y": [m["quantity"] for m in milestones],
            "text": [m["id"] for m in milestones],
        }
    )
    return {
        "data": data,
        "layout": layout(
            gettext("Cumulative deliveries against milestones"),
            gettext("week ending"),
            gettext("units"),
        ),
    }


def capacity_heatmap(plan: dict[str, Any]) -> Figure | None:
    """Utilisation of each work center in each week."""
    capacity = plan.get("capacity") or []
    if not capacity:
        return None
    dates = _bucket_dates(plan)
    rows = sorted({f"{c['site']}/{c['work_center']}" for c in capacity})
    buckets = sorted(dates)
    index = {name: i for i, name in enumerate(rows)}
    z: list[list[float | None]] = [[None] * len(buckets) for _ in rows]
    for cell in capacity:
        bucket = int(cell["bucket"])
        if bucket in dates:
            z[index[f"{cell['site']}/{cell['work_center']}"]][bucket] = round(
                100 * float(cell.get("utilisation") or 0.0)
            )
    return {
        "data": [
            {
                "type": "heatmap",
                "x": [dates[b] for b in buckets],
                "y": rows,
                "z": z,
                "zmin": 0,
                "zmax": 100,
                "colorscale": "YlOrRd",
                "reversescale": True,
                "colorbar": {"title": {"text": gettext("share used (%)")}},
            }
        ],
        "layout": layout(
            gettext("Capacity used: work center x week"),
            gettext("week ending"),
            "",
            height=max(320, 22 * len(rows) + 120),
            margin={"l": 220, "r": 20, "t": 50, "b": 60},
        ),
    }


def bottlenecks(plan: dict[str, Any]) -> Figure | None:
    """Weeks in which each resource limits the plan."""
    found = plan.get("bottlenecks") or []
    if not found:
        return None
    ranked = sorted(found, key=lambda b: int(b.get("binding_buckets", 0)))
    names = [
        resource_words(str(b.get("kind", "")), str(b.get("resource", "")))
        + (f" ({b['site']})" if b.get("site") else "")
        for b in ranked
    ]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "x": [b.get("binding_buckets", 0) for b in ranked],
                "y": names,
            }
        ],
        "layout": layout(
            gettext("Bottlenecks: weeks binding"),
            gettext("weeks"),
            "",
            height=max(300, 26 * len(names) + 120),
            margin={"l": 260, "r": 20, "t": 50, "b": 60},
        ),
    }


def conversions_timeline(plan: dict[str, Any]) -> Figure | None:
    """Each work center's conversion, from its start to the week it is ready."""
    conversions = plan.get("conversions") or []
    if not conversions:
        return None
    dates = _bucket_dates(plan)
    starts = {int(b["index"]): str(b["start"]) for b in plan.get("buckets", [])}
    ordered = sorted(conversions, key=lambda c: int(c["start_bucket"]), reverse=True)
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines+markers",
                "showlegend": False,
                "line": {"width": 8},
                "name": f"{c['site']}/{c['work_center']}",
                "x": [
                    starts.get(int(c["start_bucket"]), ""),
                    dates.get(int(c["ready_bucket"]), str(c.get("ready_date", ""))),
                ],
                "y": [f"{c['site']}/{c['work_center']} → {c['conversion']}"] * 2,
            }
            for c in ordered
        ],
        "layout": layout(
            gettext("Conversions: start to ready"),
            gettext("date"),
            "",
            height=max(260, 34 * len(ordered) + 120),
            margin={"l": 300, "r": 20, "t": 50, "b": 60},
        ),
    }


def _series(
    rows: list[dict[str, Any]], dates: dict[int, str], key: str, value: str
) -> list[dict[str, Any]]:
    sums: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for row in rows:
        sums[str(row[key])][int(row["bucket"])] += float(row.get(value) or 0.0)
    return [
        {
            "type": "scatter",
            "mode": "lines",
            "name": name,
            "x": [dates[b] for b in sorted(dates)],
            "y": [round(by_bucket.get(b, 0.0), 1) for b in sorted(dates)],
        }
        for name, by_bucket in sorted(sums.items())
    ]


def staff(plan: dict[str, Any]) -> Figure | None:
    """Headcount per skill (all sites) over the weeks."""
    labour = plan.get("labour") or []
    if not labour:
        return None
    return {
        "data": _series(labour, _bucket_dates(plan), "skill", "headcount"),
        "layout": layout(
            gettext("Staff: headcount per skill"),
            gettext("week ending"),
            gettext("people"),
        ),
    }


def core_production(plan: dict[str, Any]) -> Figure | None:
    """The core (civil) business's demand and what is still produced for it."""
    core = plan.get("core") or []
    if not core:
        return None
    dates = _bucket_dates(plan)
    data = [
        {**trace, "name": label.format(item=trace["name"])}
        for value, label in (
            ("demand", gettext("{item} demand")),
            ("produced", gettext("{item} produced")),
        )
        for trace in _series(core, dates, "item", value)
    ]
    return {
        "data": data,
        "layout": layout(
            gettext("Core production kept"), gettext("week ending"), gettext("units")
        ),
    }


def costs(plan: dict[str, Any]) -> Figure | None:
    """The plan's cost by kind (absent for viewers: the store removes the table)."""
    table = plan.get("costs") or []
    if not table:
        return None
    currency = str(plan.get("currency") or "EUR")
    return {
        "data": [
            {
                "type": "bar",
                "x": [c["kind"] for c in table],
                "y": [round(float(c.get("amount_eur") or 0.0)) for c in table],
            }
        ],
        "layout": layout(gettext("Costs by kind"), "", currency),
    }


def fan_chart(risk: dict[str, Any]) -> Figure | None:
    """Simulated cumulative deliveries: P10-P90 band, median and the plan."""
    fan = risk.get("fan") or []
    if not fan:
        return None
    by_flow: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in fan:
        by_flow[(str(row["item"]), str(row["delivery_point"]))].append(row)
    data: list[dict[str, Any]] = []
    for (item, point), rows in sorted(by_flow.items()):
        rows.sort(key=lambda r: int(r["bucket"]))
        xs = [r["date"] for r in rows]
        name = f"{item} → {point}"
        data += [
            {
                "type": "scatter",
                "mode": "lines",
                "x": xs,
                "y": [r["p90"] for r in rows],
                "line": {"width": 0},
                "showlegend": False,
                "name": f"{name} P90",
            },
            {
                "type": "scatter",
                "mode": "lines",
                "x": xs,
                "y": [r["p10"] for r in rows],
                "fill": "tonexty",
                "line": {"width": 0},
                "name": gettext("{flow} P10-P90").format(flow=name),
            },
            {
                "type": "scatter",
                "mode": "lines",
                "x": xs,
                "y": [r["p50"] for r in rows],
                "name": f"{name} P50",
            },
            {
                "type": "scatter",
                "mode": "lines",
                "x": xs,
                "y": [r["planned"] for r in rows],
                "line": {"dash": "dot"},
                "name": gettext("{flow} plan").format(flow=name),
            },
        ]
    return {
        "data": data,
        "layout": layout(
            gettext("Deliveries: fan chart"), gettext("date"), gettext("units")
        ),
    }


def milestone_odds(risk: dict[str, Any]) -> Figure | None:
    """Odds of each milestone being on time."""
    milestones = risk.get("milestones") or []
    if not milestones:
        return None
    return {
        "data": [
            {
                "type": "bar",
                "x": [m["id"] for m in milestones],
                "y": [round(100 * float(m["probability_on_time"])) for m in milestones],
            }
        ],
        "layout": layout(
            gettext("Odds per milestone"),
            "",
            gettext("on time (%)"),
            yaxis={"range": [0, 100], "title": {"text": gettext("on time (%)")}},
        ),
    }


def delay_drivers(risk: dict[str, Any]) -> Figure | None:
    """What drives the delays: P90 days the key milestones gain without each risk."""
    contributions = risk.get("contributions") or []
    if not contributions:
        return None
    ranked = sorted(
        contributions,
        key=lambda c: float(c.get("key_milestones", {}).get("p90_days_gained") or 0),
    )
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "x": [
                    round(float(c["key_milestones"].get("p90_days_gained") or 0), 1)
                    for c in ranked
                ],
                "y": [c["risk"] for c in ranked],
            }
        ],
        "layout": layout(
            gettext("What drives the delays: P90 days gained without the risk"),
            gettext("days"),
            "",
            height=max(300, 26 * len(ranked) + 120),
            margin={"l": 220, "r": 20, "t": 50, "b": 60},
        ),
    }


PLAN_CHARTS: tuple[Chart, ...] = (
    cumulative_deliveries,
    capacity_heatmap,
    bottlenecks,
    conversions_timeline,
    staff,
    core_production,
    costs,
)
RISK_CHARTS: tuple[Chart, ...] = (fan_chart, milestone_odds, delay_drivers)


def drawn(chart: Chart, document: dict[str, Any]) -> Figure | None:
    """The chart, or None for a document not shaped as its format says.

    A malformed stored result must cost the page one chart, not the page.
    """
    try:
        return chart(document)
    except (KeyError, TypeError, ValueError, IndexError):
        log.warning("chart %s skipped: the result is not shaped as expected", chart)
        return None


def figures(documents: dict[str, Any]) -> list[tuple[str, Figure]]:
    """Every chart the run's documents allow, with a stable id for each."""
    shown: list[tuple[str, Figure]] = []
    for name, charts in (("plan.json", PLAN_CHARTS), ("risk.json", RISK_CHARTS)):
        document = documents.get(name)
        if isinstance(document, dict):
            shown += [
                (chart.__name__, figure)
                for chart in charts
                if (figure := drawn(chart, document))
            ]
    return shown
