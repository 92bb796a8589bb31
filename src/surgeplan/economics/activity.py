"""The activity the program adds to each site: station hours, people and load."""

from __future__ import annotations

from collections import defaultdict

from surgeplan.economics.allocation import weeks_by_bucket
from surgeplan.economics.case import SiteActivity
from surgeplan.planning.results.plan import Plan
from surgeplan.scenario import Scenario


def site_activity(scenario: Scenario, plan: Plan) -> list[SiteActivity]:
    """Program hours, full-time equivalents and share of today's load, site by site.

    A full-time equivalent is a pool's contract hours a week (`hours_per_week`); the
    share of today's load compares station hours on the program with those on core
    production over the same buckets.
    """
    weeks = weeks_by_bucket(plan)
    horizon_weeks = sum(weeks.values())
    hours_per_week = {
        (site.id, pool.skill): pool.hours_per_week
        for site in scenario.sites
        for pool in site.workforce
    }
    program_hours: dict[str, float] = defaultdict(float)
    core_hours: dict[str, float] = defaultdict(float)
    for capacity in plan.capacity:
        program_hours[capacity.site] += capacity.program_hours
        core_hours[capacity.site] += capacity.core_hours
    labour_hours: dict[str, float] = defaultdict(float)
    fte_by_bucket: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    qualified_by_bucket: dict[str, dict[int, float]] = defaultdict(
        lambda: defaultdict(float)
    )
    trainees: dict[str, float] = defaultdict(float)
    hires: dict[str, float] = defaultdict(float)
    for labour in plan.labour:
        week_hours = hours_per_week.get((labour.site, labour.skill), 35.0)
        labour_hours[labour.site] += labour.hours
        bucket_weeks = weeks.get(labour.bucket, 1.0) or 1.0
        fte_by_bucket[labour.site][labour.bucket] += labour.hours / (
            week_hours * bucket_weeks
        )
        qualified_by_bucket[labour.site][labour.bucket] += labour.headcount
        trainees[labour.site] += labour.trainees
        hires[labour.site] += labour.hires
    result: list[SiteActivity] = []
    for site in scenario.sites:
        fte = fte_by_bucket[site.id]
        average = (
            sum(fte[bucket] * weeks[bucket] for bucket in fte if bucket in weeks)
            / horizon_weeks
            if horizon_weeks
            else 0.0
        )
        core = core_hours[site.id]
        result.append(
            SiteActivity(
                site=site.id,
                site_name=site.name or site.id,
                program_hours=program_hours[site.id],
                core_hours=core,
                share_of_core_load=program_hours[site.id] / core if core > 0 else None,
                labour_hours=labour_hours[site.id],
                fte_average=average,
                fte_peak=max(fte.values(), default=0.0),
                qualified_peak=max(qualified_by_bucket[site.id].values(), default=0.0),
                volunteers=sum(pool.volunteers for pool in site.workforce),
                trainees=trainees[site.id],
                hires=hires[site.id],
            )
        )
    return result
