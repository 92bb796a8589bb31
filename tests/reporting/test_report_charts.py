import datetime as dt
from collections import defaultdict
from itertools import accumulate
from typing import Any

import pytest
from page_reading import element, figures_of, soup_of, traces_named

from surgeplan.economics import business_case
from surgeplan.planning import Plan
from surgeplan.reporting.report import render_report
from surgeplan.scenario import Scenario


@pytest.fixture
def page(drone_scenario: Scenario, drone_plan: Plan) -> str:
    return render_report(drone_scenario, drone_plan)


@pytest.fixture
def figures(page: str) -> dict[str, dict[str, Any]]:
    return figures_of(page)


def test_every_chart_is_embedded_as_json_with_a_place_to_draw_it(
    page: str, figures: dict[str, dict[str, Any]]
) -> None:
    soup = soup_of(page)

    assert set(figures) >= {
        "deliveries",
        "output",
        "utilisation",
        "timeline",
        "bottlenecks",
        "labour",
        "purchases",
        "core",
        "costs",
        "cashflow",
    }
    for name in figures:
        block = element(soup, "script", id=f"fig-{name}")
        assert soup.find("div", id=block["data-target"]) is not None


def test_cumulative_deliveries_add_up_the_plans_deliveries(
    drone_plan: Plan, figures: dict[str, dict[str, Any]]
) -> None:
    (line,) = [
        trace for trace in figures["deliveries"]["data"] if trace["mode"] == "lines"
    ]
    by_bucket: defaultdict[int, float] = defaultdict(float)
    for delivery in drone_plan.deliveries:
        by_bucket[delivery.bucket] += delivery.units

    assert line["y"] == pytest.approx(
        list(accumulate(by_bucket[b.index] for b in drone_plan.buckets))
    )
    assert line["y"][-1] == pytest.approx(drone_plan.units_delivered)
    assert line["x"] == [b.end.isoformat() for b in drone_plan.buckets]


def test_milestone_markers_sit_at_due_date_and_quantity(
    drone_plan: Plan, figures: dict[str, dict[str, Any]]
) -> None:
    (markers,) = traces_named(figures["deliveries"], "milestones")

    assert markers["x"] == [m.due_date.isoformat() for m in drone_plan.milestones]
    assert markers["y"] == [m.quantity for m in drone_plan.milestones]


def test_heatmap_cells_are_the_capacity_utilisation(
    drone_plan: Plan, figures: dict[str, dict[str, Any]]
) -> None:
    (heatmap,) = figures["utilisation"]["data"]
    rows = {
        "Chassis plant · Body line": "body-line",
        "Assembly abroad · final-line": "final-line",
    }

    assert heatmap["y"] == list(rows)
    for row, center in zip(heatmap["z"], rows.values(), strict=True):
        expected = [
            record.utilisation
            for record in sorted(drone_plan.capacity, key=lambda r: r.bucket)
            if record.work_center == center
        ]
        assert row == pytest.approx(expected)


def test_costs_by_kind_equal_the_plans_costs(
    drone_plan: Plan, figures: dict[str, dict[str, Any]]
) -> None:
    (bars,) = figures["costs"]["data"]

    amounts = dict(zip(bars["customdata"], bars["x"], strict=True))
    assert amounts == pytest.approx(
        {
            cost.kind.value: cost.amount_eur
            for cost in drone_plan.costs
            if cost.amount_eur
        }
    )
    assert sum(bars["x"]) == pytest.approx(drone_plan.total_cost_eur)


def test_output_by_site_counts_each_items_last_operation(
    drone_plan: Plan, figures: dict[str, dict[str, Any]]
) -> None:
    (drones,) = traces_named(figures["output"], "Drone")
    (airframes,) = traces_named(figures["output"], "Airframe")

    # The last point only closes the step line at the end of the last week.
    assert sum(drones["y"][:-1]) == pytest.approx(
        sum(p.units for p in drone_plan.production if p.item == "drone")
    )
    assert sum(airframes["y"][:-1]) == pytest.approx(
        sum(p.units for p in drone_plan.production if p.item == "airframe")
    )


def test_output_steps_span_every_week_of_a_weekly_plan(
    drone_plan: Plan, figures: dict[str, dict[str, Any]]
) -> None:
    (drones,) = traces_named(figures["output"], "Drone")
    after_last = drone_plan.buckets[-1].end + dt.timedelta(days=1)

    assert drones["x"] == [b.start.isoformat() for b in drone_plan.buckets] + [
        after_last.isoformat()
    ]
    assert drones["y"][-1] == drones["y"][-2]
    assert figures["output"]["layout"]["xaxis"]["title"]["text"] == "week starting"


def test_labour_shows_qualified_people_and_hires(
    drone_plan: Plan, figures: dict[str, dict[str, Any]]
) -> None:
    (qualified,) = traces_named(figures["labour"], "technician: qualified")
    (hires,) = traces_named(figures["labour"], "assembler: hires")

    assert qualified["y"] == [
        r.headcount for r in drone_plan.labour if r.skill == "technician"
    ]
    assert sum(hires["y"]) == pytest.approx(
        sum(r.hires for r in drone_plan.labour if r.skill == "assembler")
    )


def test_purchases_cumulate_to_what_each_supplier_ships(
    drone_plan: Plan, figures: dict[str, dict[str, Any]]
) -> None:
    (supplier,) = figures["purchases"]["data"]

    assert supplier["y"][-1] == pytest.approx(
        sum(p.units for p in drone_plan.purchases)
    )


def test_core_chart_shows_made_and_demand(
    drone_plan: Plan, figures: dict[str, dict[str, Any]]
) -> None:
    (made,) = traces_named(figures["core"], "made")
    (demand,) = traces_named(figures["core"], "demand")

    assert made["y"] == [r.produced for r in drone_plan.core]
    assert demand["y"][:-1] == [r.demand for r in drone_plan.core]


def test_bottlenecks_show_their_shadow_prices(
    drone_plan: Plan, figures: dict[str, dict[str, Any]]
) -> None:
    (bars,) = figures["bottlenecks"]["data"]

    assert sorted(bars["x"]) == sorted(b.shadow_price for b in drone_plan.bottlenecks)


def test_timeline_shows_conversions_and_shift_changes(
    drone_plan: Plan, figures: dict[str, dict[str, Any]]
) -> None:
    (conversion,) = traces_named(figures["timeline"], "composites")
    (shifts,) = traces_named(figures["timeline"], "shift pattern")

    assert conversion["x"] == ["2027-01-04", "2027-01-17"]
    assert shifts["x"] == ["2027-02-01"]


def test_cash_flow_chart_is_the_business_cases_years(
    drone_scenario: Scenario, drone_plan: Plan, figures: dict[str, dict[str, Any]]
) -> None:
    case = business_case(drone_scenario, drone_plan)
    revenue = figures["cashflow"]["data"][0]

    assert revenue["y"] == pytest.approx([year.revenue_eur for year in case.years])


def test_key_figures_and_tables_show_the_plans_numbers(
    page: str, drone_plan: Plan
) -> None:
    text = soup_of(page).get_text(" ", strip=True)

    assert "105 units delivered in the plan" in text
    assert "2 of 2 milestones on time" in text
    assert "5 core units not made" in text
    assert "first-hundred" in text
    assert "supplier kit-maker" in text


def test_without_a_risk_result_the_page_says_the_simulation_was_not_run(
    page: str,
) -> None:
    risk = element(soup_of(page), "section", id="part-risk")

    assert "risk simulation was not run" in risk.get_text()
    assert risk.find("script") is None
