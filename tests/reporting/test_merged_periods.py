"""Reports of a plan whose later weeks are merged into longer periods (uav-surge.yaml:
26 weeks week by week, then periods of up to 4 weeks)."""

import datetime as dt
from collections import defaultdict
from typing import Any

import pytest
from page_reading import element, figures_of, soup_of, traces_named

from surgeplan.planning import Plan
from surgeplan.planning.results.records import BucketRecord
from surgeplan.reporting.names import Names
from surgeplan.reporting.periods import Periods
from surgeplan.reporting.report import render_report
from surgeplan.reporting.tables import bottleneck_rows
from surgeplan.scenario import Scenario

pytestmark = pytest.mark.slow

LAST_WEEK, FIRST_MERGED = 25, 26
MS_PER_DAY = 86_400_000


@pytest.fixture(scope="module")
def page(uav_scenario: Scenario, uav_plan: Plan) -> str:
    return render_report(uav_scenario, uav_plan)


@pytest.fixture(scope="module")
def figures(page: str) -> dict[str, dict[str, Any]]:
    return figures_of(page)


def days(bucket: BucketRecord) -> int:
    return (bucket.end - bucket.start).days + 1


def test_the_example_plan_merges_weeks_after_the_first_26(uav_plan: Plan) -> None:
    buckets = uav_plan.buckets

    assert days(buckets[LAST_WEEK]) == 7
    assert days(buckets[FIRST_MERGED]) == 28
    assert Periods.of(uav_plan).is_merged


def test_core_demand_per_week_does_not_jump_where_weeks_merge(
    uav_plan: Plan, figures: dict[str, dict[str, Any]]
) -> None:
    (demand,) = traces_named(figures["core"], "Front subframe (car): demand")

    # 1,800 subframes a week either side: a chart of amounts per bucket jumps to 7,200.
    assert demand["y"][LAST_WEEK] == pytest.approx(1800)
    assert demand["y"][FIRST_MERGED] == pytest.approx(demand["y"][LAST_WEEK])
    assert figures["core"]["layout"]["yaxis"]["title"]["text"] == "core units per week"


def test_every_flow_is_its_periods_amount_over_its_weeks(
    uav_plan: Plan, figures: dict[str, dict[str, Any]]
) -> None:
    made: defaultdict[int, float] = defaultdict(float)
    for record in uav_plan.core:
        if record.item == "car-engine":
            made[record.bucket] += record.produced
    (bars,) = traces_named(figures["core"], "Petrol engine (car): made")

    assert bars["y"] == pytest.approx(
        [made[b.index] / (days(b) / 7) for b in uav_plan.buckets]
    )


def test_output_per_week_adds_up_to_the_units_made_over_each_periods_weeks(
    uav_plan: Plan, figures: dict[str, dict[str, Any]]
) -> None:
    (line,) = [
        trace
        for trace in traces_named(figures["output"], "Long-range fixed-wing UAV")
        if trace["name"].startswith("Chassis plant")
    ]
    made = sum(
        record.units
        for record in uav_plan.production
        if record.item == "uav"
        and record.site == "chassis-plant"
        and record.operation == "acceptance-test"
    )
    weeks = [days(b) / 7 for b in uav_plan.buckets]

    assert sum(
        rate * week for rate, week in zip(line["y"][:-1], weeks, strict=True)
    ) == pytest.approx(made, rel=1e-6)
    assert figures["output"]["layout"]["yaxis"]["title"]["text"] == (
        "units finished per week"
    )


def test_date_axes_of_merged_periods_say_period_not_week(
    figures: dict[str, dict[str, Any]],
) -> None:
    for name in ("output", "core", "utilisation"):
        assert figures[name]["layout"]["xaxis"]["title"]["text"] == "period starting"


def test_bars_span_their_periods_days(
    uav_plan: Plan, figures: dict[str, dict[str, Any]]
) -> None:
    (bars,) = traces_named(figures["core"], "Petrol engine (car): made")
    first_merged = uav_plan.buckets[FIRST_MERGED]

    assert bars["width"][FIRST_MERGED] == pytest.approx(4 * bars["width"][LAST_WEEK])
    left = dt.date.fromisoformat(bars["x"][FIRST_MERGED]).toordinal() * MS_PER_DAY
    start = left + bars["offset"][FIRST_MERGED]
    end = start + bars["width"][FIRST_MERGED]
    assert first_merged.start.toordinal() * MS_PER_DAY <= start
    assert end <= (first_merged.end.toordinal() + 1) * MS_PER_DAY


def test_trainees_are_shown_per_week_on_bars_as_wide_as_their_period(
    uav_plan: Plan, figures: dict[str, dict[str, Any]]
) -> None:
    started: defaultdict[int, float] = defaultdict(float)
    for record in uav_plan.labour:
        if record.site == "chassis-plant" and record.skill == "assembler":
            started[record.bucket] += record.trainees
    (bars, *_) = traces_named(figures["labour"], "assembler: trainees")

    assert bars["y"] == pytest.approx(
        [started[b.index] / (days(b) / 7) for b in uav_plan.buckets], abs=1e-6
    )
    assert bars["width"][FIRST_MERGED] == pytest.approx(4 * bars["width"][LAST_WEEK])


def test_heatmap_cells_span_their_periods(
    uav_plan: Plan, figures: dict[str, dict[str, Any]]
) -> None:
    (heatmap,) = figures["utilisation"]["data"]
    after = uav_plan.buckets[-1].end + dt.timedelta(days=1)

    assert heatmap["x"] == [b.start.isoformat() for b in uav_plan.buckets] + [
        after.isoformat()
    ]
    assert all(len(row) == len(uav_plan.buckets) for row in heatmap["z"])


def test_purchases_to_date_count_at_the_end_of_each_period(
    uav_plan: Plan, figures: dict[str, dict[str, Any]]
) -> None:
    line = figures["purchases"]["data"][0]

    assert line["x"] == [b.end.isoformat() for b in uav_plan.buckets]


def test_header_says_how_the_weeks_are_grouped(page: str) -> None:
    header = element(soup_of(page), "header").get_text(" ", strip=True)

    assert "over 117 weeks" in header
    assert (
        "the first 26 week by week and the rest in periods of up to 4 weeks "
        "(51 periods in all)" in " ".join(header.split())
    )


def test_bottlenecks_run_to_the_last_day_of_their_last_period(
    uav_scenario: Scenario, uav_plan: Plan
) -> None:
    ends = {b.index: b.end for b in uav_plan.buckets}
    records = sorted(
        uav_plan.bottlenecks, key=lambda record: abs(record.shadow_price), reverse=True
    )

    rows = bottleneck_rows(uav_plan, Names.of(uav_scenario))

    assert [row["last_date"] for row in rows] == [
        ends[record.last_bucket] for record in records
    ]
    assert any(days(uav_plan.buckets[r.last_bucket]) > 7 for r in records)
