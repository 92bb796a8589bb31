"""Plotly figures from result documents: what each chart draws, and what it skips."""

from __future__ import annotations

import json

from surgeplan.store.redaction import visible_result
from surgeplan.web.charts import capacity_heatmap, cumulative_deliveries, figures

PLAN = {
    "format": "surgeplan-plan/1",
    "currency": "EUR",
    "buckets": [
        {"index": 0, "start": "2027-01-04", "end": "2027-01-10"},
        {"index": 1, "start": "2027-01-11", "end": "2027-01-17"},
    ],
    "deliveries": [
        {
            "milestone": "m",
            "item": "uav",
            "delivery_point": "depot",
            "bucket": 0,
            "units": 2.0,
        },
        {
            "milestone": "m",
            "item": "uav",
            "delivery_point": "depot",
            "bucket": 1,
            "units": 3.0,
        },
    ],
    "milestones": [{"id": "m", "due_date": "2027-01-17", "quantity": 5.0}],
    "capacity": [
        {"site": "fr", "work_center": "paint", "bucket": 1, "utilisation": 0.5},
    ],
    "costs": [{"kind": "labour", "amount_eur": 1000.0}],
}


def test_deliveries_add_up_week_by_week_beside_the_milestones() -> None:
    figure = cumulative_deliveries(PLAN)
    assert figure is not None
    line, milestones = figure["data"]
    assert line["y"] == [2.0, 5.0]
    assert line["x"] == ["2027-01-10", "2027-01-17"]
    assert milestones["y"] == [5.0]


def test_the_heatmap_shows_percent_used_with_gaps_where_no_figure_exists() -> None:
    figure = capacity_heatmap(PLAN)
    assert figure is not None
    assert figure["data"][0]["z"] == [[None, 50]]


def test_a_viewers_redacted_plan_has_no_cost_chart() -> None:
    names = [name for name, _ in figures({"plan.json": PLAN})]
    assert "costs" in names
    redacted = visible_result(PLAN)
    assert redacted is not None
    assert "costs" not in [name for name, _ in figures({"plan.json": redacted})]


def test_a_malformed_result_loses_its_chart_not_the_page() -> None:
    broken = {**PLAN, "deliveries": [{"units": "many"}]}
    names = [name for name, _ in figures({"plan.json": broken, "risk.json": {}})]
    assert "cumulative_deliveries" not in names
    assert "capacity_heatmap" in names


def test_every_figure_is_plain_json() -> None:
    for _, figure in figures({"plan.json": PLAN}):
        assert json.loads(json.dumps(figure)) == figure
