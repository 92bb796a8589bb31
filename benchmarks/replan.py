"""Speed of re-planning and capable-to-promise on the drone example (issue 14).

Plans the drone example, takes its first 20 weeks at 70 % of the output as what
happened, re-plans from there (4 frozen weeks), then asks the current plan for the
earliest date of 2,000 more units and for how many more by the re-plan's last due
date. Targets: re-plan under 5 s, each promise under 5 s (2-core machine).

Then re-plans the worked example from its actuals (`surgeplan replan --actuals`):
examples/uav-surge-week-20's plan and 20 weeks of actuals behind it, read and checked,
turned into the program state and the opening state, and re-planned (4 frozen
weeks). Target: under 5 s from reading the actuals to the new plan.

With `--large`: a generated L scenario (`surgeplan generate --size L`), planned,
52 weeks of actuals made from its plan at 90 % of the OEE with 5 % weekly noise
(execution.synthetic), checked, and re-planned from them. Target: under 60 s for the
re-plan (issue 14).

    .venv/bin/python benchmarks/replan.py
    .venv/bin/python benchmarks/replan.py --actuals-only
    .venv/bin/python benchmarks/replan.py --large
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from surgeplan.execution.loading import actuals_from_data, load_actuals
from surgeplan.execution.synthetic import Shortfall, synthetic_actuals
from surgeplan.pipeline.replanning import QUICK_TIME_LIMIT_S, replan_from_actuals
from surgeplan.planning.checking.checker import check_plan
from surgeplan.planning.planner import run_planner
from surgeplan.planning.replanning.opening_state_plan import state_from_plan
from surgeplan.planning.replanning.promise import earliest_date_for, units_by_date
from surgeplan.planning.replanning.replan import replan
from surgeplan.planning.results.diff import plan_diff
from surgeplan.planning.results.plan import load_plan
from surgeplan.scenario import Scenario, load_scenario
from surgeplan.scenario.generate import generate_preset

EXAMPLE = Path(__file__).parents[1] / "examples" / "uav-surge.yaml"
WEEK_20 = Path(__file__).parents[1] / "examples" / "uav-surge-week-20"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--status-week", type=int, default=20)
    parser.add_argument("--output-share", type=float, default=0.7)
    parser.add_argument("--frozen-weeks", type=int, default=4)
    parser.add_argument(
        "--actuals-only",
        action="store_true",
        help="Only the re-plan from the worked example's actuals.",
    )
    parser.add_argument(
        "--large",
        action="store_true",
        help="Only the generated L scenario re-planned from 52 weeks of actuals.",
    )
    arguments = parser.parse_args()
    if arguments.large:
        print(f"load average at start: {os.getloadavg()[0]:.1f}")
        large_from_actuals(arguments.frozen_weeks)
        print(f"load average at end: {os.getloadavg()[0]:.1f}")
        return

    base = load_scenario(EXAMPLE)
    program = base.program.model_dump(mode="json")
    program["frozen_weeks"] = arguments.frozen_weeks
    scenario = base.updated({"program": program})
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    if not arguments.actuals_only:
        from_state(scenario, arguments.status_week, arguments.output_share)
    from_actuals(scenario)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


def from_state(scenario: Scenario, status_week: int, output_share: float) -> None:
    """Plan, re-plan from the plan's state at a share of its output, promise."""
    tick = time.perf_counter()
    old = run_planner(scenario, time_limit_s=QUICK_TIME_LIMIT_S)
    print(f"plan: {time.perf_counter() - tick:.2f} s ({old.solver.status.value})")

    state = state_from_plan(
        scenario,
        old,
        status_week,
        output_share=output_share,
        cause="benchmark shortfall",
    )
    tick = time.perf_counter()
    result = replan(scenario, old, state, status_week, time_limit_s=QUICK_TIME_LIMIT_S)
    replan_s = time.perf_counter() - tick
    violations = check_plan(result.scenario, result.plan)
    diff = plan_diff(old, result.plan)
    print(
        f"replan at week {status_week}: {replan_s:.2f} s "
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


def from_actuals(scenario: Scenario) -> None:
    """The worked example re-planned from its actuals, as `replan --actuals` does."""
    old = load_plan(WEEK_20 / "plan.json")
    tick = time.perf_counter()
    actuals = load_actuals(WEEK_20 / "actuals", scenario)
    read_s = time.perf_counter() - tick
    result = replan_from_actuals(scenario, old, actuals)
    total_s = time.perf_counter() - tick
    violations = check_plan(result.scenario, result.plan)
    print(
        f"replan from actuals at week {actuals.through_week}: {total_s:.2f} s "
        f"(reading and checking the actuals {read_s:.2f} s; "
        f"{result.plan.solver.status.value}, {len(violations)} violations, "
        f"{len(result.frozen_changes)} frozen decisions broken)"
    )


def large_from_actuals(frozen_weeks: int, status_week: int = 52) -> None:
    """The generated L scenario re-planned from `status_week` weeks of actuals."""
    base = generate_preset("L", seed=1)
    program = base.program.model_dump(mode="json")
    program["frozen_weeks"] = frozen_weeks
    scenario = base.updated({"program": program})
    tick = time.perf_counter()
    old = run_planner(scenario)
    print(
        f"L plan: {time.perf_counter() - tick:.2f} s ({old.solver.status.value}, "
        f"{len(old.buckets)} buckets)"
    )
    made = synthetic_actuals(
        scenario,
        old,
        status_week,
        Shortfall(oee_factor=0.9, noise_share=0.05, seed=status_week),
    )
    tick = time.perf_counter()
    actuals = actuals_from_data(made.model_dump(mode="json"), scenario)
    check_s = time.perf_counter() - tick
    result = replan_from_actuals(scenario, old, actuals)
    total_s = time.perf_counter() - tick
    violations = check_plan(result.scenario, result.plan)
    print(
        f"L replan from {status_week} weeks of actuals: {total_s:.2f} s (checking the "
        f"actuals {check_s:.2f} s; {result.plan.solver.status.value}, "
        f"{len(violations)} violations, {len(result.frozen_changes)} frozen decisions "
        "broken)"
    )


if __name__ == "__main__":
    main()
