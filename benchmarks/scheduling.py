"""Quality benchmark: our shop engine against the textbook CP-SAT model.

Runs both, in this process, with the same time limit and workers on every
job-shop (jsp/*.txt) and flexible job-shop (fjsp/*.fjs) instance, and compares
their makespans with the best known ones in each folder's bounds.json.

    python benchmarks/scheduling.py --time-limit 60 --workers 2 --markdown out.md
    python benchmarks/scheduling.py --only ft06,la21,mk01 --time-limit 10

With several seeds the figure per instance is the median makespan; a solver
that proves a makespan optimal is not run again with the other seeds (it would
find the same makespan). Every schedule is checked by the independent checker
before it counts. The table is rewritten and a JSON line appended after every
instance, so a partial run is not lost; `--resume` skips the instances the
JSON lines file already holds:

    nohup python benchmarks/scheduling.py --time-limit 60 --workers 2 \
        --markdown /tmp/shop.md --jsonl /tmp/shop.jsonl --resume > /tmp/shop.log &
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from baseline_cpsat import solve_baseline
from surgeplan.scheduling.shop import (
    ShopFormat,
    ShopInstance,
    ShopSolution,
    ShopStatus,
    check_shop_solution,
    read_shop_instance,
    solve_shop,
)

DEFAULT_INSTANCES = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"
SETS = (("fjsp", "*.fjs", ShopFormat.FJSP), ("jsp", "*.txt", ShopFormat.JSP))

Solver = Callable[[ShopInstance, float, int, int], ShopSolution | None]


@dataclass
class Row:
    """One instance's result for both solvers (medians over the seeds)."""

    set_name: str
    instance: str
    size: str
    best_known: int | None
    ours: int | None
    ours_lower_bound: int | None
    ours_seconds: float
    baseline: int | None
    baseline_seconds: float
    ours_runs: list[int | None]
    baseline_runs: list[int | None]

    def gap(self, makespan: int | None) -> float | None:
        if makespan is None or not self.best_known:
            return None
        return 100.0 * (makespan - self.best_known) / self.best_known


def _ours(
    instance: ShopInstance, limit: float, workers: int, seed: int
) -> ShopSolution:
    return solve_shop(instance, limit, workers, seed)


def _checked_run(
    solver: Solver, instance: ShopInstance, limit: float, workers: int, seed: int
) -> tuple[ShopSolution | None, float]:
    began = time.perf_counter()
    solution = solver(instance, limit, workers, seed)
    seconds = time.perf_counter() - began
    if solution is not None:
        violations = check_shop_solution(instance, solution)
        if violations:
            print(f"  INVALID schedule from {solver.__name__}: {violations[:3]}")
            return None, seconds
    return solution, seconds


def _median(values: list[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    if len(present) < len(values) or not present:
        return None
    return round(statistics.median(present))


def _run_instance(
    set_name: str,
    path: Path,
    shop_format: ShopFormat,
    bounds: dict[str, object],
    args: argparse.Namespace,
) -> Row:
    instance = read_shop_instance(path, shop_format)
    entry = bounds.get(instance.name)
    best = entry.get("ub") if isinstance(entry, dict) else None
    ours_runs: list[int | None] = []
    base_runs: list[int | None] = []
    ours_lbs: list[int] = []
    ours_time = base_time = 0.0
    ours_optimal = base_optimal = False
    for seed in args.seeds:
        if ours_optimal:
            ours_runs.append(ours_runs[-1])
        else:
            ours, seconds = _checked_run(
                _ours, instance, args.time_limit, args.workers, seed
            )
            ours_time += seconds
            ours_runs.append(None if ours is None else ours.makespan)
            if ours is not None:
                ours_lbs.append(ours.lower_bound)
                ours_optimal = ours.status is ShopStatus.OPTIMAL
        if args.skip_baseline:
            continue
        if base_optimal:
            base_runs.append(base_runs[-1])
            continue
        base, seconds = _checked_run(
            solve_baseline, instance, args.time_limit, args.workers, seed
        )
        base_time += seconds
        base_runs.append(None if base is None else base.makespan)
        base_optimal = base is not None and base.status is ShopStatus.OPTIMAL
    ours_solves = max(1, len(ours_lbs))
    base_solves = max(1, len([r for r in base_runs if r is not None]))
    return Row(
        set_name,
        instance.name,
        f"{len(instance.jobs)}x{len(instance.machines)}",
        best if isinstance(best, int) else None,
        _median(ours_runs),
        max(ours_lbs) if ours_lbs else None,
        ours_time / ours_solves,
        _median(base_runs) if base_runs else None,
        base_time / base_solves,
        ours_runs,
        base_runs,
    )


WORSE_THAN_BASELINE_PERCENT = 0.5


def _worse_than_baseline(rows: list[Row]) -> list[str]:
    """Instances where ours is longer than the baseline by more than 0.5 %."""
    return [
        f"{row.instance} ({row.ours} vs {row.baseline})"
        for row in rows
        if row.ours is not None
        and row.baseline is not None
        and 100.0 * (row.ours - row.baseline) / row.baseline
        > WORSE_THAN_BASELINE_PERCENT
    ]


def _fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _set_means(rows: list[Row]) -> dict[str, tuple[float | None, float | None, int]]:
    means = {}
    for set_name in sorted({row.set_name for row in rows}):
        in_set = [row for row in rows if row.set_name == set_name]
        ours = [row.gap(row.ours) for row in in_set]
        base = [row.gap(row.baseline) for row in in_set]
        means[set_name] = (
            statistics.mean(g for g in ours if g is not None)
            if any(g is not None for g in ours)
            else None,
            statistics.mean(g for g in base if g is not None)
            if any(g is not None for g in base)
            else None,
            len(in_set),
        )
    return means


def markdown_table(rows: list[Row], args: argparse.Namespace) -> str:
    lines = [
        f"# Shop benchmark: {args.time_limit:g} s, {args.workers} workers, "
        f"seeds {','.join(map(str, args.seeds))}",
        "",
        "Gap = (makespan - best known) / best known. Ours: `solve_shop`; baseline: "
        "the textbook CP-SAT model (benchmarks/baseline_cpsat.py).",
        "",
        "| set | instance | size | best known | ours | LB ours | gap ours % "
        "| baseline | gap baseline % | ours s | baseline s |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row.set_name} | {row.instance} | {row.size} | {row.best_known} "
            f"| {row.ours} | {row.ours_lower_bound} | {_fmt(row.gap(row.ours))} "
            f"| {row.baseline if row.baseline is not None else '-'} "
            f"| {_fmt(row.gap(row.baseline))} | {_fmt(row.ours_seconds, 1)} "
            f"| {_fmt(row.baseline_seconds, 1)} |"
        )
    lines += [
        "",
        "| set | instances | mean gap ours % | mean gap baseline % |",
        "|---|---:|---:|---:|",
    ]
    for set_name, (ours, base, count) in _set_means(rows).items():
        lines.append(f"| {set_name} | {count} | {_fmt(ours)} | {_fmt(base)} |")
    worse = _worse_than_baseline(rows)
    lines += [
        "",
        "Ours worse than the baseline by more than 0.5 %: "
        + (", ".join(worse) if worse else "none"),
    ]
    return "\n".join(lines) + "\n"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", type=Path, default=DEFAULT_INSTANCES)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", default="", help="comma-separated instance names")
    parser.add_argument(
        "--seeds", default="0", help="comma-separated seeds; the median counts"
    )
    parser.add_argument("--sets", default="fjsp,jsp", help="jsp, fjsp or both")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--markdown", type=Path, help="write the table here")
    parser.add_argument("--jsonl", type=Path, help="append one JSON line per instance")
    parser.add_argument(
        "--resume",
        action="store_true",
        help="keep the instances already in --jsonl and run only the others",
    )
    args = parser.parse_args(argv)
    args.seeds = [int(seed) for seed in args.seeds.split(",") if seed]
    args.only = {name for name in args.only.split(",") if name}
    return args


def _rows_done(args: argparse.Namespace) -> list[Row]:
    if not (args.resume and args.jsonl and args.jsonl.exists()):
        return []
    lines = args.jsonl.read_text().splitlines()
    return [Row(**json.loads(line)) for line in lines if line.strip()]


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    wanted_sets = set(args.sets.split(","))
    rows = _rows_done(args)
    done = {(row.set_name, row.instance) for row in rows}
    print(
        f"{'instance':10} {'best':>6} {'ours':>6} {'LB':>6} {'gap%':>6} "
        f"{'base':>6} {'gap%':>6} {'s ours':>7} {'s base':>7}",
        flush=True,
    )
    for set_name, pattern, shop_format in SETS:
        folder = args.instances / set_name
        if set_name not in wanted_sets or not folder.is_dir():
            continue
        bounds_file = folder / "bounds.json"
        bounds = json.loads(bounds_file.read_text()) if bounds_file.exists() else {}
        for path in sorted(folder.glob(pattern)):
            if args.only and path.stem not in args.only:
                continue
            if (set_name, path.stem) in done:
                continue
            row = _run_instance(set_name, path, shop_format, bounds, args)
            rows.append(row)
            print(
                f"{row.instance:10} {row.best_known or '-':>6} {row.ours or '-':>6} "
                f"{row.ours_lower_bound or '-':>6} {_fmt(row.gap(row.ours)):>6} "
                f"{row.baseline or '-':>6} {_fmt(row.gap(row.baseline)):>6} "
                f"{row.ours_seconds:7.1f} {row.baseline_seconds:7.1f}",
                flush=True,
            )
            if args.jsonl:
                with args.jsonl.open("a") as stream:
                    stream.write(json.dumps(asdict(row)) + "\n")
            if args.markdown:
                args.markdown.write_text(markdown_table(rows, args))
    for set_name, (ours, base, count) in _set_means(rows).items():
        print(
            f"mean gap {set_name} ({count}): ours {_fmt(ours)} %, "
            f"baseline {_fmt(base)} %"
        )
    worse = _worse_than_baseline(rows)
    print("ours worse than baseline by > 0.5 %:", ", ".join(worse) or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
