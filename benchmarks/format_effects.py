"""What each surgeplan/2 feature of issue 17 does to the drone example's plan.

The drone example uses none of them (its golden figures did not move when they came);
this plans it again (without the confidence search: `run_planner`) with one feature
turned on at a time and prints, for each, the plan's cost, the program's labour hours,
the milestones met on time and the weeks the latest one is late. The table in
docs/realism.md ("The new format on the drone example") is this script's output.

    .venv/bin/python benchmarks/format_effects.py
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from surgeplan.planning.planner import run_planner
from surgeplan.planning.results.plan import Plan
from surgeplan.scenario import Scenario, load_scenario

EXAMPLE = Path(__file__).parents[1] / "examples" / "uav-surge.yaml"
Change = Callable[[dict[str, Any]], None]


def _pool(data: dict[str, Any], site: str, skill: str) -> dict[str, Any]:
    found = next(s for s in data["sites"] if s["id"] == site)
    pool: dict[str, Any] = next(p for p in found["workforce"] if p["skill"] == skill)
    return pool


def supplier_short(data: dict[str, Any]) -> None:
    data["risks"].setdefault("supplier_ramps", []).append(
        {
            "id": "avionics-ramp-short",
            "supplier": "avionics-partner",
            "delivered_share": {"distribution": "fixed", "value": 0.7},
            "planned_quantile": 0.5,
        }
    )


def assembly_yield(data: dict[str, Any]) -> None:
    uav = next(item for item in data["items"] if item["id"] == "uav")
    uav["routing"][0]["first_pass_yield"] = 0.9


def assembly_yield_learning(data: dict[str, Any]) -> None:
    uav = next(item for item in data["items"] if item["id"] == "uav")
    uav["routing"][0]["first_pass_yield"] = 0.8
    uav["routing"][0]["yield_learning"] = {
        "final_first_pass_yield": 0.98,
        "units_to_half_gap": 200,
    }


def hiring_terms(data: dict[str, Any]) -> None:
    pool = _pool(data, "chassis-plant", "assembler")
    pool.update(
        recruiting_lead_time_weeks=8,
        hires_per_week_ramp=1,
        attrition_share_per_week=0.005,
        training_cost_per_trainee=4000,
    )


def experienced_crew(data: dict[str, Any]) -> None:
    site = next(s for s in data["sites"] if s["id"] == "chassis-plant")
    site["learning"] = [{"item": "uav", "start_units": 200}]


def first_milestone_asap(data: dict[str, Any]) -> None:
    data["demand"]["milestones"][0]["as_early_as_possible"] = True


VARIANTS: dict[str, Change | None] = {
    "as shipped": None,
    "avionics partner delivers 70 % of its promise (planned at the median)": (
        supplier_short
    ),
    "UAV final assembly passes 90 % first time": assembly_yield,
    "UAV final assembly 80 % first time, learning towards 98 %": (
        assembly_yield_learning
    ),
    "chassis assemblers: 8 weeks to start recruiting, +1 hire a week per week, "
    "0.5 % leave a week, training paid per trainee": hiring_terms,
    "the chassis plant's crew has built 200 UAVs before (the example's crews start "
    "at unit 1)": experienced_crew,
    "the first milestone asked as early as possible": first_milestone_asap,
}


def variant(base: Scenario, change: Change | None) -> Scenario:
    if change is None:
        return base
    data = base.model_dump(mode="json")
    change(data)
    return Scenario.model_validate(data)


def figures(plan: Plan) -> tuple[float, float, int, float]:
    hours = sum(record.hours + record.overtime_hours for record in plan.labour)
    on_time = sum(1 for record in plan.milestones if not record.weeks_late)
    latest = max((record.weeks_late or 0) for record in plan.milestones)
    return plan.total_cost_eur, hours, on_time, latest


def main() -> None:
    base = load_scenario(EXAMPLE)
    print(
        "| variant | cost M EUR | labour hours | milestones on time | latest | plan s |"
    )
    print("|---|---|---|---|---|---|")
    for name, change in VARIANTS.items():
        tick = time.perf_counter()
        plan = run_planner(variant(base, change))
        cost, hours, on_time, latest = figures(plan)
        print(
            f"| {name} | {cost / 1e6:,.1f} | {hours:,.0f} | {on_time} of "
            f"{len(plan.milestones)} | {latest:g} weeks late | "
            f"{time.perf_counter() - tick:.1f} |"
        )


if __name__ == "__main__":
    main()
