from pathlib import Path

from surgeplan.execution.loading import load_actuals
from surgeplan.execution.status import status
from surgeplan.planning.results.plan import load_plan
from surgeplan.reporting.execution_view import execution_view
from surgeplan.reporting.report import render_report
from surgeplan.scenario import load_scenario

ROOT = Path(__file__).parents[2]
WEEK_20 = ROOT / "examples" / "uav-surge-week-20"


def test_the_report_gains_a_plan_against_actual_section_from_the_status(
    tmp_path: Path,
) -> None:
    scenario = load_scenario(ROOT / "examples" / "uav-surge.yaml")
    plan = load_plan(WEEK_20 / "plan.json")
    actuals = load_actuals(WEEK_20 / "actuals", scenario)
    status(scenario, plan, actuals, runs=300).save(tmp_path)

    view = execution_view(tmp_path, plan)
    html = render_report(scenario, plan, execution=view)

    assert view is not None
    assert 'id="part-execution"' in html
    assert "What is late, and why" in html
    assert "fr-month-12" in html.split('id="part-execution"')[1]
    assert "<polyline" in html
    assert view.heat_rows
    assert "uav @ chassis-plant" in [row.label for row in view.heat_rows]


def test_a_status_of_another_plan_is_left_out(tmp_path: Path) -> None:
    scenario = load_scenario(ROOT / "examples" / "uav-surge.yaml")
    plan = load_plan(WEEK_20 / "plan.json")
    actuals = load_actuals(WEEK_20 / "actuals", scenario)
    status(scenario, plan, actuals, runs=300).save(tmp_path)
    other = plan.model_copy(update={"scenario_name": "another plan"})

    assert execution_view(tmp_path, other) is None
    assert 'id="part-execution"' not in render_report(scenario, other)


def test_a_run_folder_without_status_has_no_section(tmp_path: Path) -> None:
    plan = load_plan(WEEK_20 / "plan.json")

    assert execution_view(tmp_path, plan) is None
