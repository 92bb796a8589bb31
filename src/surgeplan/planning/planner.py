"""The planning run: learning iterations around HiGHS solves, then the Plan.

Learning is handled by successive solves. Hours per unit of each item and site are
first estimated from the milestones, then from the LP relaxation's output; each solve's
cumulative output gives new hours per unit by Wright's law; the loop stops when no
estimate moves by more than 0.8 %. The whole-number decisions (conversions, shift
patterns, minimum orders) are rounded from the relaxation and kept fixed in the loop;
a MILP started from the loop's first plan runs beside it and, if it finds better
decisions, the loop runs again with them. The earliest-date LPs also run beside it.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from pathlib import Path

import highspy
import numpy as np

from surgeplan.planning.contradiction import (
    ContradictoryScenarioError,
    PlanningTimeoutError,
    explain_infeasible,
)
from surgeplan.planning.earliest import earliest_buckets
from surgeplan.planning.extract import extract_plan
from surgeplan.planning.formulation import PlanningModel, build_model, integer_columns
from surgeplan.planning.index_build import build_index
from surgeplan.planning.learning_estimates import (
    LearningSteps,
    average_factors,
    initial_factors,
    output_by_item_site,
    wright_factors,
)
from surgeplan.planning.model_builder import FloatArray
from surgeplan.planning.plan import Plan, SolveStatus
from surgeplan.planning.rounding import (
    decisions_of,
    removing_conversions_off,
    round_decisions,
)
from surgeplan.planning.side_solves import Improved, SideSolves
from surgeplan.planning.solve import Progress, SolveResult, solve_model, write_model
from surgeplan.planning.targets import PlanTargets
from surgeplan.planning.variables import make_weights
from surgeplan.scenario import Scenario

# The loop's change sums absolute differences, bucket by bucket: stricter than the
# checker's 1 % on each item and site's total hours, which 0.8 % keeps with a margin.
LEARNING_TOLERANCE = 0.008
MAX_LEARNING_ITERATIONS = 30
# A loop still moving after this many solves circles around a threshold: it is
# settled (see _PlannerRun._settle) in at most SETTLE_SOLVES more.
SETTLE_AFTER_SOLVES = 10
SETTLE_SOLVES = 10
# The MILP improves on the rounded decisions within a share of the time: on the drone
# example its bound stays weak (big lateness weights), so a long search rarely pays.
LP_FLOOR_S = 30.0
MILP_SHARE = 0.5
MILP_SHARE_OF_LIMIT = 0.05
# After the loop the MILP gets as long again as it had, and at least this: on a
# generated case it proved its better plan 1.1 s after its start.
MILP_LEAST_S = 1.0


__all__ = ["ContradictoryScenarioError", "PlanningTimeoutError", "run_planner"]


def run_planner(
    scenario: Scenario,
    *,
    time_limit_s: float = 60.0,
    mip_gap: float = 1e-4,
    allow_core_impact: bool = False,
    threads: int = 2,
    write_mps: Path | None = None,
    progress: Progress | None = None,
    targets: PlanTargets | None = None,
) -> Plan:
    """Plan the surge; see `surgeplan.planning.plan`."""
    run = _PlannerRun(
        scenario,
        targets=targets,
        time_limit_s=time_limit_s,
        mip_gap=mip_gap,
        allow_core_impact=allow_core_impact,
        threads=threads,
        progress=progress,
    )
    try:
        return run.execute(write_mps)
    except _InfeasibleModelError:
        # Explained once, when the run gives up: infeasible solves the run recovers
        # from (rounding retries, the MILP's decisions) need no explanation.
        raise explain_infeasible(
            run.index,
            allow_core_impact=allow_core_impact,
            factors=run.factors,
            weights=run.weights,
        ) from None


class _InfeasibleModelError(Exception):
    """HiGHS proved a planning model infeasible (explained by `run_planner`)."""


class _PlannerRun:
    """One planning run: relax and round, learn, polish with the MILP, extract."""

    def __init__(
        self,
        scenario: Scenario,
        *,
        targets: PlanTargets | None,
        time_limit_s: float,
        mip_gap: float,
        allow_core_impact: bool,
        threads: int,
        progress: Progress | None,
    ) -> None:
        self.started = time.perf_counter()
        self.deadline = self.started + time_limit_s
        self.time_limit_s = time_limit_s
        self.mip_gap = mip_gap
        self.allow_core_impact = allow_core_impact
        self.threads = threads
        self.say: Progress = progress or (lambda _message: None)
        self.index = build_index(scenario, targets)
        self.weights = make_weights(self.index)
        self.factors = initial_factors(self.index)
        self.averages: dict[tuple[str, str], float] | None = None
        self.build_seconds = 0.0
        self.solve_seconds = 0.0
        self.iterations = 0
        self.steps = LearningSteps()
        self.accounting = threading.Lock()
        self.change = float("inf")
        self.status = SolveStatus.OPTIMAL
        self.gap: float | None = None
        self.basis: highspy.HighsBasis | None = None

    def _build(self) -> PlanningModel:
        """The model for the current learning factors, its build time counted."""
        tick = time.perf_counter()
        model = build_model(
            self.index,
            self.factors,
            self.weights,
            allow_core_impact=self.allow_core_impact,
            average_factors=self.averages,
        )
        self.build_seconds += time.perf_counter() - tick
        return model

    def _solve(
        self,
        model: PlanningModel,
        *,
        integer: bool,
        fixed_columns: dict[int, float] | None = None,
        start: FloatArray | None = None,
        basis: highspy.HighsBasis | None = None,
        time_limit_s: float | None = None,
        stop: threading.Event | None = None,
        on_improved: Improved | None = None,
    ) -> SolveResult:
        """One HiGHS solve within what is left of the run's time limit.

        Raises:
            _InfeasibleModelError: HiGHS proved the model infeasible.
        """
        remaining = max(self.deadline - time.perf_counter(), 1.0)
        limit = (
            remaining if time_limit_s is None else min(float(time_limit_s), remaining)
        )
        if not integer:
            # A plan must come out: an LP may always take a minimum time, even past
            # the limit, which bounds the search for better plans, not the first one.
            limit = max(limit, LP_FLOOR_S)
        result = solve_model(
            model.builder,
            integer=integer,
            fixed_columns=fixed_columns,
            time_limit_s=limit,
            mip_gap=self.mip_gap,
            threads=self.threads,
            progress=self.say,
            start=start,
            basis=basis,
            stop=stop,
            on_improved=on_improved,
        )
        with self.accounting:
            self.solve_seconds += result.seconds
        if result.status is SolveStatus.INFEASIBLE:
            raise _InfeasibleModelError
        if result.status is SolveStatus.NO_SOLUTION and not integer:
            raise PlanningTimeoutError(
                f"HiGHS found no plan within {limit:.0f} s; raise --time-limit or "
                "shorten the horizon"
            )
        if result.status is SolveStatus.TIME_LIMIT and not integer:
            self.status = SolveStatus.TIME_LIMIT
        return result

    def _learn(
        self,
        fixed: dict[int, float],
        after_first: Callable[[PlanningModel, SolveResult], None] | None = None,
    ) -> tuple[PlanningModel, SolveResult]:
        """LP solves with decisions fixed until hours per unit settle.

        `after_first` is told the first solve, e.g. to start the MILP from it. A loop
        that has not settled after SETTLE_AFTER_SOLVES solves is settled by `_settle`.
        """
        solves = 0
        while True:
            self.iterations += 1
            solves += 1
            model, result = self._learning_solve(fixed)
            if after_first is not None:
                after_first(model, result)
                after_first = None
            output = output_by_item_site(model, result)
            used = self.factors
            self.factors, self.change = self.steps.update(
                self.index, output, used, first=False
            )
            self.say(f"hours per unit moved by at most {100 * self.change:.2f} %")
            if self.change < LEARNING_TOLERANCE:
                return model, result
            out_of_time = time.perf_counter() > self.deadline
            if solves >= SETTLE_AFTER_SOLVES and not out_of_time:
                self.factors = used
                return self._settle(fixed, model, result)
            if out_of_time or self.iterations >= MAX_LEARNING_ITERATIONS:
                self.status = SolveStatus.TIME_LIMIT
                return model, result

    def _learning_solve(
        self, fixed: dict[int, float]
    ) -> tuple[PlanningModel, SolveResult]:
        """One LP with the current hours per unit, from the last basis."""
        model = self._build()
        self.say(
            f"iteration {self.iterations}: LP with {model.builder.num_columns:,} "
            f"variables and {model.builder.num_rows:,} constraints"
        )
        result = self._solve(
            model, integer=False, fixed_columns=fixed, basis=self.basis
        )
        self.basis = result.basis
        return model, result

    def _settle(
        self, fixed: dict[int, float], model: PlanningModel, result: SolveResult
    ) -> tuple[PlanningModel, SolveResult]:
        """A plan whose hours are Wright's law on its own output, when the loop cycles.

        Some plans have no LP vertex that is its own fixed point: as the hours cross a
        threshold the output jumps (units move between buckets or sites) and the loop
        circles around the crossing. Raising each estimate to Wright's law on the
        output wherever the law asks more, and never lowering one, ends at a plan that
        assumes at least the hours the law gives its output (the estimates only rise,
        up to the first unit's). Its output, fixed, then takes exactly the law's
        hours: fewer hours than planned, so it still fits.
        """
        self.say("learning: the hours circle around a threshold; settling them")
        for _ in range(SETTLE_SOLVES):
            output = output_by_item_site(model, result)
            targets = wright_factors(self.index, output)
            short = any(
                bool(
                    np.any(targets[key][units > 1e-6] > self.factors[key][units > 1e-6])
                )
                for key, units in output.items()
            )
            if not short:
                break
            self.factors = {
                key: np.maximum(self.factors[key], targets[key]) for key in targets
            }
            self.iterations += 1
            model, result = self._learning_solve(fixed)
        else:
            self.status = SolveStatus.TIME_LIMIT
            return model, result
        output_fixed = {
            int(column): max(float(value), 0.0)
            for block in model.variables.make.values()
            for column, value in zip(
                block.columns, result.columns[block.columns], strict=True
            )
        }
        conservative = (self.factors, model, result)
        self.factors = targets
        self.iterations += 1
        try:
            model, result = self._learning_solve({**fixed, **output_fixed})
        except _InfeasibleModelError:
            # Only rounding at HiGHS's tolerances can get here: keep the plan that
            # assumes a little more work than the law.
            self.factors, model, result = conservative
            self.status = SolveStatus.TIME_LIMIT
            return model, result
        self.change = 0.0
        return model, result

    def _polish(
        self,
        model: PlanningModel,
        start: SolveResult,
        stop: threading.Event,
        improved: Improved,
    ) -> SolveResult:
        """The MILP over the whole-number decisions, started from a feasible plan."""
        polish_s = min(
            max(self.deadline - time.perf_counter(), 0.0) * MILP_SHARE,
            max(1.0, MILP_SHARE_OF_LIMIT * self.time_limit_s),
        )
        return self._solve(
            model,
            integer=True,
            start=start.columns,
            time_limit_s=max(polish_s, 1.0),
            stop=stop,
            on_improved=improved,
        )

    def _relearn(
        self, fixed: dict[int, float], current: tuple[PlanningModel, SolveResult]
    ) -> tuple[PlanningModel, SolveResult]:
        """Learn again with the MILP's decisions; keep the current plan unless better.

        The MILP ran on the hours per unit of the loop's first solve; with the hours
        learnt since, its decisions can leave no room (e.g. for protected core load),
        or cost more once their own learning is counted. Both plans are learnt to the
        same tolerance, so their objectives compare. An attempt to improve must not
        turn a plan into a refusal, nor into a worse plan.
        """
        kept = (self.factors, self.change, self.basis, self.steps, self.status)
        # Other decisions, another fixed point: the steps start afresh.
        self.steps = LearningSteps()
        self.basis = None
        try:
            relearnt = self._learn(fixed)
        except _InfeasibleModelError:
            self.say(
                "MILP: its decisions do not fit the learnt hours; keeping the plan"
            )
        else:
            current_objective = current[1].objective
            tolerance = 1e-6 * max(1.0, abs(current_objective))
            if relearnt[1].objective < current_objective - tolerance:
                return relearnt
            self.say("MILP: its decisions cost more once learnt; keeping the plan")
        self.factors, self.change, self.basis, self.steps, self.status = kept
        return current

    def _first_plan(
        self,
        relaxed_model: PlanningModel,
        fixed: dict[int, float],
        integer: list[int],
        after_first: Callable[[PlanningModel, SolveResult], None],
    ) -> tuple[PlanningModel, SolveResult]:
        """The learning loop on the rounded decisions, or on decisions that fit.

        Rounding keeps core load whole on its own work center, but a rounded-up
        conversion may remove a capability whose core load then has nowhere to go:
        the first retry drops the conversions that remove capabilities. If that fails
        too, the MILP looks for whole-number decisions that fit; only if it proves
        there are none is the scenario refused.
        """
        # No basis for the first fixed LP: from the relaxation's basis, with the
        # decisions' bounds changed, dual simplex took twice as long as a cold start.
        self.basis = None
        try:
            return self._learn(fixed, after_first)
        except _InfeasibleModelError:
            self.say("relaxation: rounding left no room for moved core load; retrying")
        self.basis = None
        try:
            return self._learn(
                {**fixed, **removing_conversions_off(self.index, relaxed_model)},
                after_first,
            )
        except _InfeasibleModelError:
            self.say("rounding left no room for core load: the MILP looks for room")
        found = self._solve(relaxed_model, integer=True)
        if found.status is SolveStatus.NO_SOLUTION:
            raise PlanningTimeoutError(
                "HiGHS found no whole-number decisions that keep core load whole "
                "within the time limit; raise --time-limit"
            )
        self.basis = None
        return self._learn(decisions_of(found.columns, integer), after_first)

    def _learn_with_side_solves(
        self,
        relaxed_model: PlanningModel,
        fixed: dict[int, float],
        side: SideSolves,
    ) -> tuple[PlanningModel, SolveResult]:
        """The learning loop, with the earliest dates and the MILP beside it."""
        # The earliest-date LPs start from scratch: from the relaxation's basis
        # (another objective) they took 25 times longer.
        earliest_model = self._build()
        side.start_earliest(
            lambda: earliest_buckets(
                self.index,
                earliest_model,
                self.threads,
                deadline=self.deadline,
                stop=side.stop_earliest,
            )
        )
        integer = integer_columns(relaxed_model)

        def start_polish(first_model: PlanningModel, first: SolveResult) -> None:
            # The MILP starts from the first learning solve, on that solve's own
            # model (so the start is feasible as it stands).
            if integer and time.perf_counter() < self.deadline:
                self.say(f"MILP: improving {len(integer):,} whole-number decisions")
                side.start_polish(
                    first,
                    lambda improved: self._polish(
                        first_model, first, side.stop_polish, improved
                    ),
                )

        result = self._first_plan(relaxed_model, fixed, integer, start_polish)
        for polish in side.polishes:
            milp = side.finish_polish(polish, MILP_LEAST_S)
            # HiGHS gives an infinite gap when it has no bound yet: no gap is known.
            gap = milp.mip_gap
            self.gap = gap if gap is not None and math.isfinite(gap) else None
            start = polish.start.objective
            if milp.objective < start - 1e-6 * max(1.0, abs(start)):
                self.say("MILP: better decisions found; learning again with them")
                result = self._relearn(decisions_of(milp.columns, integer), result)
            if (
                milp.status is not SolveStatus.OPTIMAL
                or (self.gap or 0.0) > self.mip_gap
            ):
                self.status = SolveStatus.FEASIBLE
        # The plan is the last learning solve: its hours per unit are those of Wright's
        # law on its own output to within the tolerance, weighted by the units made.
        return result

    def execute(self, write_mps: Path | None) -> Plan:
        """Relax and round, learn beside the MILP, and extract the plan."""
        model = self._build()
        if write_mps is not None:
            write_model(model.builder, write_mps)
        self.say("relaxation: whole-number decisions rounded from the LP")
        relaxed = self._solve(model, integer=False)
        self.iterations += 1
        fixed = round_decisions(self.index, model, relaxed.columns)
        # The relaxation's own output is a better first guess of learning than the
        # milestones: the learning loop starts from it.
        relaxed_output = output_by_item_site(model, relaxed)
        self.factors, self.change = self.steps.update(
            self.index, relaxed_output, self.factors, first=True
        )
        # Labour is priced per unit at the average learning factor of that output,
        # the same in every later solve (see formulation._price_labour_per_unit).
        self.averages = average_factors(self.index, relaxed_output)
        side = SideSolves()
        try:
            model, final = self._learn_with_side_solves(model, fixed, side)
            earliest = side.earliest_dates(self.deadline)
        except BaseException:
            side.stop_all()
            raise
        return extract_plan(
            self.index,
            model,
            final,
            self.weights,
            allow_core_impact=self.allow_core_impact,
            earliest=earliest,
            milp_gap=self.gap,
            status=self.status,
            learning_iterations=self.iterations,
            learning_change=self.change,
            build_seconds=self.build_seconds,
            solve_seconds=self.solve_seconds,
            total_seconds=time.perf_counter() - self.started,
        )
