"""Speed of re-planning and capable-to-promise on the drone example (issue 14).

Plans the drone example, takes its first 20 weeks at 70 % of the output as what
happened, re-plans from there (4 frozen weeks), then asks the current plan for the
earliest date of 2,000 more units and for how many more by the re-plan's last due
date. Targets: re-plan under 5 s, each promise under 5 s (2-core machine).

    .venv/bin/python benchmarks/replan.py
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from surgeplan.pipeline.replanning import QUICK_TIME_LIMIT_S
from surgeplan.planning.checking.checker import check_plan
from surgeplan.planning.planner import run_planner
from surgeplan.planning.replanning.opening_state_plan import state_from_plan
from surgeplan.planning.replanning.promise import earliest_date_for, units_by_date
from surgeplan.planning.replanning.replan import replan
from surgeplan.planning.results.diff import plan_diff
from surgeplan.scenario import load_scenario

EXAMPLE = Path(__file__).parents[1] / "examples" / "uav-surge.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--status-week", type=int, default=20)
    parser.add_argument("--output-share", type=float, default=0.7)
    parser.add_argument("--frozen-weeks", type=int, default=4)
    arguments = parser.parse_args()

    base = load_scenario(EXAMPLE)
    program = base.program.model_dump(mode="json")
    program["frozen_weeks"] = arguments.frozen_weeks
    scenario = base.updated({"program": program})
    print(f"load average at start: {os.getloadavg()[0]:.1f}")

    tick = time.perf_counter()
    old = run_planner(scenario, time_limit_s=QUICK_TIME_LIMIT_S)
    print(f"plan: {time.perf_counter() - tick:.2f} s ({old.solver.status.value})")

    state = state_from_plan(
        scenario,
        old,
        arguments.status_week,
        output_share=arguments.output_share,
        cause="benchmark shortfall",
    )
    tick = time.perf_counter()
    result = replan(
        scenario, old, state, arguments.status_week, time_limit_s=QUICK_TIME_LIMIT_S
    )
    replan_s = time.perf_counter() - tick
    violations = check_plan(result.scenario, result.plan)
    diff = plan_diff(old, result.plan)
    print(
        f"replan at week {arguments.status_week}: {replan_s:.2f} s "
        f"({result.plan.solver.status.value}, {result.plan.solver.learning_iterations}"
        f" iterations), {len(violations)} violations, "
        f"{len(result.frozen_changes)} frozen decisions broken, {len(diff)} diff rows"
    )

    tick = time.perf_counter()
    earliest = earliest_date_for(
        result.scenario, result.plan, 2000, time_limit_s=QUICK_TIME_LIMIT_S
    )
    print(
        f"promise earliest date for 2,000 more: {time.perf_counter() - tick:.2f} s "
        f"-> {earliest.date}"
    )
    last_due = max(m.due_date for m in result.scenario.demand.milestones)
    tick = time.perf_counter()
    by_date = units_by_date(
        result.scenario, result.plan, last_due, time_limit_s=QUICK_TIME_LIMIT_S
    )
    print(
        f"promise units by {last_due}: {time.perf_counter() - tick:.2f} s "
        f"-> {by_date.units_more:,.0f} more"
    )
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
