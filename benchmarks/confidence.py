"""Plans to a confidence on the drone example: time, and the same plan every time.

Runs the command line as a user does, each in a fresh process: `surgeplan plan` with
the scenario's 80 % (the confidence search), `--confidence 0.5,0.8,0.9` (the price of
confidence) and `--confidence none` (the plan without margins), `--repeats` times
each. Prints the median wall and CPU seconds and whether every repeat wrote the same
plan (its `plan_hash`). With `--under-load` every command runs once more beside a
process spinning on each core, and its plan is compared with the quiet one: a plan
that changes with machine load is a bug. Targets: the 80 % plan under 60 s, the plan
without margins under 5 s.

    .venv/bin/python benchmarks/confidence.py [--repeats 3] [--under-load]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from surgeplan.planning.results.plan import load_plan, plan_hash

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "uav-surge.yaml"
CASES = {
    "plan at the scenario's 80 %": [],
    "plan, price of 50/80/90 %": ["--confidence", "0.5,0.8,0.9"],
    "plan without margins": ["--confidence", "none"],
}


def timed(arguments: list[str], out: Path) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds of the child, and the hash of the plan it wrote."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "surgeplan.cli", "plan", str(EXAMPLE), "--out",
         str(out), "--quiet", *arguments],
        check=True,
        capture_output=True,
    )  # fmt: skip
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, plan_hash(load_plan(out / "plan.json"))


def spin(stop_at: float) -> None:
    """Keep a core busy until `stop_at` (the CPU hog beside the plans)."""
    count = 0
    while time.time() < stop_at:
        count += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--under-load", action="store_true")
    arguments = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    print(f"{'case':30} {'wall s':>8} {'cpu s':>8}  same plan")
    with tempfile.TemporaryDirectory() as folder:
        for name, options in CASES.items():
            runs = [
                timed(options, Path(folder) / f"{name[:4]}-{n}")
                for n in range(arguments.repeats)
            ]
            hashes = {plan for _, _, plan in runs}
            print(
                f"{name:30} {statistics.median(w for w, _, _ in runs):8.1f} "
                f"{statistics.median(c for _, c, _ in runs):8.1f}  "
                f"{'yes' if len(hashes) == 1 else 'NO'}"
            )
            if arguments.under_load:
                hogs = [
                    multiprocessing.Process(target=spin, args=(time.time() + 600,))
                    for _ in range(os.cpu_count() or 2)
                ]
                for hog in hogs:
                    hog.start()
                try:
                    wall, cpu, loaded = timed(options, Path(folder) / f"{name[:4]}-h")
                finally:
                    for hog in hogs:
                        hog.terminate()
                print(
                    f"{'  beside a CPU hog':30} {wall:8.1f} {cpu:8.1f}  "
                    f"{'yes' if loaded in hashes else 'NO'}"
                )


if __name__ == "__main__":
    main()
