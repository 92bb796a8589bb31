"""`solve_shop`: the shortest schedule a time limit allows, and a proven bound.

Four steps, each starting from the best schedule so far:

1. dispatching rules give a schedule at once (and the first upper bound);
2. the whole CP-SAT model, for a tenth of the time: small shops end here,
   proven optimal, and every shop gets a lower bound; a shop of at most
   `SMALL_SHOP_OPERATIONS` operations keeps the whole model for all the time
   (measured on the OR-Library 10x10 and 15x10 shops at 60 s and 2 workers:
   CP-SAT's own search found and proved optima there that our neighbourhoods,
   interrupting it, missed; orb03 1024 against 1005, la21 1055 against 1047;
   and on the 15x15 and 20x10 shops: la40 1222 against 1229 and 1246 with the
   neighbourhoods, la29 1163 against 1177 and 1186, la27 1262 against 1256 and
   1269, la38 1205 against 1201);
3. large neighbourhood search until the time is up or it stops improving;
4. the whole model again with whatever time is left, to raise the bound
   (and sometimes shorten the schedule).

Every step stops as soon as the makespan meets the lower bound.

Repeatability: with `deterministic_time` set, every CP-SAT call is limited in
deterministic time and the neighbourhood rounds wait for all their workers, so
the same seed and number of workers give the same schedule, as long as the
wall-clock limit is not reached first. With only a wall-clock limit the result
depends on the machine's speed and load.
"""

from __future__ import annotations

import logging
import time

from surgeplan.scheduling.shop.budget import Budget
from surgeplan.scheduling.shop.dispatch import best_dispatch_schedule
from surgeplan.scheduling.shop.full_model import solve_full_model
from surgeplan.scheduling.shop.instance import ShopInstance
from surgeplan.scheduling.shop.lns import LnsOutcome, run_lns
from surgeplan.scheduling.shop.model import Schedule
from surgeplan.scheduling.shop.solution import (
    ShopSolution,
    ShopStatistics,
    ShopStatus,
    makespan_of,
)

LOG = logging.getLogger(__name__)

FIRST_FULL_SOLVE_SHARE = 0.1
SMALL_SHOP_OPERATIONS = 225
STALLED_AFTER_SUB_PROBLEMS = 40
EPOCH_SHARE = 0.15
STRATEGY = ("ours", "cpsat")


def _stalled(workers: int) -> object:
    rounds = max(1, STALLED_AFTER_SUB_PROBLEMS // max(1, workers))

    def should_stop(outcome: LnsOutcome) -> bool:
        return outcome.rounds_since_improvement >= rounds

    return should_stop


def solve_shop(
    instance: ShopInstance,
    time_limit_s: float = 60.0,
    workers: int = 2,
    seed: int = 0,
    *,
    deterministic_time: float | None = None,
) -> ShopSolution:
    """Schedule every operation so that the last one ends as early as possible.

    Anytime: whatever the limit, the best schedule found and the best proven
    lower bound come back. A schedule always exists, so this never fails.

    Args:
        instance: the shop.
        time_limit_s: wall-clock limit in seconds.
        workers: threads CP-SAT and the neighbourhood search may use.
        seed: seeds the randomized rules, the neighbourhoods and CP-SAT.
        deterministic_time: a budget in CP-SAT deterministic time; when given,
            the search is repeatable for a given seed and number of workers.
    """
    began = time.perf_counter()
    budget = Budget.starting_now(time_limit_s, deterministic_time)
    schedule: Schedule = best_dispatch_schedule(instance, seed)
    heuristic_makespan = makespan_of(schedule)
    lower_bound = min(instance.trivial_lower_bound(), heuristic_makespan)
    iterations = improvements = 0

    def finish() -> ShopSolution:
        makespan = makespan_of(schedule)
        return ShopSolution(
            makespan=makespan,
            lower_bound=min(lower_bound, makespan),
            status=(
                ShopStatus.OPTIMAL if lower_bound >= makespan else ShopStatus.FEASIBLE
            ),
            seconds=time.perf_counter() - began,
            operations_by_job=schedule,
            statistics=ShopStatistics(
                heuristic_makespan=heuristic_makespan,
                lns_iterations=iterations,
                lns_improvements=improvements,
                deterministic_time=budget.spent,
            ),
        )

    LOG.info(
        "%s: dispatching rules %d, bound %d (%.1f s)",
        instance.name,
        heuristic_makespan,
        lower_bound,
        time.perf_counter() - began,
    )
    if lower_bound >= heuristic_makespan or budget.is_exhausted():
        return finish()
    is_small = instance.operation_count <= SMALL_SHOP_OPERATIONS
    first = solve_full_model(
        instance,
        schedule,
        budget,
        1.0 if is_small else FIRST_FULL_SOLVE_SHARE,
        workers,
        seed,
    )
    schedule, lower_bound = first.schedule, max(lower_bound, first.lower_bound)
    LOG.info(
        "%s: whole model %d, bound %d (%.1f s)",
        instance.name,
        first.makespan,
        lower_bound,
        time.perf_counter() - began,
    )
    if first.is_optimal or budget.is_exhausted():
        return finish()
    total = budget.deterministic_time or time_limit_s
    epoch_length = EPOCH_SHARE * total
    cycle_start = makespan_of(schedule)
    epoch = 0
    while not budget.is_exhausted() and makespan_of(schedule) > lower_bound:
        left = budget.share(1.0)
        fraction = 1.0 if left < 1.5 * epoch_length else epoch_length / left
        if STRATEGY[epoch % len(STRATEGY)] == "ours":
            outcome = run_lns(
                instance,
                schedule,
                budget.slice(fraction),
                workers,
                seed + epoch,
                lower_bound=lower_bound,
            )
            schedule = outcome.schedule
            iterations += outcome.iterations
            improvements += outcome.improvements
        else:
            found = solve_full_model(
                instance,
                schedule,
                budget,
                fraction,
                workers,
                seed + epoch,
                improve_only=True,
            )
            schedule, lower_bound = found.schedule, max(lower_bound, found.lower_bound)
        epoch += 1
        LOG.info(
            "%s: epoch %d %s -> %d (%.1f s)",
            instance.name,
            epoch,
            STRATEGY[(epoch - 1) % len(STRATEGY)],
            makespan_of(schedule),
            time.perf_counter() - began,
        )
        if epoch % len(STRATEGY) == 0:
            if makespan_of(schedule) >= cycle_start:
                break
            cycle_start = makespan_of(schedule)
    if makespan_of(schedule) <= lower_bound or budget.is_exhausted():
        return finish()
    last = solve_full_model(instance, schedule, budget, 1.0, workers, seed + 1)
    schedule, lower_bound = last.schedule, max(lower_bound, last.lower_bound)
    LOG.info(
        "%s: whole model %d, bound %d (%.1f s)",
        instance.name,
        last.makespan,
        lower_bound,
        time.perf_counter() - began,
    )
    return finish()
