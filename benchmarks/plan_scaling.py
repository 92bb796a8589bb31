"""Planner scaling: model build time, HiGHS time, total time and peak memory by size.

Sizes (sites, work centers, items, weeks): S (2, 30, 3, 52), M (5, 100, 15, 104),
L (10, 200, 40, 104), plus the drone example. Each size is planned in a process of its
own so its peak memory is its own. The first model is also written as MPS and solved
by HiGHS alone (its LP relaxation, as the planner's first solve), to compare the time
spent building a model with HiGHS's own time on it.

    .venv/bin/python benchmarks/plan_scaling.py [--sizes S,M,L,drone] [--time-limit 60]
        [--detailed-weeks 26] [--under-load]

With `--under-load` each size is planned a second time beside two processes spinning on
both cores, and the last column says whether plan.json came out the same (all but the
timing fields): the planner's determinism under load.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SIZES = {
    "S": (2, 30, 3, 52),
    "M": (5, 100, 15, 104),
    "L": (10, 200, 40, 104),
}

PLAN_ONE = r"""
import hashlib, json, resource, sys, time
from pathlib import Path
started = time.perf_counter()
from surgeplan.scenario import load_scenario
from surgeplan.planning.planner import run_planner
from surgeplan.planning.checking.checker import check_plan
scenario = load_scenario(sys.argv[1])
loaded = time.perf_counter()
plan = run_planner(
    scenario, time_limit_s=float(sys.argv[2]), write_mps=Path(sys.argv[3])
)
done = time.perf_counter()
usage = resource.getrusage(resource.RUSAGE_SELF)
violations = check_plan(scenario, plan)
content = json.loads(plan.to_json())
del content["created_at"]
for field in ("build_seconds", "solve_seconds", "total_seconds"):
    del content["solver"][field]
print(json.dumps({
    "plan_hash": hashlib.sha256(
        json.dumps(content, sort_keys=True).encode()
    ).hexdigest(),
    "cpu_s": usage.ru_utime + usage.ru_stime,
    "load_s": loaded - started,
    "build_s": plan.solver.build_seconds,
    "highs_s": plan.solver.solve_seconds,
    "plan_s": plan.solver.total_seconds,
    "end_to_end_s": done - started,
    "iterations": plan.solver.learning_iterations,
    "status": plan.solver.status.value,
    "search": (plan.solver.whole_number_search or "-"),
    "gap": plan.solver.mip_gap,
    "stopped_by_time_limit": plan.solver.stopped_by_time_limit,
    "variables": plan.solver.variables,
    "constraints": plan.solver.constraints,
    "nonzeros": plan.solver.nonzeros,
    "violations": len(violations),
    "late_milestones": sum(
        1 for m in plan.milestones if m.weeks_late is None or m.weeks_late > 0
    ),
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""

HIGHS_ALONE = r"""
import json, sys, time
import numpy as np
import highspy
highs = highspy.Highs()
highs.setOptionValue("output_flag", False)
highs.setOptionValue("threads", 2)
highs.readModel(sys.argv[1])
lp = highs.getLp()
highs.changeColsIntegrality(
    lp.num_col_,
    np.arange(lp.num_col_, dtype=np.int32),
    np.zeros(lp.num_col_, dtype=np.uint8),
)
if lp.a_matrix_.value_.__len__() >= 60000:
    highs.setOptionValue("solver", "hipo")
started = time.perf_counter()
highs.run()
print(json.dumps({"highs_alone_s": time.perf_counter() - started,
                  "status": highs.modelStatusToString(highs.getModelStatus())}))
"""

BUILD_ONE = r"""
import json, sys, time
from surgeplan.scenario import load_scenario
from surgeplan.planning.model.index_build import build_index
from surgeplan.planning.solve.learning_estimates import initial_factors
from surgeplan.planning.model.variables import make_weights
from surgeplan.planning.model.formulation import build_model
scenario = load_scenario(sys.argv[1])
started = time.perf_counter()
index = build_index(scenario)
model = build_model(
    index, initial_factors(index), make_weights(index), allow_core_impact=False
)
matrix = model.builder.matrix()
print(json.dumps({
    "one_build_s": time.perf_counter() - started, "nonzeros": int(matrix.nnz)
}))
"""


def run_python(code: str, *args: str) -> dict[str, Any]:
    """Run a script in a fresh interpreter; its last output line is a JSON object."""
    completed = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        return {"error": completed.stderr.strip().splitlines()[-1:]}
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


@contextlib.contextmanager
def cpu_hog(processes: int = 2) -> Iterator[None]:
    """Processes spinning on every core while the block runs."""
    spinning = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"])
        for _ in range(processes)
    ]
    try:
        yield
    finally:
        for process in spinning:
            process.kill()
            process.wait()


def scenario_for(
    size: str, folder: Path, seed: int, detailed_weeks: int | None
) -> Path:
    """The scenario file of a size: the drone example, or one generated into folder.

    With `detailed_weeks`, weeks after it are planned in 4-week buckets.
    """
    if size == "drone":
        example = ROOT / "examples" / "uav-surge.yaml"
        if detailed_weeks is None:
            return example
        from surgeplan.scenario import load_scenario, save_scenario

        scenario = load_scenario(example)
        program = {**scenario.program.model_dump(mode="json")}
        program["detailed_weeks"] = detailed_weeks
        target = folder / "drone.yaml"
        save_scenario(scenario.updated({"program": program}), target)
        return target
    sites, work_centers, items, weeks = SIZES[size]
    target = folder / f"{size}.yaml"
    detail = [] if detailed_weeks is None else ["--detailed-weeks", str(detailed_weeks)]
    subprocess.run(
        [
            str(Path(sys.executable).parent / "surgeplan"),
            "generate",
            "--sites",
            str(sites),
            "--work-centers",
            str(work_centers),
            "--items",
            str(items),
            "--weeks",
            str(weeks),
            "--seed",
            str(seed),
            "--out-file",
            str(target),
            *detail,
        ],
        check=True,
        capture_output=True,
    )
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="drone,S,M,L")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--detailed-weeks",
        type=int,
        default=None,
        help="plan weeks after this many in 4-week buckets (program.detailed_weeks)",
    )
    parser.add_argument(
        "--under-load",
        action="store_true",
        help="plan each size again beside a CPU hog and compare the plans",
    )
    arguments = parser.parse_args()
    machine = platform.processor() or platform.machine()
    print(
        f"# plan scaling, {time.strftime('%Y-%m-%d')}, {machine}, "
        f"{platform.python_version()}, detailed weeks: "
        f"{arguments.detailed_weeks or 'all (weekly buckets)'}"
    )
    print(
        "| size | variables | nonzeros | build s (one model) | HiGHS alone s (LP) "
        "| build / HiGHS | planner build s | planner HiGHS s | end to end s "
        "| CPU s | iterations | status (search) | peak MB | check | late "
        "| same plan under load |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        for size in arguments.sizes.split(","):
            scenario = scenario_for(
                size, folder, arguments.seed, arguments.detailed_weeks
            )
            mps = folder / f"{size}.mps"
            planned = run_python(
                PLAN_ONE, str(scenario), str(arguments.time_limit), str(mps)
            )
            if "error" in planned:
                print(f"| {size} | failed: {planned['error']} |")
                continue
            same = "-"
            if arguments.under_load:
                with cpu_hog():
                    again = run_python(
                        PLAN_ONE, str(scenario), str(arguments.time_limit), str(mps)
                    )
                same = "yes" if again.get("plan_hash") == planned["plan_hash"] else "NO"
            built = run_python(BUILD_ONE, str(scenario))
            alone = run_python(HIGHS_ALONE, str(mps))
            one_build_s = float(built["one_build_s"])
            highs_alone_s = float(alone["highs_alone_s"])
            ratio = one_build_s / max(highs_alone_s, 1e-9)
            print(
                f"| {size} | {planned['variables']:,} | {planned['nonzeros']:,} | "
                f"{one_build_s:.2f} | {highs_alone_s:.2f} | {ratio:.0%} | "
                f"{float(planned['build_s']):.2f} | {float(planned['highs_s']):.2f} | "
                f"{float(planned['end_to_end_s']):.2f} | "
                f"{float(planned['cpu_s']):.2f} | {planned['iterations']} | "
                f"{planned['status']} ({planned['search']}) | "
                f"{float(planned['peak_mb']):.0f} | "
                f"{planned['violations']} violations | {planned['late_milestones']} | "
                f"{same} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
