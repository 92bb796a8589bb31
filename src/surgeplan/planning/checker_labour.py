"""Plan checks on people and on learning: hours by skill, volunteers, training, Wright's law."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from surgeplan.planning.checker import LEARNING_TOLERANCE, Violation, differs, exceeds
from surgeplan.planning.learning import factors_from_output
from surgeplan.planning.plan import Plan
from surgeplan.planning.records import ProductionRecord
from surgeplan.scenario import Scenario, make_buckets
from surgeplan.scenario.calendar import open_share_by_bucket, weeks_to_buckets


def implied_factor(scenario: Scenario, record: ProductionRecord) -> float:
    """The learning factor a production record used: its hours per unit over the first unit's."""
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


def check_labour(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Program work is covered by qualified people; training and hiring keep their limits."""
    found: list[Violation] = []
    buckets = make_buckets(scenario.program)
    weeks = np.array([bucket.weeks for bucket in buckets])
    needed: dict[tuple[str, str], np.ndarray] = defaultdict(
        lambda: np.zeros(len(buckets))
    )
    for record in plan.production:
        operation = next(
            op for op in scenario.item(record.item).routing if op.id == record.operation
        )
        factor = implied_factor(scenario, record)
        for skill, hours in operation.labour_hours_by_skill.items():
            needed[(record.site, skill)][record.bucket] += record.units * hours * factor
    records = defaultdict(dict)  # type: ignore[var-annotated]
    for record in plan.labour:
        records[(record.site, record.skill)][record.bucket] = record
    for key, hours in needed.items():
        if key not in records and hours.sum() > 1e-6:
            found.append(
                Violation(
                    "labour",
                    f"{key[0]}/{key[1]}",
                    "work planned for a skill the site has no pool for",
                )
            )
    for site in scenario.sites:
        open_share = open_share_by_bucket(site.calendar, buckets)
        for pool in site.workforce:
            key = (site.id, pool.skill)
            by_bucket = records.get(key, {})
            where = f"{site.id}/{pool.skill}"
            if len(by_bucket) != len(buckets):
                found.append(Violation("labour", where, "missing labour records"))
                continue
            hours_each = pool.hours_per_week * weeks * open_share
            training = weeks_to_buckets(pool.training_lead_time_weeks, scenario.program)
            hiring = weeks_to_buckets(pool.hire_lead_time_weeks, scenario.program)
            trainees = np.array([by_bucket[t].trainees for t in range(len(buckets))])
            hires = np.array([by_bucket[t].hires for t in range(len(buckets))])
            qualified_limit = float(pool.initially_qualified)
            for bucket in range(len(buckets)):
                record = by_bucket[bucket]
                at = f"{where}, bucket {bucket}"
                if bucket - training >= 0:
                    qualified_limit += trainees[bucket - training]
                if bucket - training - hiring >= 0:
                    qualified_limit += hires[bucket - training - hiring]
                if exceeds(record.headcount, qualified_limit):
                    found.append(
                        Violation(
                            "labour",
                            at,
                            f"{record.headcount:g} qualified but only {qualified_limit:g} trained or hired by then",
                        )
                    )
                available = record.headcount * hours_each[bucket]
                if differs(record.available_hours, available):
                    found.append(
                        Violation(
                            "labour",
                            at,
                            f"available {record.available_hours:g} h, expected {available:g} h",
                        )
                    )
                if exceeds(needed[key][bucket], record.hours + record.overtime_hours):
                    found.append(
                        Violation(
                            "labour",
                            at,
                            f"{needed[key][bucket]:g} h of work but {record.hours + record.overtime_hours:g} h planned",
                        )
                    )
                if exceeds(record.hours, available):
                    found.append(
                        Violation(
                            "labour",
                            at,
                            f"{record.hours:g} h above the {available:g} h of qualified people",
                        )
                    )
                if exceeds(record.overtime_hours, available * pool.overtime_share_max):
                    found.append(
                        Violation(
                            "labour",
                            at,
                            f"overtime {record.overtime_hours:g} h above the limit",
                        )
                    )
                if pool.trainees_per_week_max is not None:
                    starting = trainees[bucket] + (
                        hires[bucket - hiring] if bucket >= hiring else 0.0
                    )
                    if exceeds(starting, pool.trainees_per_week_max * weeks[bucket]):
                        found.append(
                            Violation(
                                "training",
                                at,
                                f"{starting:g} people start training, above the limit",
                            )
                        )
                if exceeds(hires[bucket], pool.hires_per_week_max * weeks[bucket]):
                    found.append(
                        Violation(
                            "hiring",
                            at,
                            f"{hires[bucket]:g} hires above the weekly limit",
                        )
                    )
            if exceeds(
                float(trainees.sum()),
                float(max(pool.volunteers - pool.initially_qualified, 0)),
            ):
                found.append(
                    Violation(
                        "volunteers",
                        where,
                        f"{trainees.sum():g} trainees but only {pool.volunteers - pool.initially_qualified} volunteers left to train",
                    )
                )
            if exceeds(float(hires.sum()), float(pool.hires_max_total)):
                found.append(
                    Violation(
                        "hiring",
                        where,
                        f"{hires.sum():g} hires above the total limit {pool.hires_max_total}",
                    )
                )
    return found


def check_learning(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Hours per unit follow Wright's law on the plan's own cumulative output.

    Per item and site, the hours the plan gives its units (hours per unit × units,
    bucket by bucket) must be within 1 % of what Wright's law gives on the plan's own
    output — the accuracy of the planner's successive solves.
    """
    found: list[Violation] = []
    horizon = len(plan.buckets)
    output: dict[tuple[str, str], np.ndarray] = defaultdict(lambda: np.zeros(horizon))
    used: dict[tuple[str, str], np.ndarray] = defaultdict(lambda: np.zeros(horizon))
    first_operation = {
        item.id: item.routing[0].id for item in scenario.items if item.routing
    }
    for record in plan.production:
        if record.operation == first_operation.get(record.item):
            key = (record.item, record.site)
            output[key][record.bucket] += record.units
            used[key][record.bucket] += record.units * implied_factor(scenario, record)
    for key, units in output.items():
        item = scenario.item(key[0])
        expected = factors_from_output(
            units,
            item.prior_cumulative_units,
            item.learning_rate,
            item.learning_floor_share,
        )
        planned = float(used[key].sum())
        lawful = float(np.sum(units * expected))
        if differs(planned, lawful, LEARNING_TOLERANCE):
            found.append(
                Violation(
                    "learning",
                    f"{key[0]} at {key[1]}",
                    f"the plan gives its {units.sum():,.1f} units {planned:,.2f} first-unit "
                    f"equivalents of work; Wright's law on that output gives {lawful:,.2f}",
                )
            )
    return found
