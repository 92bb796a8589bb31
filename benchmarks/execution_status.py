"""`surgeplan status` on the drone example at week 20: wall time of a fresh process.

Target (issue 14): status plus the forecast under 10 s on the 2-core machine.
Run from the repository root:

    .venv/bin/python benchmarks/execution_status.py [--repeat 3]

Prints one line per run and the median. Reads the committed plan and actuals of
examples/uav-surge-week-20, so no solver runs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parents[1]
WEEK_20 = ROOT / "examples" / "uav-surge-week-20"
SURGEPLAN = Path(sys.executable).parent / "surgeplan"


def one_run(out: Path) -> float:
    """Seconds of one `surgeplan status` in a fresh process."""
    started = time.perf_counter()
    subprocess.run(
        [
            str(SURGEPLAN),
            "status",
            str(ROOT / "examples" / "uav-surge.yaml"),
            "--plan",
            str(WEEK_20 / "plan.json"),
            "--actuals",
            str(WEEK_20 / "actuals"),
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def main() -> None:
    """Time the command `--repeat` times and print the median."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    timings = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(repeat):
            seconds = one_run(Path(folder))
            timings.append(seconds)
            print(f"run {run + 1}: {seconds:.2f} s")
    print(f"median: {statistics.median(timings):.2f} s")


if __name__ == "__main__":
    main()
