"""Report charts people can read: issue 16's report.html findings, one test each."""

from __future__ import annotations

import pytest
from page_reading import figures_of, soup_of

from surgeplan.planning.results.plan import Plan
from surgeplan.planning.results.records import BottleneckKind, BottleneckRecord
from surgeplan.reporting.charts.capacity import CHART_BOTTLENECKS
from surgeplan.reporting.report import render_report
from surgeplan.scenario import Scenario


def _bottleneck(number: int, shadow_price: float) -> BottleneckRecord:
    return BottleneckRecord(
        kind=BottleneckKind.LABOUR,
        site="chassis-plant",
        resource=f"skill-{number}",
        first_bucket=0,
        last_bucket=3,
        binding_buckets=2,
        units_per_extra_hour=shadow_price / 1e6,
        shadow_price=shadow_price,
    )


@pytest.fixture
def many_bottlenecks(drone_plan: Plan) -> Plan:
    """Two large shadow prices and eighteen hairlines, as in the drone example."""
    records = [_bottleneck(0, 70_000.0), _bottleneck(1, 12_000.0)] + [
        _bottleneck(number, 20.0 + number) for number in range(2, 20)
    ]
    return drone_plan.model_copy(update={"bottlenecks": records})


def test_the_bottleneck_chart_draws_only_bars_that_can_be_seen(
    drone_scenario: Scenario, many_bottlenecks: Plan
) -> None:
    page = render_report(drone_scenario, many_bottlenecks)
    chart = figures_of(page)["bottlenecks"]["data"][0]

    assert len(chart["x"]) == 2
    assert len(chart["x"]) <= CHART_BOTTLENECKS
    caption = soup_of(page).select_one("#bottlenecks figcaption")
    assert caption is not None
    assert "18 more" in caption.get_text()


def test_the_bottleneck_table_shows_small_rates_with_significant_digits(
    drone_scenario: Scenario, many_bottlenecks: Plan
) -> None:
    soup = soup_of(render_report(drone_scenario, many_bottlenecks))
    table = soup.select_one("#part-bottlenecks table")
    assert table is not None

    rates = [row.find_all("td")[6].get_text() for row in table.select("tbody tr")]
    assert "0.000" not in rates
    assert rates[0] == "70"
    assert rates[-1] == "0.022"


def test_a_conversion_kind_has_one_legend_entry_in_one_colour(
    drone_scenario: Scenario, drone_plan: Plan
) -> None:
    first = drone_plan.conversions[0]
    second = first.model_copy(update={"work_center": "trim-line"})
    plan = drone_plan.model_copy(update={"conversions": [first, second]})

    traces = [
        trace
        for trace in figures_of(render_report(drone_scenario, plan))["timeline"]["data"]
        if trace["name"] == f"conversion {first.conversion}"
    ]

    assert len(traces) == 2
    assert [trace.get("showlegend", True) for trace in traces] == [True, False]
    assert traces[0]["line"]["color"] == traces[1]["line"]["color"]


def test_every_panel_of_the_people_chart_has_a_y_axis_title(
    drone_scenario: Scenario, drone_plan: Plan
) -> None:
    layout = figures_of(render_report(drone_scenario, drone_plan))["labour"]["layout"]

    axes = [value for key, value in layout.items() if key.startswith("yaxis")]
    assert axes
    assert all(axis["title"]["text"] == "people" for axis in axes)


def test_milestone_labels_stand_on_a_ground_of_their_own_inside_the_plot(
    drone_scenario: Scenario, drone_plan: Plan
) -> None:
    figure = figures_of(render_report(drone_scenario, drone_plan))["deliveries"]
    labels = figure["layout"]["annotations"]
    highest = max(record.quantity for record in drone_plan.milestones)

    assert sorted(label["text"] for label in labels) == sorted(
        record.id for record in drone_plan.milestones
    )
    assert all(label["bgcolor"].startswith("rgba(255,255,255") for label in labels)
    assert figure["layout"]["yaxis"]["range"][1] > highest
    assert all("text" not in trace.get("mode", "") for trace in figure["data"])


def test_core_bars_fill_their_periods_edge_to_edge(
    drone_scenario: Scenario, drone_plan: Plan
) -> None:
    figure = figures_of(render_report(drone_scenario, drone_plan))["core"]
    bars = [trace for trace in figure["data"] if trace["type"] == "bar"]
    days_ms = [
        ((bucket.end - bucket.start).days + 1) * 86_400_000
        for bucket in sorted(drone_plan.buckets, key=lambda bucket: bucket.index)
    ]

    assert bars
    for period, length_ms in enumerate(days_ms):
        covered_ms = sum(bar["width"][period] for bar in bars)
        assert covered_ms == pytest.approx(0.98 * length_ms)
