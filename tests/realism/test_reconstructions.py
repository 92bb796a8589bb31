"""Reconstructions of real surges, planned and held against what was recorded.

examples/reconstructions/ventilators-2020.yaml rebuilds a 2020 ventilator surge from
public figures; its unpublished inputs are assumptions marked in the file, the parts
ramp among them (set from what was shipped, as parts bound output early). Planned
without knowing what happened, it must follow the record: the counts shipped by each
published date within a fifth, the June tranche late as it was, the full order within
a week of its date.

examples/reconstructions/shells-155mm.yaml rebuilds the 155 mm shell ramp since 2022
the same way (the energetics ramp is the assumption set from the record): its monthly
rate must be within 15 % of each published monthly rate, and the targets the program
missed must be out of the plan's reach too.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from surgeplan.pipeline import plans
from surgeplan.pipeline.folder import RunFolder
from surgeplan.pipeline.options import PlanOptions
from surgeplan.planning.results.plan import Plan
from surgeplan.realism.comparison import realism_report
from surgeplan.realism.reference import load_reference_class
from surgeplan.scenario import load_scenario

ROOT = Path(__file__).parents[2]
VENTILATORS = ROOT / "examples" / "reconstructions" / "ventilators-2020.yaml"
SHELLS = ROOT / "examples" / "reconstructions" / "shells-155mm.yaml"
TOLERANCE_SHARE = 0.2
RATE_TOLERANCE_SHARE = 0.15
DAYS_PER_WEEK = 7.0

pytestmark = pytest.mark.slow


def cumulative_by(plan: Plan, product: str, day: dt.date) -> float:
    """Units delivered by the end of `day`, spread evenly over each bucket's days."""
    total = 0.0
    for bucket in plan.buckets:
        units = sum(
            d.units
            for d in plan.deliveries
            if d.bucket == bucket.index and d.item == product
        )
        days = (bucket.end - bucket.start).days + 1
        covered = min(max((day - bucket.start).days + 1, 0), days)
        total += units * covered / days
    return total


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    out = tmp_path_factory.mktemp("ventilators")
    scenario = load_scenario(VENTILATORS)
    folder = RunFolder(out, VENTILATORS)
    folder.prepare()
    return plans.make_plan(scenario, folder, PlanOptions(confidence=())).plan


def test_the_ventilator_plan_follows_the_recorded_shipments(planned: Plan) -> None:
    record = next(
        p for p in load_reference_class().programs if p.id == "gm-ventec-2020"
    )

    for observation in record.observations:
        assert observation.cumulative_units is not None
        shipped = cumulative_by(planned, "ventilator", observation.date)
        assert shipped == pytest.approx(
            observation.cumulative_units, rel=TOLERANCE_SHARE
        ), observation.date


def test_the_june_tranche_is_late_as_it_was_and_the_order_is_filled(
    planned: Plan,
) -> None:
    june = next(m for m in planned.milestones if m.id == "june-tranche")
    full = next(m for m in planned.milestones if m.id == "full-order")

    assert june.delivered_by_due < 0.6 * june.quantity
    assert june.met_date is not None
    assert june.met_date > june.due_date
    assert full.met_date is not None
    assert (full.met_date - full.due_date).days <= 7


def test_the_reconstruction_starts_as_fast_as_the_record(planned: Plan) -> None:
    report = realism_report(load_scenario(VENTILATORS), planned)

    first = next(r for r in report.measures if r.measure == "weeks_to_first_unit")
    gm = next(p for p in first.precedents if p.program == "gm-ventec-2020")
    assert first.plan == pytest.approx(gm.value, abs=1.0)


def rate_in_bucket_of(plan: Plan, product: str, day: dt.date) -> float:
    """Units a week delivered in the plan's bucket holding `day`."""
    bucket = next(b for b in plan.buckets if b.start <= day <= b.end)
    units = sum(
        d.units
        for d in plan.deliveries
        if d.bucket == bucket.index and d.item == product
    )
    return units / (((bucket.end - bucket.start).days + 1) / DAYS_PER_WEEK)


@pytest.fixture(scope="module")
def planned_shells(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    out = tmp_path_factory.mktemp("shells")
    folder = RunFolder(out, SHELLS)
    folder.prepare()
    return plans.make_plan(
        load_scenario(SHELLS), folder, PlanOptions(confidence=())
    ).plan


def test_the_shell_plan_follows_the_recorded_monthly_rates(
    planned_shells: Plan,
) -> None:
    record = next(p for p in load_reference_class().programs if p.id == "us-155mm-2022")
    start = planned_shells.buckets[0].start
    # The rate before the surge is dated before the plan starts: the plan's first
    # full month stands for it.
    first_full_month = planned_shells.buckets[1].start
    compared = 0
    for observation in record.observations:
        assert observation.units_per_week is not None
        day = observation.date if observation.date >= start else first_full_month
        planned = rate_in_bucket_of(planned_shells, "shell", day)
        assert planned == pytest.approx(
            observation.units_per_week, rel=RATE_TOLERANCE_SHARE
        ), observation.date
        compared += 1
    assert compared == len(record.observations) == 4


def test_the_shell_plan_misses_the_targets_the_program_missed(
    planned_shells: Plan,
) -> None:
    record = next(p for p in load_reference_class().programs if p.id == "us-155mm-2022")
    last_day = planned_shells.buckets[-1].end
    for entry in record.schedule:
        assert entry.rate_per_week is not None
        assert not entry.met
        day = min(entry.due, last_day)
        assert rate_in_bucket_of(planned_shells, "shell", day) < 0.8 * (
            entry.rate_per_week
        ), entry.due
