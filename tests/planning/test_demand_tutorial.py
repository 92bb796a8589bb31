"""The tutorial consortium: two firms' halls, a family milestone, a revised target.

Planned and simulated end to end; the hand checks are in the example's comments.
"""

from pathlib import Path

import pytest
from planning_cases import assert_plan_is_feasible

from surgeplan.economics import business_case
from surgeplan.planning import Plan, plan
from surgeplan.reporting.charts.delivery import cumulative_deliveries
from surgeplan.reporting.milestone_notes import milestone_note
from surgeplan.reporting.names import Names
from surgeplan.risk.simulate import simulate
from surgeplan.scenario import Scenario, load_scenario
from surgeplan.scenario.economics import CashFlowPeriod

pytestmark = pytest.mark.slow

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "tutorial-consortium.yaml"


@pytest.fixture(scope="module")
def consortium() -> tuple[Scenario, Plan]:
    scenario = load_scenario(EXAMPLE)
    return scenario, plan(scenario, time_limit_s=30)


def test_the_consortium_plan_meets_the_revised_family_target_from_both_halls(
    consortium: tuple[Scenario, Plan],
) -> None:
    scenario, result = consortium
    by_id = {record.id: record for record in result.milestones}

    order = by_id["national-order"]
    assert order.quantity == 1_800  # the revision in force, not the 3,000 ordered
    assert order.weeks_late == 0
    made_by_site = {
        site: sum(p.units for p in result.production if p.site == site)
        for site in ("hall-a", "hall-b")
    }
    assert all(units > 0 for units in made_by_site.values())
    assert_plan_is_feasible(scenario, result)


def test_the_clinical_batch_asked_as_early_as_possible_is_met_at_its_earliest(
    consortium: tuple[Scenario, Plan],
) -> None:
    _, result = consortium
    batch = next(
        record for record in result.milestones if record.id == "clinical-batch"
    )

    # The pilot run gives 100 in the first week (40 in stock, 60 made from its kits);
    # sensors ordered arrive a week later: the second week is the earliest.
    assert batch.met_bucket == batch.earliest_bucket == 1


def test_the_consortium_simulates_with_the_family_counted(
    consortium: tuple[Scenario, Plan],
) -> None:
    scenario, result = consortium
    # The approval's slip is the example's only risk (tests/pipeline/
    # test_tutorial_example.py measures it); without it the plan is reproduced.
    on_its_date = scenario.model_copy(
        update={
            "gates": [
                gate.model_copy(update={"delay_weeks": None}) for gate in scenario.gates
            ]
        }
    )

    report = simulate(on_its_date, result, runs=100, seed=2)

    order = next(odds for odds in report.milestones if odds.id == "national-order")
    assert order.quantity == 1_800
    assert order.probability_on_time == 1.0


def test_the_sixteen_week_contract_is_counted_by_month(
    consortium: tuple[Scenario, Plan],
) -> None:
    scenario, result = consortium

    case = business_case(scenario, result)

    assert case.period is CashFlowPeriod.MONTH
    assert case.term == "16-week"
    assert case.years[0].start == scenario.program.start_date
    # Both models are invoiced: the family milestone counts them under one contract.
    assert case.units_in_plan == pytest.approx(1_800, abs=1e-3)
    assert any("counted by month" in text for text in case.conventions)


def test_the_report_shows_the_family_and_the_target_history(
    consortium: tuple[Scenario, Plan],
) -> None:
    scenario, _ = consortium
    order = next(m for m in scenario.demand.milestones if m.id == "national-order")

    note = milestone_note(order, Names.of(scenario))

    assert note.startswith("counts ")
    assert "3,000 → 1,800 from 19 Apr 2027 (demand forecast fell)" in note
    assert note.endswith("planned to the last, 1,800")


def test_the_delivery_chart_draws_the_family_target_on_the_family_line(
    consortium: tuple[Scenario, Plan],
) -> None:
    scenario, result = consortium

    chart = cumulative_deliveries(scenario, result, Names.of(scenario))

    traces = {trace["name"]: trace for trace in chart.figure["data"]}
    family = next(name for name in traces if " + " in name and "milestones" not in name)
    assert traces[family]["y"][-1] == pytest.approx(1_800, abs=1)
    assert traces[f"{family}: milestones"]["y"] == [1_800]
