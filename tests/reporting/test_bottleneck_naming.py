"""The drone example's summary, report and brief name the same bottleneck."""

from __future__ import annotations

import pytest
from page_reading import soup_of
from rich.console import Console

from surgeplan.cli.plan_summary import render_plan_summary
from surgeplan.planning.results.bottleneck_label import bottleneck_label
from surgeplan.planning.results.plan import Plan
from surgeplan.reporting.brief import render_brief
from surgeplan.reporting.names import Names
from surgeplan.reporting.report import render_report
from surgeplan.scenario import Scenario

pytestmark = pytest.mark.slow


def summary_text(scenario: Scenario, plan: Plan) -> str:
    console = Console(record=True, width=100, color_system=None)
    render_plan_summary(scenario, plan, console)
    return console.export_text()


def test_summary_report_and_brief_of_the_example_name_one_bottleneck(
    uav_scenario: Scenario, uav_plan: Plan
) -> None:
    record = uav_plan.tightest_bottleneck
    assert record is not None
    label = bottleneck_label(record, Names.of(uav_scenario).site(record.site))

    summary = summary_text(uav_scenario, uav_plan)
    report = soup_of(render_report(uav_scenario, uav_plan)).get_text(" ")
    brief = soup_of(render_brief(uav_scenario, uav_plan)).select_one("#bottleneck")

    assert f"Bottleneck: {label}, binding from" in summary
    assert f"Bottleneck: {label}, binding from" in " ".join(report.split())
    assert brief is not None
    assert brief.get_text().startswith(f"Bottleneck: {label}, binding from")


def test_the_example_is_held_back_by_its_avionics_supplier(uav_plan: Plan) -> None:
    # The golden figures (tests/golden/uav-surge.json) record the same bottleneck.
    record = uav_plan.tightest_bottleneck
    assert record is not None
    assert (record.kind.value, record.resource) == ("supplier", "avionics-partner")
