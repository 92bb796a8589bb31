import datetime as dt
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from surgeplan.planning.results.plan import Plan, load_plan
from surgeplan.planning.results.records import BucketRecord
from surgeplan.scenario import ItemKind, Scenario, load_scenario
from surgeplan.scenario.sites import WEEKDAYS
from surgeplan.scheduling.site.build import build_instance
from surgeplan.scheduling.site.checker import check_schedule
from surgeplan.scheduling.site.plan_weeks import PlanWeeks, week_start
from surgeplan.scheduling.site.solve import schedule_site

ROOT = Path(__file__).parents[2]
UAV = ROOT / "examples" / "uav-surge.yaml"
CHASSIS = "chassis-plant"


@pytest.fixture(scope="module")
def uav() -> Scenario:
    return load_scenario(UAV)


@pytest.fixture(scope="module")
def uav_plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    out = tmp_path_factory.mktemp("plan")
    # The planner runs HiGHS: in its own process, never beside OR-Tools.
    subprocess.run(
        [
            str(Path(sys.executable).parent / "surgeplan"),
            "plan",
            str(UAV),
            "--out",
            str(out),
            "--quiet",
            "--time-limit",
            "60",
        ],
        check=True,
        capture_output=True,
    )
    return load_plan(out / "plan.json")


def bucket_of_week(plan: Plan, scenario: Scenario, week: int) -> BucketRecord:
    day = week_start(scenario, week)
    return next(b for b in plan.buckets if b.start <= day <= b.end)


def first_operation_units(
    plan: Plan, scenario: Scenario, site: str, bucket: int
) -> dict[str, float]:
    """Units of each item's first routing operation the plan makes in a bucket."""
    units: defaultdict[str, float] = defaultdict(float)
    for record in plan.production:
        first = scenario.item(record.item).routing[0].id
        if (record.site, record.bucket, record.operation) == (site, bucket, first):
            units[record.item] += record.units
    return {item: value for item, value in units.items() if value >= 1}


def days_carrying(
    scenario: Scenario, site: str, first: dt.date, last: dt.date, *, is_core: bool
) -> int:
    """Days outside shutdowns for core products, else working days."""
    calendar = scenario.site(site).calendar
    shut = {
        shutdown.start_date + dt.timedelta(days=k)
        for shutdown in calendar.shutdowns
        for k in range((shutdown.end_date - shutdown.start_date).days + 1)
    }
    days = [first + dt.timedelta(days=k) for k in range((last - first).days + 1)]
    if is_core:
        return sum(1 for day in days if day not in shut)
    return sum(
        1
        for day in days
        if WEEKDAYS[day.weekday()] in calendar.working_days
        and day not in shut
        and day not in calendar.public_holidays
    )


def scheduled_units(
    scenario: Scenario, plan: Plan, start_week: int, weeks: int
) -> Counter[tuple[str, int]]:
    instance = build_instance(scenario, CHASSIS, start_week, weeks, plan, 2)
    units: Counter[tuple[str, int]] = Counter()
    for batch in instance.batches:
        units[batch.item, batch.week] += batch.units
    return units


@pytest.mark.slow
def test_a_week_inside_a_merged_bucket_gets_its_share_of_the_bucket(
    uav: Scenario, uav_plan: Plan
) -> None:
    bucket = bucket_of_week(uav_plan, uav, 30)
    assert bucket.end - bucket.start == dt.timedelta(weeks=4, days=-1)
    planned = first_operation_units(uav_plan, uav, CHASSIS, bucket.index)
    assert "chassis-subframe" in planned
    assert "uav" in planned
    first = week_start(uav, 30)
    last = first + dt.timedelta(days=6)

    units = scheduled_units(uav, uav_plan, 30, 1)

    assert set(units) == {(item, 30) for item in planned}
    for item, in_bucket in planned.items():
        is_core = uav.item(item).kind is ItemKind.CORE
        in_week = days_carrying(uav, CHASSIS, first, last, is_core=is_core)
        days = days_carrying(uav, CHASSIS, bucket.start, bucket.end, is_core=is_core)
        assert units[item, 30] == pytest.approx(in_bucket * in_week / days, abs=1)
        assert 0.2 < units[item, 30] / in_bucket < 0.3


@pytest.mark.slow
def test_the_weeks_of_a_merged_bucket_add_up_to_its_units(
    uav: Scenario, uav_plan: Plan
) -> None:
    bucket = bucket_of_week(uav_plan, uav, 30)
    first_week = (bucket.start - uav.program.start_date).days // 7 + 1
    weeks = range(first_week, first_week + 4)
    planned = first_operation_units(uav_plan, uav, CHASSIS, bucket.index)

    together = scheduled_units(uav, uav_plan, first_week, len(weeks))
    one_by_one = sum(
        (scheduled_units(uav, uav_plan, week, 1) for week in weeks), Counter()
    )

    assert together == one_by_one
    for item, in_bucket in planned.items():
        assert sum(together[item, week] for week in weeks) == round(in_bucket)


@pytest.mark.slow
def test_a_shutdown_week_makes_nothing_and_the_open_week_the_whole_bucket(
    uav: Scenario, uav_plan: Plan
) -> None:
    # The chassis plant shuts from 2 to 22 August 2027: weeks 31 to 33, three of
    # the four weeks of its bucket; week 34 is the only one left open.
    bucket = bucket_of_week(uav_plan, uav, 34)
    assert bucket_of_week(uav_plan, uav, 32) == bucket
    planned = first_operation_units(uav_plan, uav, CHASSIS, bucket.index)

    assert scheduled_units(uav, uav_plan, 32, 1) == Counter()
    assert scheduled_units(uav, uav_plan, 34, 1) == {
        (item, 34): round(units) for item, units in planned.items()
    }


@pytest.mark.slow
def test_a_week_inside_a_merged_bucket_is_scheduled_feasibly(
    uav: Scenario, uav_plan: Plan
) -> None:
    bucket = bucket_of_week(uav_plan, uav, 30)
    planned = first_operation_units(uav_plan, uav, CHASSIS, bucket.index)

    result = schedule_site(uav, CHASSIS, 30, 1, uav_plan, time_limit_s=5.0, workers=1)

    assert result.source == "plan"
    assert {batch.week for batch in result.batches} == {30}
    units: defaultdict[str, float] = defaultdict(float)
    for batch in result.batches:
        units[batch.item] += batch.units
    assert 0.2 < units["chassis-subframe"] / planned["chassis-subframe"] < 0.3
    assert check_schedule(uav, result) == []


def test_plan_weeks_share_a_bucket_by_working_days() -> None:
    scenario = load_scenario(ROOT / "examples" / "minimal.yaml")
    monday = scenario.program.start_date
    four_weeks = BucketRecord(
        index=0, start=monday, end=monday + dt.timedelta(weeks=4, days=-1)
    )
    # A partial plan on purpose: only its buckets are read here.
    plan = Plan.model_construct(buckets=[four_weeks])  # type: ignore[call-arg]
    # Monday to Friday, with a holiday on the Wednesday of the second week.
    calendar = scenario.sites[0].calendar.model_copy(
        update={
            "public_holidays": [monday + dt.timedelta(weeks=1, days=2)],
            "shutdowns": [],
        }
    )
    by_week = PlanWeeks(plan, monday, calendar)

    shares = [by_week.shares(week) for week in range(1, 6)]

    assert [[(s.bucket, s.before, s.share) for s in week] for week in shares] == [
        [(0, 0, 5 / 19)],
        [(0, 5 / 19, 4 / 19)],
        [(0, 9 / 19, 5 / 19)],
        [(0, 14 / 19, 5 / 19)],
        [],
    ]
    assert by_week.shares(2, open_days=True)[0].share == 7 / 28
    assert [by_week.bucket_of(week) for week in (1, 4, 5)] == [0, 0, None]


@pytest.mark.slow
def test_core_products_the_plan_routes_are_scheduled_not_also_reserved(
    uav: Scenario, uav_plan: Plan
) -> None:
    # Week 10 of the chassis plant: body shop line 2 welds the core subframes (scheduled
    # as batches) besides its underbody welding (core load, kept free as reserved
    # stations). Every work center keeps the free stations the plan's
    # program and core products need, within half a station of rounding.
    core = {item.id for item in uav.items_of_kind(ItemKind.CORE)}
    instance = build_instance(uav, CHASSIS, 10, 1, uav_plan, 2)
    assert "body-line-2" in instance.resources
    bucket = bucket_of_week(uav_plan, uav, 10).index
    for record in uav_plan.capacity:
        if record.site != CHASSIS or record.bucket != bucket:
            continue
        resource = instance.resources.get(record.work_center)
        if resource is None:  # nothing to schedule there this week
            continue
        stations = len(resource.stations) + len(resource.reserved_stations)
        per_station = record.available_hours / stations
        routed_core = sum(
            production.hours
            for production in uav_plan.production
            if production.item in core
            and (production.site, production.work_center, production.bucket)
            == (CHASSIS, record.work_center, bucket)
        )
        free = len(resource.stations) * per_station + record.overtime_hours
        needed = record.program_hours + routed_core
        assert free + per_station / 2 >= needed - 1e-6, record.work_center
