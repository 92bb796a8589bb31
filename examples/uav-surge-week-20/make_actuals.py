"""Make the worked example's actuals: the drone example's first 20 weeks, behind plan.

The shortfall is stated here and in README.md: the UAV learns at 0.84 instead of the
scenario's 0.80, the composite airframe and wing set at 0.88 instead of 0.85, and the
avionics partner delivers two weeks later than planned; weekly output varies by 5 %
(seeded). The plan is examples/uav-surge-week-20/plan.json, made by

    surgeplan plan examples/uav-surge.yaml --out <folder>

Run from the repository root: python examples/uav-surge-week-20/make_actuals.py
"""

from __future__ import annotations

from pathlib import Path

from surgeplan.execution.synthetic import Shortfall, synthetic_actuals
from surgeplan.execution.writing import write_folder, write_workbook
from surgeplan.planning.results.plan import load_plan
from surgeplan.scenario import load_scenario

HERE = Path(__file__).parent
STATUS_WEEK = 20
SHORTFALL = Shortfall(
    learning_rates={"uav": 0.84, "airframe": 0.88, "wing-set": 0.88},
    late_supplier="avionics-partner",
    supplier_delay_weeks=2,
    noise_share=0.05,
    seed=20,
)


def main() -> None:
    """Write actuals/ (CSV files) and actuals.xlsx beside this script."""
    scenario = load_scenario(HERE.parent / "uav-surge.yaml")
    plan = load_plan(HERE / "plan.json")
    actuals = synthetic_actuals(scenario, plan, STATUS_WEEK, SHORTFALL)
    write_folder(actuals, HERE / "actuals")
    write_workbook(actuals, HERE / "actuals.xlsx")


if __name__ == "__main__":
    main()
