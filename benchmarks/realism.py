"""How long `surgeplan realism` takes on the drone example (target: under 2 s).

Plans the example once (not timed), then times the realism command five times in fresh
processes, as a user runs it, and prints the median wall and CPU times.

    .venv/bin/python benchmarks/realism.py
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples" / "uav-surge.yaml"
SURGEPLAN = Path(sys.executable).with_name("surgeplan")
REPEATS = 5


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [
                str(SURGEPLAN),
                "plan",
                str(EXAMPLE),
                "--out",
                folder,
                "--confidence",
                "none",
            ],
            check=True,
            capture_output=True,
        )
        seconds, cpu = [], []
        for _ in range(REPEATS):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(
                [str(SURGEPLAN), "realism", str(EXAMPLE), "--out", folder],
                check=True,
                capture_output=True,
            )
            seconds.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(
                after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            )
    # CPU time is shown beside the wall time: on a shared machine the wall time
    # measures the machine's load as much as the command.
    print(
        f"surgeplan realism (drone example): median {statistics.median(seconds):.2f} "
        f"s wall, {statistics.median(cpu):.2f} s CPU; wall range "
        f"{min(seconds):.2f}-{max(seconds):.2f} s over {REPEATS} runs"
    )


if __name__ == "__main__":
    main()
