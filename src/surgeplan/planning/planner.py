"""The planning run: learning iterations around HiGHS solves, then the Plan.

Learning is handled by successive solves. Hours per unit of each item and site are
first estimated from the milestones, then from the LP relaxation's output; each solve's
cumulative output gives new hours per unit by Wright's law; the loop stops when no
estimate moves by more than 0.8 %. The whole-number decisions (conversions, shift
patterns, minimum orders) are rounded from the relaxation and kept fixed in the loop.
A plan still late is tried again with the shift patterns rounded up. Then, if the
time limit affords it, the MILP searches the whole-number decisions from the learnt
plan within work limits, and the loop learns again with better decisions it finds.

Every phase runs to its end and the next waits for it: counts (iterations, nodes)
and the model, never the clock, decide which plan comes out, so the same scenario
gives the same plan on a quiet and on a loaded machine. The time limit decides
beforehand whether the MILP runs (from its estimated time), and is otherwise only a
backstop: a solve it stops makes the plan say so. The earliest-date LPs run beside.
"""

from __future__ import annotations

import time
from pathlib import Path

import highspy
import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.keys import ItemSite
from surgeplan.planning.model.formulation import (
    PlanningModel,
    build_model,
    integer_columns,
)
from surgeplan.planning.model.index_build import build_index
from surgeplan.planning.model.replan_anchor import PlanAnchor
from surgeplan.planning.model.variables import make_weights
from surgeplan.planning.results.plan import (
    Plan,
    SolverInfo,
    SolveStatus,
    WholeNumberSearch,
)
from surgeplan.planning.solution.extract import extract_plan
from surgeplan.planning.solve.contradiction import (
    ContradictoryScenarioError,
    PlanningTimeoutError,
    explain_infeasible,
)
from surgeplan.planning.solve.earliest import EarliestDates, earliest_buckets
from surgeplan.planning.solve.highs import (
    Progress,
    SolveResult,
    highs_version,
    solve_model,
    write_model,
)
from surgeplan.planning.solve.learning_estimates import (
    LearningSteps,
    asks_more_than,
    average_factors,
    initial_factors,
    output_by_item_site,
    output_columns,
    wright_factors,
)
from surgeplan.planning.solve.milp_search import (
    MILP_ROUNDS,
    MILP_SHARE_LATE,
    MILP_SHARE_ON_TIME,
    MILP_WORK_LIMITS,
    SearchOutcome,
    is_late,
    milp_estimate_s,
    misses_targets,
    plan_status,
    relative_gap,
)
from surgeplan.planning.solve.rounding import (
    decisions_of,
    removing_conversions_off,
    round_decisions,
)
from surgeplan.planning.solve.side_solves import SideSolves
from surgeplan.planning.targets import PlanTargets
from surgeplan.scenario import Scenario

# The loop's change sums absolute differences, bucket by bucket: stricter than the
# checker's 1 % on each item and site's total hours, which 0.8 % keeps with a margin.
LEARNING_TOLERANCE = 0.008
# A loop still moving after this many solves circles around a threshold: it is
# settled (see _PlannerRun._settle) in at most SETTLE_SOLVES more.
SETTLE_AFTER_SOLVES = 10
SETTLE_SOLVES = 10
# A plan may always take this long for an LP: the time limit bounds the search for
# better plans, not the first one.
LP_FLOOR_S = 30.0
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
    anchor: PlanAnchor | None = None,
) -> Plan:
    """Plan the surge; see `surgeplan.planning.plan` (`anchor`: a re-plan's)."""
    run = _PlannerRun(
        scenario,
        targets=targets,
        anchor=anchor,
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
    """One planning run: relax and round, learn, search the MILP, extract."""

    def __init__(
        self,
        scenario: Scenario,
        *,
        targets: PlanTargets | None,
        anchor: PlanAnchor | None,
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
        self.index.anchor = anchor
        self.weights = make_weights(self.index)
        self.factors = initial_factors(self.index)
        self.averages: dict[ItemSite, float] | None = None
        self.build_seconds = 0.0
        self.solve_seconds = 0.0
        self.iterations = 0
        self.steps = LearningSteps()
        self.change = float("inf")
        self.settled = True
        self.stopped_by_time_limit = False
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
    ) -> SolveResult:
        """One HiGHS solve, the rest of the run's time limit as its backstop.

        Raises:
            _InfeasibleModelError: HiGHS proved the model infeasible.
        """
        limit = max(self.deadline - time.perf_counter(), 1.0)
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
            work_limits=MILP_WORK_LIMITS if integer else None,
        )
        self.solve_seconds += result.seconds
        if result.status is SolveStatus.INFEASIBLE:
            raise _InfeasibleModelError
        if result.status is SolveStatus.NO_SOLUTION and not integer:
            raise PlanningTimeoutError(
                f"HiGHS found no plan within {limit:.0f} s; raise --time-limit or "
                "shorten the horizon"
            )
        if result.status is SolveStatus.TIME_LIMIT:
            self.stopped_by_time_limit = True
        return result

    def _learn(self, fixed: dict[int, float]) -> tuple[PlanningModel, SolveResult]:
        """LP solves with decisions fixed until hours per unit settle.

        A loop that has not settled after SETTLE_AFTER_SOLVES solves is settled by
        `_settle`. Only counts end the loop; the time limit is a backstop.
        """
        solves = 0
        self.settled = True
        while True:
            self.iterations += 1
            solves += 1
            model, result = self._learning_solve(fixed)
            output = output_by_item_site(model, result)
            used = self.factors
            self.factors, self.change = self.steps.update(
                self.index, output, used, first=False
            )
            self.say(f"hours per unit moved by at most {100 * self.change:.2f} %")
            if self.change < LEARNING_TOLERANCE:
                return model, result
            if time.perf_counter() > self.deadline:
                self.stopped_by_time_limit = True
                self.settled = False
                return model, result
            if solves >= SETTLE_AFTER_SOLVES:
                self.factors = used
                return self._settle(fixed, model, result)

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
            if not asks_more_than(targets, self.factors, output):
                break
            self.factors = {
                key: np.maximum(self.factors[key], targets[key]) for key in targets
            }
            self.iterations += 1
            model, result = self._learning_solve(fixed)
        else:
            self.settled = False
            return model, result
        output_fixed = output_columns(model, result)
        conservative = (self.factors, model, result)
        self.factors = targets
        self.iterations += 1
        try:
            model, result = self._learning_solve({**fixed, **output_fixed})
        except _InfeasibleModelError:
            # Only rounding at HiGHS's tolerances can get here: keep the plan that
            # assumes a little more work than the law.
            self.factors, model, result = conservative
            self.settled = False
            return model, result
        self.change = 0.0
        return model, result

    def _relearn(
        self, fixed: dict[int, float], current: tuple[PlanningModel, SolveResult]
    ) -> tuple[PlanningModel, SolveResult]:
        """Learn again with other decisions; keep the current plan unless better.

        The MILP ran on the current plan's hours per unit; with the hours its own
        output learns, its decisions can leave no room (e.g. for protected core
        load), or cost more. Both plans are learnt to the same tolerance, so their
        objectives compare; a loop that did not settle is not taken. An attempt to
        improve must not turn a plan into a refusal, nor into a worse plan.
        """
        kept = (self.factors, self.change, self.basis, self.steps, self.settled)
        # Other decisions, another fixed point: the steps start afresh.
        self.steps = LearningSteps()
        self.basis = None
        try:
            relearnt = self._learn(fixed)
        except _InfeasibleModelError:
            self.say("other decisions do not fit the learnt hours; keeping the plan")
        else:
            current_objective = current[1].objective
            tolerance = 1e-6 * max(1.0, abs(current_objective))
            settled = self.settled or not kept[4]
            if settled and relearnt[1].objective < current_objective - tolerance:
                return relearnt
            self.say("other decisions cost more once learnt; keeping the plan")
        self.factors, self.change, self.basis, self.steps, self.settled = kept
        return current

    def _first_plan(
        self, relaxed_model: PlanningModel, fixed: dict[int, float], integer: list[int]
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
            return self._learn(fixed)
        except _InfeasibleModelError:
            self.say("relaxation: rounding left no room for moved core load; retrying")
        self.basis = None
        try:
            return self._learn(
                {**fixed, **removing_conversions_off(self.index, relaxed_model)}
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
        return self._learn(decisions_of(found.columns, integer))

    def _round_up_if_late(
        self,
        relaxed_model: PlanningModel,
        relaxed: SolveResult,
        current: tuple[PlanningModel, SolveResult],
    ) -> tuple[PlanningModel, SolveResult]:
        """A late plan, tried again with each block's shift pattern rounded up.

        The relaxation that mixes shift patterns in a block often needs the hours of
        the larger one to be on time: rounding to the pattern it used most then makes
        the plan late, while the larger pattern with the same conversions is on time.
        The same holds for a plan short of the aims or the reserve its targets set.
        The plan that costs less once learnt is kept.
        """
        if not misses_targets(self.index, *current):
            return current
        fixed = round_decisions(
            self.index, relaxed_model, relaxed.columns, most_hours=True
        )
        self.say("late: learning again with the shift patterns rounded up")
        return self._relearn(fixed, current)

    def _search(
        self, current: tuple[PlanningModel, SolveResult], integer: list[int]
    ) -> tuple[tuple[PlanningModel, SolveResult], SearchOutcome]:
        """MILP rounds from the learnt plan, each learnt again, while they improve.

        Each MILP runs on the model of the current plan (its hours per unit), from
        that plan, within MILP_WORK_LIMITS. Its bound is then a bound for the current
        plan's own model, so the gap is the plan's real gap; after a round whose
        decisions were learnt again into another model, the next round measures it.
        """
        if not integer:
            return current, SearchOutcome(WholeNumberSearch.NOT_NEEDED, 0.0, None)
        estimate_s = milp_estimate_s(current[0], integer)
        share = MILP_SHARE_LATE if is_late(*current) else MILP_SHARE_ON_TIME
        anchor = self.index.anchor
        if anchor is not None and anchor.skip_whole_number_search:
            return current, SearchOutcome(WholeNumberSearch.SKIPPED, estimate_s, None)
        if estimate_s > share * self.time_limit_s:
            self.say(
                f"MILP: skipped, estimated {estimate_s:.0f} s is over "
                f"{100 * share:.0f} % of the time limit"
            )
            return current, SearchOutcome(WholeNumberSearch.SKIPPED, estimate_s, None)
        outcome = SearchOutcome(WholeNumberSearch.WORK_LIMIT, estimate_s, None)
        for _ in range(MILP_ROUNDS):
            model, result = current
            self.say(f"MILP: searching {len(integer):,} whole-number decisions")
            milp = self._solve(model, integer=True, start=result.columns)
            objective = result.objective
            better = milp.objective < objective - 1e-6 * max(1.0, abs(objective))
            if better:
                self.say("MILP: better decisions found; learning again with them")
                relearnt = self._relearn(decisions_of(milp.columns, integer), current)
                if relearnt is not current:
                    current = relearnt
                    outcome = SearchOutcome(
                        WholeNumberSearch.WORK_LIMIT, estimate_s, None
                    )
                    continue
            gap = relative_gap(objective, milp.mip_bound)
            closed = gap is not None and gap <= self.mip_gap
            outcome = SearchOutcome(
                WholeNumberSearch.CLOSED if closed else WholeNumberSearch.WORK_LIMIT,
                estimate_s,
                gap,
            )
            break
        return current, outcome

    def execute(self, write_mps: Path | None) -> Plan:
        """Relax and round, learn, search the MILP, and extract the plan."""
        relaxed_model = self._build()
        if write_mps is not None:
            write_model(relaxed_model.builder, write_mps)
        self.say("relaxation: whole-number decisions rounded from the LP")
        relaxed = self._solve(relaxed_model, integer=False)
        self.iterations += 1
        fixed = round_decisions(self.index, relaxed_model, relaxed.columns)
        # The relaxation's own output is a better first guess of learning than the
        # milestones: the learning loop starts from it.
        relaxed_output = output_by_item_site(relaxed_model, relaxed)
        self.factors, self.change = self.steps.update(
            self.index, relaxed_output, self.factors, first=True
        )
        # Labour is priced per unit at the average learning factor of that output,
        # the same in every later solve (see formulation._price_labour_per_unit).
        self.averages = average_factors(self.index, relaxed_output)
        integer = integer_columns(relaxed_model)
        side = SideSolves()
        try:
            # The earliest-date LPs start from scratch: from the relaxation's basis
            # (another objective) they took 25 times longer.
            anchor = self.index.anchor
            if anchor is not None and anchor.skip_earliest_dates:
                side.start_earliest(lambda: EarliestDates({}, False))
            else:
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
            current = self._first_plan(relaxed_model, fixed, integer)
            current = self._round_up_if_late(relaxed_model, relaxed, current)
            (model, final), search = self._search(current, integer)
            earliest = side.earliest_dates(self.deadline)
        except BaseException:
            side.stop_all()
            raise
        # The plan is the last learning solve: its hours per unit are those of Wright's
        # law on its own output to within the tolerance, weighted by the units made.
        stopped = self.stopped_by_time_limit or earliest.stopped_by_time_limit
        return extract_plan(
            self.index,
            model,
            final,
            self.weights,
            allow_core_impact=self.allow_core_impact,
            earliest=earliest.buckets,
            solver=SolverInfo(
                status=plan_status(search, settled=self.settled, stopped=stopped),
                mip_gap=search.gap,
                objective=final.objective,
                build_seconds=self.build_seconds,
                solve_seconds=self.solve_seconds,
                total_seconds=time.perf_counter() - self.started,
                learning_iterations=self.iterations,
                learning_change=self.change,
                variables=final.variables,
                constraints=final.constraints,
                nonzeros=final.nonzeros,
                highs_version=highs_version(),
                stopped_by_time_limit=stopped,
                whole_number_search=search.kind,
                whole_number_search_estimate_s=search.estimate_s,
            ),
        )
