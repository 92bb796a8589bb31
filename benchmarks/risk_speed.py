"""Risk simulation speed on the drone example, against the SimPy reference.

The plan is made once (or read with --plan). Then the vectorised simulator runs 10,000
runs without contributions on 1 and 2 local workers, the full `simulate` (each risk
also switched off in turn, on the first 2,000 runs) on 1 and 2 workers, the path the
confidence loop calls (2,000 runs, no contributions, in this process; the median of
five calls), the command line end to end (`surgeplan simulate ... --runs 10000`, a
fresh process: imports, reading the plan, writing risk.json), and the event-by-event
SimPy reference (one process, one run after another) on the same compiled case.
Targets: 10,000 runs with contributions in under 10 s end to end, at least 50x the
reference's runs per second, under 2 GB. Wall and CPU seconds are both printed: on a
busy machine, CPU seconds say more.

    .venv/bin/python benchmarks/risk_speed.py [--plan out/plan.json] [--runs 10000]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "risk"))

from simpy_reference import reference_deliveries  # noqa: E402

from surgeplan.planning import Plan, load_plan  # noqa: E402
from surgeplan.risk import RecoveryPolicy, simulate  # noqa: E402
from surgeplan.risk.simulate import prepare  # noqa: E402
from surgeplan.scenario import Scenario, load_scenario  # noqa: E402

EXAMPLE = ROOT / "examples" / "uav-surge.yaml"
Row = tuple[str, int, float, float]


def _plan(scenario: Scenario, path: Path | None, time_limit: float) -> Plan:
    if path is not None:
        return load_plan(path)
    from surgeplan.planning import plan

    started = time.perf_counter()
    made = plan(scenario, time_limit_s=time_limit)
    print(f"plan made in {time.perf_counter() - started:.1f} s ({made.solver.status})")
    return made


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _print(rows: list[Row], load: float) -> None:
    reference_rate = rows[-1][1] / rows[-1][2]
    print(f"load average at the start: {load:.1f} on {os.cpu_count()} cores")
    print(
        f"{'case':40s} {'runs':>7s} {'wall s':>7s} {'cpu s':>7s} "
        f"{'runs/s':>8s} {'x SimPy':>8s}"
    )
    for label, runs, seconds, cpu_seconds in rows:
        rate = runs / seconds
        print(
            f"{label:40s} {runs:7d} {seconds:7.2f} {cpu_seconds:7.2f} "
            f"{rate:8.0f} {rate / reference_rate:8.0f}"
        )
    print(f"peak memory (largest process): {_peak_mb():.0f} MB")


def _confidence_path(scenario: Scenario, made: Plan) -> Row:
    """The call the confidence loop makes: 2,000 runs, no contributions, in process."""
    walls, cpus = [], []
    for seed in range(5):
        started, cpu = time.perf_counter(), _cpu_seconds()
        simulate(scenario, made, runs=2_000, seed=seed, contributions=False)
        walls.append(time.perf_counter() - started)
        cpus.append(_cpu_seconds() - cpu)
    label = "2,000 runs, no contributions (median of 5)"
    return (label, 2_000, statistics.median(walls), statistics.median(cpus))


def _command_line(scenario: Scenario, made: Plan, runs: int) -> Row:
    """`surgeplan simulate` with contributions, in a fresh process, end to end."""
    with tempfile.TemporaryDirectory() as folder:
        plan_file = made.save(Path(folder) / "plan.json")
        command = [
            str(Path(sys.executable).with_name("surgeplan")),
            "simulate",
            str(EXAMPLE),
            "--plan",
            str(plan_file),
            "--runs",
            str(runs),
            "--out",
            folder,
        ]
        started, cpu = time.perf_counter(), _cpu_seconds()
        subprocess.run(command, check=True, capture_output=True)
        elapsed = time.perf_counter() - started
    return ("surgeplan simulate end to end", runs, elapsed, _cpu_seconds() - cpu)


def main() -> None:
    """Measure and print runs per second, the ratio to SimPy and peak memory."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plan", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--reference-runs", type=int, default=40)
    parser.add_argument("--time-limit", type=float, default=120.0)
    args = parser.parse_args()
    load = os.getloadavg()[0]

    scenario = load_scenario(EXAMPLE)
    made = _plan(scenario, args.plan, args.time_limit)
    rows: list[Row] = []
    for label, workers, contributions in (
        ("vectorised, 1 worker", 1, False),
        ("vectorised, 2 workers", 2, False),
        ("vectorised + contributions, 1 worker", 1, True),
        ("vectorised + contributions, 2 workers", 2, True),
    ):
        started, cpu = time.perf_counter(), _cpu_seconds()
        simulate(
            scenario,
            made,
            runs=args.runs,
            seed=7,
            workers=workers,
            contributions=contributions,
        )
        elapsed = time.perf_counter() - started
        rows.append((label, args.runs, elapsed, _cpu_seconds() - cpu))

    rows.append(_confidence_path(scenario, made))
    rows.append(_command_line(scenario, made, args.runs))
    model = prepare(scenario, made, policy=RecoveryPolicy(), seed=7)
    started, cpu = time.perf_counter(), _cpu_seconds()
    reference_deliveries(model, args.reference_runs, 7)
    elapsed = time.perf_counter() - started
    label = "SimPy reference, 1 process"
    rows.append((label, args.reference_runs, elapsed, _cpu_seconds() - cpu))
    _print(rows, load)


if __name__ == "__main__":
    main()
