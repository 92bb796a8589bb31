"""Plan checks on people and learning: skill hours, training, hiring, Wright's law."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.keys import ItemSite, SitePool
from surgeplan.planning.checking.violations import (
    LEARNING_TOLERANCE,
    ConstraintFamily,
    Violation,
    differs,
    exceeds,
)
from surgeplan.planning.results.plan import Plan
from surgeplan.planning.results.records import LabourRecord, ProductionRecord
from surgeplan.planning.rules.learning import crew_curve, crew_factors
from surgeplan.planning.rules.workforce_terms import (
    hire_limits,
    hours_each,
    qualified_ceiling,
)
from surgeplan.planning.rules.yield_learning import with_learned_yields
from surgeplan.scenario import Scenario
from surgeplan.scenario.calendar import (
    Bucket,
    open_share_by_bucket,
    ready_after_both,
    ready_buckets,
)
from surgeplan.scenario.sites import WorkforcePool


def implied_factor(scenario: Scenario, record: ProductionRecord) -> float:
    """The learning factor a production record used, from its hours per unit."""
    item = scenario.item(record.item)
    operation = next(op for op in item.routing if op.id == record.operation)
    work_center = next(
        wc
        for wc in scenario.site(record.site).work_centers
        if wc.id == record.work_center
    )
    penalty = 1.0
    if operation.capability not in work_center.capabilities:
        after = [
            c.efficiency_after
            for c in work_center.conversions
            if operation.capability in c.adds_capabilities and c.efficiency_after
        ]
        if after:
            penalty = work_center.efficiency / min(after)
    setup = operation.setup_hours / operation.batch_size
    return (record.hours_per_unit - setup) / (operation.hours_per_unit * penalty)


def _labour_needed(
    scenario: Scenario, plan: Plan, horizon: int
) -> defaultdict[SitePool, FloatArray]:
    """Labour hours the plan's production needs, by site and skill, in each bucket."""
    needed: defaultdict[SitePool, FloatArray] = defaultdict(lambda: np.zeros(horizon))
    for production in plan.production:
        operation = next(
            op
            for op in scenario.item(production.item).routing
            if op.id == production.operation
        )
        factor = implied_factor(scenario, production)
        for skill, hours in operation.labour_hours_by_skill.items():
            needed[SitePool(production.site, skill)][production.bucket] += (
                production.units * hours * factor
            )
    return needed


def check_labour(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Program work is covered by qualified people; training and hiring keep limits."""
    found: list[Violation] = []
    buckets = scenario.plan_buckets()
    weeks = np.array([bucket.weeks for bucket in buckets])
    needed = _labour_needed(scenario, plan, len(buckets))
    labour_by_pool: defaultdict[SitePool, dict[int, LabourRecord]] = defaultdict(dict)
    for labour in plan.labour:
        labour_by_pool[SitePool(labour.site, labour.skill)][labour.bucket] = labour
    for key, hours in needed.items():
        if key not in labour_by_pool and hours.sum() > 1e-6:
            found.append(
                Violation(
                    ConstraintFamily.LABOUR,
                    f"{key.site}/{key.skill}",
                    "work planned for a skill the site has no pool for",
                )
            )
    for site in scenario.sites:
        open_share = open_share_by_bucket(site.calendar, buckets)
        for pool in site.workforce:
            key = SitePool(site.id, pool.skill)
            by_bucket = labour_by_pool.get(key, {})
            if len(by_bucket) != len(buckets):
                where = f"{site.id}/{pool.skill}"
                found.append(
                    Violation(ConstraintFamily.LABOUR, where, "missing labour records")
                )
                continue
            found.extend(
                _check_pool(
                    scenario,
                    buckets,
                    site.id,
                    pool,
                    by_bucket,
                    needed[key],
                    hours_each(pool, weeks, open_share),
                    weeks,
                )
            )
    return found


def _check_pool(
    scenario: Scenario,
    buckets: list[Bucket],
    site_id: str,
    pool: WorkforcePool,
    by_bucket: dict[int, LabourRecord],
    needed: FloatArray,
    hours_each: FloatArray,
    weeks: FloatArray,
) -> list[Violation]:
    """One skill pool's records against its work, training, hiring and volunteers."""
    found: list[Violation] = []
    where = f"{site_id}/{pool.skill}"
    horizon = len(weeks)
    training = ready_buckets(pool.training_lead_time_weeks, buckets, scenario.program)
    hiring = ready_buckets(pool.hire_lead_time_weeks, buckets, scenario.program)
    trainees = np.array([by_bucket[t].trainees for t in range(horizon)])
    hires = np.array([by_bucket[t].hires for t in range(horizon)])
    # People trained or hired by each bucket, and people starting training in it.
    qualified_gain = np.zeros(horizon + 1)
    np.add.at(qualified_gain, training, trainees)
    np.add.at(qualified_gain, ready_after_both(hiring, training), hires)
    qualified_by = qualified_ceiling(pool, qualified_gain[:horizon], weeks)
    hires_allowed = hire_limits(pool, buckets, scenario.program)
    starting = trainees.copy()
    inside = hiring < horizon
    np.add.at(starting, hiring[inside], hires[inside])
    for bucket in range(horizon):
        record = by_bucket[bucket]
        at = f"{where}, bucket {bucket}"
        qualified_limit = float(qualified_by[bucket])
        if exceeds(record.headcount, qualified_limit):
            found.append(
                Violation(
                    ConstraintFamily.LABOUR,
                    at,
                    f"{record.headcount:g} qualified but only {qualified_limit:g} "
                    "trained or hired by then",
                )
            )
        working_here = record.headcount - record.people_lent + record.people_borrowed
        available = working_here * hours_each[bucket]
        if differs(record.available_hours, available):
            found.append(
                Violation(
                    ConstraintFamily.LABOUR,
                    at,
                    f"available {record.available_hours:g} h, expected {available:g} h",
                )
            )
        planned = record.hours + record.overtime_hours
        if exceeds(needed[bucket], planned):
            found.append(
                Violation(
                    ConstraintFamily.LABOUR,
                    at,
                    f"{needed[bucket]:g} h of work but {planned:g} h planned",
                )
            )
        if exceeds(record.hours, available):
            found.append(
                Violation(
                    ConstraintFamily.LABOUR,
                    at,
                    f"{record.hours:g} h above the {available:g} h of qualified people",
                )
            )
        if exceeds(record.overtime_hours, available * pool.overtime_share_max):
            found.append(
                Violation(
                    ConstraintFamily.LABOUR,
                    at,
                    f"overtime {record.overtime_hours:g} h above the limit",
                )
            )
        most_starting = pool.trainees_per_week_max
        if most_starting is not None and exceeds(
            starting[bucket], most_starting * weeks[bucket]
        ):
            found.append(
                Violation(
                    ConstraintFamily.TRAINING,
                    at,
                    f"{starting[bucket]:g} people start training, above the limit",
                )
            )
        if exceeds(hires[bucket], float(hires_allowed[bucket])):
            found.append(
                Violation(
                    ConstraintFamily.HIRING,
                    at,
                    f"{hires[bucket]:g} hires above the weekly limit",
                )
            )
    volunteers_left = pool.volunteers - pool.initially_qualified
    if exceeds(float(trainees.sum()), float(max(volunteers_left, 0))):
        found.append(
            Violation(
                ConstraintFamily.VOLUNTEERS,
                where,
                f"{trainees.sum():g} trainees but only {volunteers_left} volunteers "
                "left to train",
            )
        )
    if exceeds(float(hires.sum()), float(pool.hires_max_total)):
        found.append(
            Violation(
                ConstraintFamily.HIRING,
                where,
                f"{hires.sum():g} hires above the total limit {pool.hires_max_total}",
            )
        )
    return found


def check_learning(
    scenario: Scenario, plan: Plan, stated: Scenario | None = None
) -> list[Violation]:
    """Hours per unit follow Wright's law on the plan's own cumulative output.

    Per item and site, the hours the plan gives its units (hours per unit times units,
    bucket by bucket) must be within 1 % of what Wright's law gives on the plan's own
    output — the accuracy of the planner's successive solves. With `stated` (the
    scenario as written), yields learned with volume count too.
    """
    found: list[Violation] = []
    horizon = len(plan.buckets)
    output: dict[ItemSite, FloatArray] = defaultdict(lambda: np.zeros(horizon))
    used: dict[ItemSite, FloatArray] = defaultdict(lambda: np.zeros(horizon))
    first_operation = {
        item.id: item.routing[0].id for item in scenario.items if item.routing
    }
    for record in plan.production:
        if record.operation == first_operation.get(record.item):
            key = ItemSite(record.item, record.site)
            output[key][record.bucket] += record.units
            used[key][record.bucket] += record.units * implied_factor(scenario, record)
    weeks = np.array([bucket.weeks for bucket in scenario.plan_buckets()])
    for key, units in output.items():
        expected = with_learned_yields(
            crew_factors(units, weeks, crew_curve(scenario, key.item, key.site)),
            stated,
            key.item,
            units,
        )
        planned = float(used[key].sum())
        lawful = float(np.sum(units * expected))
        if differs(planned, lawful, LEARNING_TOLERANCE):
            found.append(
                Violation(
                    ConstraintFamily.LEARNING,
                    f"{key[0]} at {key[1]}",
                    f"the plan gives its {units.sum():,.1f} units {planned:,.2f} "
                    "first-unit equivalents of work; Wright's law on that output "
                    f"gives {lawful:,.2f}",
                )
            )
    return found
