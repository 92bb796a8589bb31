"""Plan-against-actual figures from a status.json, as the caller may see it."""

from __future__ import annotations

import json

from execution_world import STATUS

from surgeplan.store.redaction import visible_result
from surgeplan.web.charts_execution import (
    forecast_odds,
    plan_vs_actual,
    status_figures,
    variance_heatmap,
)
from surgeplan.web.summary import Light, status_alerts

DOCUMENT = json.loads(STATUS.to_json())


def test_the_curve_is_cumulative_planned_and_actual_by_week_start() -> None:
    figure = plan_vs_actual(DOCUMENT)

    assert figure is not None
    planned, actual = figure["data"]
    assert planned["x"] == ["2027-01-04", "2027-01-11"]
    assert planned["y"] == [4.0, 8.0]
    assert actual["y"] == [3.0, 3.0]


def test_the_odds_are_drawn_before_and_after_the_update_in_percent() -> None:
    figure = forecast_odds(DOCUMENT)

    assert figure is not None
    before, after = figure["data"]
    assert (before["y"], after["y"]) == ([90], [42])


def test_the_heatmap_shows_actual_minus_planned_per_item_and_week() -> None:
    figure = variance_heatmap(DOCUMENT)

    assert figure is not None
    assert figure["data"][0]["y"] == ["widget @ plant"]
    assert figure["data"][0]["z"] == [[-1.0, -4.0]]


def test_a_viewer_gets_every_status_chart_and_no_hash() -> None:
    seen = visible_result(DOCUMENT)

    assert seen is not None
    assert "plan_hash" not in seen
    charts = [name for name, _ in status_figures({"status.json": seen})]
    assert charts == ["plan_vs_actual", "forecast_odds", "variance_heatmap"]


def test_a_status_missing_its_weeks_costs_that_chart_only() -> None:
    broken = {**DOCUMENT, "weeks": [{"week": 1}]}

    charts = [name for name, _ in status_figures({"status.json": broken})]

    assert charts == ["forecast_odds", "variance_heatmap"]


def test_each_exception_becomes_a_red_alert_naming_since_when_and_why() -> None:
    (alert,) = status_alerts(DOCUMENT)

    assert alert.light is Light.RED
    assert alert.text == (
        "Plan vs actual at week 2: first-batch 5 units (1.5 weeks) behind plan since "
        "week 2; why: assembly at plant bound in week 2"
    )
    assert status_alerts(None) == []
