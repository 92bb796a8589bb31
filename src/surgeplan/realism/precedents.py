"""The measures of each program of the reference class."""

from __future__ import annotations

from dataclasses import dataclass

from surgeplan.realism.measures import (
    RampMeasures,
    RatePoint,
    rates_from_cumulative,
    weeks_between,
    weeks_to_share_of_rate,
)
from surgeplan.realism.reference import Program, ReferenceClass, Reliability

HALF_RATE_SHARE = 0.5
NINETY_RATE_SHARE = 0.9


@dataclass(frozen=True)
class Precedent:
    """A program of the reference class with its measures."""

    program: Program
    measures: RampMeasures

    @property
    def weakest_reliability(self) -> Reliability:
        """The least reliable figure its measures rest on."""
        grades = [o.reliability for o in self.program.observations] or [
            Reliability.MEDIUM
        ]
        order = [Reliability.LOW, Reliability.MEDIUM, Reliability.HIGH]
        return min(grades, key=order.index)


def rate_points(program: Program) -> list[RatePoint]:
    """The program's output rates over time, from its published figures."""
    origin = program.first_unit_date if program.new_line else program.decision_date
    points = [
        RatePoint(o.date, o.units_per_week)
        for o in program.observations
        if o.units_per_week is not None
    ]
    counts = [
        (o.date, o.cumulative_units)
        for o in program.observations
        if o.cumulative_units is not None
    ]
    if origin is not None:
        start_rate = 0.0 if program.new_line else (program.prior_units_per_week or 0.0)
        if not any(point.date <= origin for point in points):
            points.append(RatePoint(origin, start_rate))
        if counts:
            points.extend(rates_from_cumulative(origin, counts))
    return sorted(points, key=lambda point: point.date)


def measures_of(program: Program) -> RampMeasures:
    """The comparable measures of a program, where its figures allow them."""
    points = rate_points(program)
    # The peak stands for the final rate: programs on record end when the order is
    # filled, so the last figure is often a wind-down, not the rate the line made.
    final_rate = max((point.units_per_week for point in points), default=0.0)
    origin = program.first_unit_date if program.new_line else program.decision_date
    observed = [point for point in points if point.units_per_week > 0]
    enough = origin is not None and len(observed) >= 2 and final_rate > 0
    multiple = program.prior_rate_multiple
    if multiple is None and program.prior_units_per_week and final_rate > 0:
        multiple = final_rate / program.prior_units_per_week
    return RampMeasures(
        weeks_to_first_unit=(
            weeks_between(program.decision_date, program.first_unit_date)
            if program.decision_date and program.first_unit_date and program.new_line
            else None
        ),
        weeks_to_half_rate=(
            weeks_to_share_of_rate(points, origin, final_rate, HALF_RATE_SHARE)
            if enough and origin is not None
            else None
        ),
        weeks_to_ninety_rate=(
            weeks_to_share_of_rate(points, origin, final_rate, NINETY_RATE_SHARE)
            if enough and origin is not None
            else None
        ),
        final_rate_per_week=final_rate if enough else None,
        final_rate_multiple=multiple,
        # A record gives a first and a later unit time (Liberty ships) but not how
        # many units lay between them, so no ratio per doubling follows from it; the
        # plan's learning is held against the published ranges instead.
        learning_rate=None,
        milestones_met=sum(entry.met for entry in program.schedule),
        milestones_counted=len(program.schedule),
    )


def precedents(reference: ReferenceClass) -> list[Precedent]:
    """Every program of the reference class with its measures."""
    return [Precedent(program, measures_of(program)) for program in reference.programs]
