"""Plotly figures of a status (surgeplan-status/1): plan against actual, the forecast.

The same data the report's plan-against-actual section draws
(`reporting/execution_view.py`: the cumulative curves from `weeks`, the variance
heatmap from `item_weeks`), read from status.json as the caller may see it, plus
the forecast's odds before and after the actuals updated it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from surgeplan.i18n import gettext
from surgeplan.web.charts import Chart, Figure, drawn, layout


def _week_start(status: dict[str, Any], week: int) -> str:
    start = dt.date.fromisoformat(str(status["start_date"]))
    return (start + dt.timedelta(weeks=week - 1)).isoformat()


def plan_vs_actual(status: dict[str, Any]) -> Figure | None:
    """Cumulative program units delivered, planned and actual, to the status week."""
    weeks = status.get("weeks") or []
    if not weeks:
        return None
    xs = [_week_start(status, int(row["week"])) for row in weeks]
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines",
                "name": gettext("planned"),
                "line": {"dash": "dash", "color": "#4a6fa5"},
                "x": xs,
                "y": [round(float(row["planned_cumulative"]), 1) for row in weeks],
            },
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": gettext("actual"),
                "line": {"color": "#b42318"},
                "x": xs,
                "y": [round(float(row["actual_cumulative"]), 1) for row in weeks],
            },
        ],
        "layout": layout(
            gettext("Plan against actual to week {week}").format(
                week=status.get("through_week", "")
            ),
            gettext("week starting"),
            gettext("units delivered (cumulative)"),
        ),
    }


def forecast_odds(status: dict[str, Any]) -> Figure | None:
    """Odds of each milestone on time, before and after the actuals updated them."""
    forecast = status.get("forecast") or []
    if not forecast:
        return None
    names = [str(row["milestone"]) for row in forecast]
    data = [
        {
            "type": "bar",
            "name": label,
            "x": names,
            "y": [
                round(100 * float(row[when]["probability_on_time"])) for row in forecast
            ],
        }
        for when, label in (
            ("before", gettext("before the update")),
            ("after", gettext("after the update")),
        )
    ]
    return {
        "data": data,
        "layout": layout(
            gettext("Odds on time per milestone, before and after the actuals"),
            "",
            gettext("on time (%)"),
            barmode="group",
            yaxis={"range": [0, 100], "title": {"text": gettext("on time (%)")}},
        ),
    }


def variance_heatmap(status: dict[str, Any]) -> Figure | None:
    """Actual minus planned finished units per item and site, week by week."""
    rows = status.get("item_weeks") or []
    if not rows:
        return None
    by_label: dict[str, dict[int, float]] = defaultdict(dict)
    for row in rows:
        label = f"{row['item']} @ {row['site']}"
        by_label[label][int(row["week"])] = float(row["actual"]) - float(row["planned"])
    weeks = sorted({int(row["week"]) for row in rows})
    labels = sorted(by_label)
    return {
        "data": [
            {
                "type": "heatmap",
                "x": weeks,
                "y": labels,
                "z": [
                    [round(by_label[y].get(w, 0.0), 1) for w in weeks] for y in labels
                ],
                "colorscale": "RdBu",
                "zmid": 0,
                "colorbar": {"title": {"text": gettext("units")}},
            }
        ],
        "layout": layout(
            gettext("Variance: actual minus planned units (red behind, blue ahead)"),
            gettext("week"),
            "",
            height=max(300, 28 * len(labels) + 140),
            margin={"l": 220, "r": 20, "t": 50, "b": 60},
        ),
    }


STATUS_CHARTS: tuple[Chart, ...] = (plan_vs_actual, forecast_odds, variance_heatmap)


def status_figures(documents: dict[str, Any]) -> list[tuple[str, Figure]]:
    """The status charts a run's status.json allows, with a stable id for each."""
    status = documents.get("status.json")
    if not isinstance(status, dict):
        return []
    return [
        (chart.__name__, figure)
        for chart in STATUS_CHARTS
        if (figure := drawn(chart, status))
    ]
