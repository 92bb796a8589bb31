"""The search for a plan that meets each key milestone at the odds the program asks for.

A plan that meets its milestones exactly on time is late as soon as anything goes
wrong: its odds sit near zero. The search alternates plan and simulation on the same
runs (a sample-average approximation with common random numbers):

1. plan with the current targets (`planning.targets`: aims ahead of due dates, a
   capacity reserve) and simulate the plan on the search's runs;
2. for each key milestone below the target, aim earlier by the days it is late at the
   target's quantile (at least a week), but never before the earliest date any plan
   could meet it (the plan's `earliest_date`): an aim no plan can meet buys nothing;
3. when no key milestone short of the target can be aimed earlier (each is at its
   earliest possible date, or its aim no longer moves the plan), keep a larger share
   of the program's hours in reserve, for losses that are always there (absences,
   breakdowns, slower learning): a reserve costs capacity everywhere, so it comes
   last;
4. stop when every key milestone reaches the target, or when neither lever is left;
   the result is the cheapest plan that reached the target, else the plan with the
   best lowest odds, with the reason the target is out of reach.

The search judges its plans on its own runs (seed `DEFAULT_CONFIDENCE_SEED`) and aims
`SEARCH_MARGIN` above the target, so that a simulation with another seed, as
`surgeplan simulate` makes by default, still finds the target met. Plans and
simulations are deterministic, so the search is too.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

from surgeplan.planning import Plan, PlanTargets
from surgeplan.planning.errors import ContradictoryScenarioError
from surgeplan.planning.results.records_confidence import (
    ConfidenceRecord,
    MilestoneConfidence,
    ReasonKind,
    ReasonPart,
)
from surgeplan.risk import Executor, RiskReport, simulate
from surgeplan.risk.report import MilestoneOdds
from surgeplan.scenario import Scenario
from surgeplan.scenario.calendar import Bucket

DEFAULT_CONFIDENCE_RUNS = 2_000
# Another seed than `simulate`'s default (7): a simulation of the result with the
# default seed is then a check on runs the search never saw.
DEFAULT_CONFIDENCE_SEED = 11
MAX_PLANS = 8
# Odds measured on 2,000 runs vary by about one point from one seed to another.
SEARCH_MARGIN = 0.02
AIM_STEP_SHARE = 0.5
# Odds this far above the target give a week of aim back.
RELEASE_MARGIN = 0.1
RESERVE_STEP = 0.05
RESERVE_MAX = 0.2
COST_TIE_SHARE = 1e-6

Planner = Callable[[Scenario, PlanTargets], Plan]
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Attempt:
    """One plan of the search and its simulated odds on the key milestones."""

    targets: PlanTargets
    plan: Plan
    risk: RiskReport
    odds: dict[str, float]

    @property
    def lowest_odds(self) -> float:
        """The key milestones' lowest odds (higher is better)."""
        return min(self.odds.values())

    @property
    def mean_odds(self) -> float:
        """The key milestones' mean odds: which of two plans is closer otherwise."""
        return sum(self.odds.values()) / len(self.odds)

    @property
    def cost_eur(self) -> float:
        """The plan's total cost."""
        return self.plan.total_cost_eur


@dataclass(frozen=True)
class ConfidentPlan:
    """The plan the search chose (its `confidence` record filled in) and its odds."""

    plan: Plan
    risk: RiskReport
    attempts: list[Attempt] = field(default_factory=list)

    @property
    def record(self) -> ConfidenceRecord:
        """The confidence record the plan carries."""
        assert self.plan.confidence is not None
        return self.plan.confidence


def plan_to_confidence(
    scenario: Scenario,
    target: float | None = None,
    *,
    planner: Planner,
    runs: int = DEFAULT_CONFIDENCE_RUNS,
    seed: int = DEFAULT_CONFIDENCE_SEED,
    start: PlanTargets | None = None,
    max_plans: int = MAX_PLANS,
    executor: Executor = Executor.LOCAL,
    workers: int = 1,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> ConfidentPlan:
    """The cheapest plan found whose key milestones reach `target` odds, or the best.

    `target` defaults to the scenario's `program.confidence`; `planner` makes a plan
    for given targets (e.g. `surgeplan.planning.plan` with a time limit); `start`
    lets a search for higher odds begin where one for lower odds ended.

    Raises:
        ValueError: no target given and none in the scenario, or one outside (0, 1).
    """
    goal = target if target is not None else scenario.program.confidence
    if goal is None:
        raise ValueError(
            "no confidence target: give one (e.g. 0.8) or set program.confidence"
        )
    if not 0.0 < goal < 1.0:
        raise ValueError(f"confidence {goal} is not between 0 and 1")
    say: Progress = progress or (lambda _message: None)
    key_ids = [milestone.id for milestone in scenario.key_milestones()]
    search = _Search(scenario, goal, key_ids, start or PlanTargets())
    attempts: list[Attempt] = []
    for number in range(1, max_plans + 1):
        targets = search.targets()
        search.record(targets)
        say(f"confidence {number}/{max_plans}: {_describe(targets)}")
        try:
            plan = planner(scenario, targets)
        except ContradictoryScenarioError:
            if not attempts or targets.reserve_share == 0.0:
                raise
            # The reserve left core production no room: the last plan stands.
            search.refused_reserve = targets.reserve_share
            break
        risk = simulate(
            scenario,
            plan,
            runs=runs,
            seed=seed,
            contributions=False,
            executor=executor,
            workers=workers,
            scheduler=scheduler,
        )
        attempt = Attempt(
            targets,
            plan,
            risk,
            {mid: risk.milestone(mid).probability_on_time for mid in key_ids},
        )
        attempts.append(attempt)
        say(
            f"confidence {number}/{max_plans}: lowest key odds "
            f"{100 * attempt.lowest_odds:.1f} %, cost {plan.total_cost_eur:,.0f}"
        )
        if attempt.lowest_odds >= goal + SEARCH_MARGIN:
            break
        if not search.advance(attempt):
            break
    chosen = _choose(attempts, goal + SEARCH_MARGIN)
    record = ConfidenceRecord(
        target=goal,
        is_reached=chosen.lowest_odds >= goal,
        runs=runs,
        seed=seed,
        iterations=len(attempts),
        milestones=_milestone_odds(scenario, chosen.risk, set(key_ids)),
        reason=search.reason(chosen, attempts),
        reason_parts=search.reason_parts(chosen, attempts),
        cost_without_margins_eur=attempts[0].cost_eur
        if attempts[0].targets.is_empty
        else None,
    )
    return ConfidentPlan(
        chosen.plan.model_copy(update={"confidence": record}), chosen.risk, attempts
    )


def _choose(attempts: list[Attempt], goal: float) -> Attempt:
    """The cheapest attempt that reached the goal, else the best lowest odds."""
    reached = [attempt for attempt in attempts if attempt.lowest_odds >= goal]
    if reached:
        return min(reached, key=lambda attempt: attempt.cost_eur)
    # The best lowest odds; on a tie (e.g. several at 0 %) the best mean, then the
    # cheapest.
    return max(
        attempts,
        key=lambda a: (a.lowest_odds, a.mean_odds, -a.cost_eur),
    )


def days_late_at(odds: MilestoneOdds, share: float) -> float:
    """Days after the due date by which `share` of the runs meet the milestone.

    Interpolated between the report's P10, P50 and P90 dates (and extrapolated past
    P90); a quantile past the horizon with no date counts as a quarter late.
    """
    points = [
        (reached.quantile, float(reached.days_late))
        if reached.days_late is not None
        else (reached.quantile, 91.0)
        for reached in odds.reached
    ]
    points.sort()
    for (low_share, low_days), (high_share, high_days) in pairwise(points):
        if share <= high_share:
            weight = (share - low_share) / (high_share - low_share)
            return max(low_days + weight * (high_days - low_days), 0.0)
    (low_share, low_days), (high_share, high_days) = points[-2], points[-1]
    slope = (high_days - low_days) / (high_share - low_share)
    return max(high_days + slope * (share - high_share), 0.0)


@dataclass
class _Search:
    """The levers of the search: aims per key milestone, then the reserve."""

    scenario: Scenario
    goal: float
    key_ids: list[str]
    start: PlanTargets
    aims: dict[str, float] = field(default_factory=dict)
    reserve: float = 0.0
    # Milestones the plan cannot meet earlier: at their earliest date, or not moving.
    stuck: dict[str, str] = field(default_factory=dict)
    stuck_parts: dict[str, ReasonPart] = field(default_factory=dict)
    met_before: dict[str, int | None] = field(default_factory=dict)
    refused_reserve: float | None = None
    tried: set[tuple[object, ...]] = field(default_factory=set)
    buckets: list[Bucket] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.aims = dict(self.start.aim_weeks_ahead)
        self.reserve = self.start.reserve_share
        self.buckets = self.scenario.plan_buckets()

    def targets(self) -> PlanTargets:
        """The targets of the next plan."""
        return PlanTargets(dict(self.aims), self.reserve)

    def advance(self, attempt: Attempt) -> bool:
        """Move the levers after an attempt; False when none is left to move."""
        records = {record.id: record for record in attempt.plan.milestones}
        moved = False
        for milestone_id in self.key_ids:
            if attempt.odds[milestone_id] >= self.goal + SEARCH_MARGIN:
                continue
            record = records[milestone_id]
            milestone = next(
                m for m in self.scenario.demand.milestones if m.id == milestone_id
            )
            before = self.met_before.get(milestone_id)
            self.met_before[milestone_id] = record.met_bucket
            if (
                milestone_id in self.aims
                and before is not None
                and record.met_bucket is not None
                and record.met_bucket >= before
            ):
                self.stuck[milestone_id] = (
                    f"aiming it earlier no longer moves the plan (met "
                    f"{record.met_date}): the capacity it needs is taken"
                )
                self.stuck_parts[milestone_id] = ReasonPart(
                    kind=ReasonKind.CAPACITY_TAKEN,
                    milestone=milestone_id,
                    date=record.met_date,
                )
                continue
            if record.earliest_date is None:
                self.stuck[milestone_id] = "no plan meets it within the horizon"
                self.stuck_parts[milestone_id] = ReasonPart(
                    kind=ReasonKind.NOT_IN_HORIZON, milestone=milestone_id
                )
                continue
            room_weeks = (milestone.due_date - record.earliest_date).days / 7.0
            current = self.aims.get(
                milestone_id,
                self.scenario.plan_ahead_of(milestone).days / 7.0,
            )
            if current >= room_weeks - 1e-9:
                self.stuck[milestone_id] = (
                    f"no plan meets it before {record.earliest_date} (its earliest "
                    f"possible date, {_weeks(room_weeks)} before it is due)"
                )
                self.stuck_parts[milestone_id] = ReasonPart(
                    kind=ReasonKind.NOT_BEFORE,
                    milestone=milestone_id,
                    date=record.earliest_date,
                    weeks=room_weeks,
                )
                continue
            late_days = days_late_at(
                attempt.risk.milestone(milestone_id), self.goal + SEARCH_MARGIN
            )
            # Half the lateness at a time: key milestones share capacity, and one
            # aimed far too early takes what another needs.
            step = max(math.ceil(AIM_STEP_SHARE * late_days / 7.0), 1)
            self.aims[milestone_id] = min(current + step, room_weeks)
            self.stuck.pop(milestone_id, None)
            self.stuck_parts.pop(milestone_id, None)
            moved = True
        if moved:
            # Capacity an aim no longer needs goes to the milestones still short.
            self._release(attempt)
            if self._effect() not in self.tried:
                return True
        while self.reserve < RESERVE_MAX - 1e-9:
            self.reserve = round(min(self.reserve + RESERVE_STEP, RESERVE_MAX), 6)
            if self._effect() not in self.tried:
                return True
        return False

    def record(self, targets: PlanTargets) -> None:
        """Note that a plan was made with these targets."""
        self.tried.add(self._effect(targets))

    def _effect(self, targets: PlanTargets | None = None) -> tuple[object, ...]:
        """What the planner sees of the targets: aim buckets and the reserve.

        In merged buckets a week more of aim may leave the aim bucket as it was;
        such a change would plan the same plan again.
        """
        chosen = targets or self.targets()
        due = {m.id: m.due_date for m in self.scenario.demand.milestones}
        aims = []
        for milestone_id, weeks in sorted(chosen.aim_weeks_ahead.items()):
            aim_day = due[milestone_id] - dt.timedelta(days=math.ceil(7 * weeks))
            ended = [bucket.index for bucket in self.buckets if bucket.end <= aim_day]
            aims.append((milestone_id, ended[-1] if ended else 0))
        return (tuple(aims), chosen.reserve_share)

    def _release(self, attempt: Attempt) -> bool:
        """Aim a week later where the odds are well above the target.

        Capacity an aim no longer needs goes back to the milestones still short.
        """
        released = False
        for milestone_id, weeks in list(self.aims.items()):
            odds = attempt.odds.get(milestone_id)
            if odds is None or odds < self.goal + RELEASE_MARGIN:
                continue
            if weeks <= 1.0:
                del self.aims[milestone_id]
            else:
                self.aims[milestone_id] = weeks - 1.0
            released = True
        return released

    def reason(self, chosen: Attempt, attempts: list[Attempt]) -> str:
        """Why the search stopped, in a sentence or two people read."""
        runs = f"{chosen.risk.runs:,} simulated runs"
        lowest_id = min(chosen.odds, key=lambda mid: chosen.odds[mid])
        lowest = f"{lowest_id} at {_percent(chosen.odds[lowest_id])}"
        if chosen.lowest_odds >= self.goal:
            return (
                f"every key milestone is on time in at least {_percent(self.goal)} "
                f"of {runs} (lowest: {lowest}) after {_plans(len(attempts))}"
            )
        short = [mid for mid in self.key_ids if chosen.odds[mid] < self.goal]
        why = [f"{mid}: {self.stuck[mid]}" for mid in short if mid in self.stuck]
        if self.refused_reserve is not None:
            why.append(
                f"a reserve of {_percent(self.refused_reserve)} of the program's hours "
                "leaves core production no room"
            )
        if len(attempts) >= MAX_PLANS and not why:
            why.append(f"the search stopped after {_plans(len(attempts))}")
        return (
            f"out of reach: the best plan found gives {lowest} of {runs}; "
            + "; ".join(why or ["neither an earlier aim nor a larger reserve helped"])
            + (
                f"; the plan keeps {_percent(chosen.targets.reserve_share)} of the "
                "program's hours in reserve"
                if chosen.targets.reserve_share
                else ""
            )
        )

    def reason_parts(
        self, chosen: Attempt, attempts: list[Attempt]
    ) -> list[ReasonPart]:
        """`reason` as clauses with their figures, for documents in any language."""
        lowest_id = min(chosen.odds, key=lambda mid: chosen.odds[mid])
        runs, plans = chosen.risk.runs, len(attempts)
        if chosen.lowest_odds >= self.goal:
            return [
                ReasonPart(
                    kind=ReasonKind.REACHED,
                    milestone=lowest_id,
                    share=chosen.odds[lowest_id],
                    runs=runs,
                    plans=plans,
                )
            ]
        parts = [
            ReasonPart(
                kind=ReasonKind.BEST_FOUND,
                milestone=lowest_id,
                share=chosen.odds[lowest_id],
                runs=runs,
            )
        ]
        short = [mid for mid in self.key_ids if chosen.odds[mid] < self.goal]
        why = [self.stuck_parts[mid] for mid in short if mid in self.stuck_parts]
        if self.refused_reserve is not None:
            why.append(
                ReasonPart(kind=ReasonKind.RESERVE_REFUSED, share=self.refused_reserve)
            )
        if len(attempts) >= MAX_PLANS and not why:
            why.append(ReasonPart(kind=ReasonKind.SEARCH_STOPPED, plans=plans))
        parts += why or [ReasonPart(kind=ReasonKind.NOTHING_HELPED)]
        if chosen.targets.reserve_share:
            parts.append(
                ReasonPart(
                    kind=ReasonKind.RESERVE_KEPT, share=chosen.targets.reserve_share
                )
            )
        return parts


def _milestone_odds(
    scenario: Scenario, risk: RiskReport, key_ids: set[str]
) -> list[MilestoneConfidence]:
    found = []
    for milestone in scenario.milestones_in_order():
        odds = risk.milestone(milestone.id)
        dates = {reached.quantile: reached.date for reached in odds.reached}
        found.append(
            MilestoneConfidence(
                milestone=milestone.id,
                is_key=milestone.id in key_ids,
                probability_on_time=odds.probability_on_time,
                p50_date=dates.get(0.5),
                p90_date=dates.get(0.9),
            )
        )
    return found


def _describe(targets: PlanTargets) -> str:
    if targets.is_empty:
        return "the plan without margins"
    aims = ", ".join(
        f"{mid} {weeks:g} wk early" for mid, weeks in targets.aim_weeks_ahead.items()
    )
    reserve = (
        f"reserve {_percent(targets.reserve_share)}" if targets.reserve_share else ""
    )
    return "; ".join(part for part in (aims, reserve) if part)


def _percent(share: float) -> str:
    return f"{100 * share:.0f} %"


def _weeks(weeks: float) -> str:
    return f"{weeks:.0f} week" + ("" if round(weeks) == 1 else "s")


def _plans(count: int) -> str:
    return f"{count} plan" + ("" if count == 1 else "s")
