"""The business case of the flagship example, whose later weeks are merged."""

from collections import defaultdict

import pytest

from surgeplan.economics import business_case
from surgeplan.planning.results.plan import Plan
from surgeplan.planning.results.records import BucketRecord
from surgeplan.scenario import Scenario

pytestmark = pytest.mark.slow


def weeks_of(bucket: BucketRecord) -> float:
    return ((bucket.end - bucket.start).days + 1) / 7


def test_fte_of_each_site_is_its_hours_over_the_weeks_of_each_bucket(
    uav_scenario: Scenario, uav_plan: Plan
) -> None:
    hours_per_week = {
        (site.id, pool.skill): pool.hours_per_week
        for site in uav_scenario.sites
        for pool in site.workforce
    }
    weeks = {bucket.index: weeks_of(bucket) for bucket in uav_plan.buckets}
    fte: defaultdict[str, defaultdict[int, float]] = defaultdict(
        lambda: defaultdict(float)
    )
    for record in uav_plan.labour:
        fte[record.site][record.bucket] += record.hours / (
            hours_per_week[(record.site, record.skill)] * weeks[record.bucket]
        )

    activity = business_case(uav_scenario, uav_plan).activity

    assert sum(weeks.values()) == 117
    for site in activity:
        by_bucket = fte[site.site]
        assert site.fte_peak == pytest.approx(max(by_bucket.values(), default=0.0))
        assert site.fte_average == pytest.approx(
            sum(by_bucket[b] * weeks[b] for b in by_bucket) / 117
        )


def test_the_last_quarter_rate_comes_from_the_days_of_the_last_buckets(
    uav_scenario: Scenario, uav_plan: Plan
) -> None:
    economics = uav_scenario.economics.model_dump(mode="json")
    scenario = uav_scenario.updated(
        {"economics": {**economics, "annual_units_after_horizon": None}}
    )
    units: defaultdict[int, float] = defaultdict(float)

    for delivery in uav_plan.deliveries:
        if delivery.item == scenario.program.product:
            units[delivery.bucket] += delivery.units
    last = max(bucket for bucket, amount in units.items() if amount > 0)
    days = delivered = 0.0
    for bucket in sorted(uav_plan.buckets, key=lambda b: b.start, reverse=True):
        if bucket.index > last:
            continue
        days += (bucket.end - bucket.start).days + 1
        delivered += units[bucket.index]
        if days >= 91:
            break

    case = business_case(scenario, uav_plan)

    # Merged buckets: the trailing quarter is at least 13 weeks of days, whatever
    # the number of buckets it takes.
    assert days >= 91
    assert case.annual_units_after_horizon == pytest.approx(delivered / days * 365.25)
