from typing import Any

import pytest
from planning_cases import make_scenario

from surgeplan.planning import plan
from surgeplan.reporting.charts.capacity import change_timeline
from surgeplan.reporting.names import Names

pytestmark = pytest.mark.slow


def test_a_gate_shows_on_the_timeline_at_its_date_with_its_spread() -> None:
    def gated(data: dict[str, Any]) -> None:
        data["gates"] = [
            {
                "id": "approval",
                "name": "Regulator approval",
                "item": "drone",
                "kind": "delivery",
                "date": "2027-02-01",
                "delay_weeks": {"distribution": "uniform", "low": 0, "high": 2},
            }
        ]

    scenario = make_scenario(gated)
    result = plan(scenario, time_limit_s=30)

    chart = change_timeline(scenario, result, Names.of(scenario))

    traces = chart.figure["data"]
    diamond = next(t for t in traces if t.get("marker", {}).get("symbol") == "diamond")
    assert diamond["x"] == ["2027-02-01"]
    assert diamond["name"] == "Regulator approval"
    spread = next(t for t in traces if t["mode"] == "lines")
    # P10 and P90 of 0-2 weeks: 1.4 and 12.6 days, rounded to the day.
    assert spread["x"] == ["2027-02-02", "2027-02-14"]
