"""A plan placed among the surges on record, and what no precedent achieved.

Each measure of the plan's ramp is set beside the same measure of every program of
the reference class that the record allows. A plan bolder than every ranked
precedent is flagged ("reaches 90 % of its rate 6 weeks after its first unit; the
fastest on record took 8"): a planner may still be right, but should know that no
one has done it. Timings from the first unit are ranked against new products and
lines only; an existing line pushed to more output is timed from its decision and is
shown beside them, not ranked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from surgeplan.planning.results.plan import Plan, plan_hash
from surgeplan.realism.measures import RampMeasures
from surgeplan.realism.plan_ramp import plan_measures
from surgeplan.realism.precedents import Precedent, precedents
from surgeplan.realism.reference import (
    LearningRangeKind,
    ReferenceClass,
    Reliability,
    load_reference_class,
)
from surgeplan.scenario import Scenario, scenario_hash

REALISM_FORMAT: Literal["surgeplan-realism/1"] = "surgeplan-realism/1"


class Boldness(StrEnum):
    """Which way a measure is bolder: fewer weeks, or more."""

    LOWER = "lower"
    HIGHER = "higher"


@dataclass(frozen=True)
class MeasureSpec:
    """How one measure is named, read and compared."""

    key: str
    label: str
    unit: str
    bolder: Boldness
    value: Callable[[RampMeasures], float | None]
    new_lines_only: bool


MEASURES = (
    MeasureSpec(
        "weeks_to_first_unit",
        "Weeks from the decision to the first unit",
        "weeks",
        Boldness.LOWER,
        lambda m: m.weeks_to_first_unit,
        new_lines_only=True,
    ),
    MeasureSpec(
        "weeks_to_half_rate",
        "Weeks from the first unit to 50 % of the final rate",
        "weeks",
        Boldness.LOWER,
        lambda m: m.weeks_to_half_rate,
        new_lines_only=True,
    ),
    MeasureSpec(
        "weeks_to_ninety_rate",
        "Weeks from the first unit to 90 % of the final rate",
        "weeks",
        Boldness.LOWER,
        lambda m: m.weeks_to_ninety_rate,
        new_lines_only=True,
    ),
    MeasureSpec(
        "final_rate_multiple",
        "Final rate as a multiple of the rate before the surge",
        "times",
        Boldness.HIGHER,
        lambda m: m.final_rate_multiple,
        new_lines_only=False,
    ),
    MeasureSpec(
        "milestones_met_share",
        "Share of the first schedule's milestones met",
        "share",
        Boldness.HIGHER,
        lambda m: m.milestones_met_share,
        new_lines_only=False,
    ),
)


class Record(BaseModel):
    """A record of realism.json."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class PrecedentValue(Record):
    """One precedent's value of a measure."""

    program: str
    name: str
    value: float
    reliability: Reliability = Field(
        description="The least reliable figure the value rests on."
    )
    ranked: bool = Field(
        description="False for an existing line timed from its decision: shown, "
        "not ranked against a new line's timings."
    )


class MeasureRow(Record):
    """A measure of the plan beside the same measure of the precedents."""

    measure: str
    label: str
    unit: str
    plan: float | None
    precedents: list[PrecedentValue]
    boldest_program: str | None = Field(
        description="The ranked precedent that did best on this measure."
    )
    boldest_value: float | None
    bolder_than: int = Field(description="Ranked precedents the plan is bolder than.")
    ranked_count: int
    beyond_record: bool = Field(
        description="The plan is bolder than every ranked precedent."
    )
    verdict: str


class LearningCheck(Record):
    """The plan's learning rate against the published ranges."""

    plan_learning_rate: float | None
    typical_low: float | None
    typical_high: float | None
    range_low: float | None
    range_high: float | None
    beyond_record: bool
    verdict: str


class RealismReport(Record):
    """realism.json: the plan's ramp among the surges on record."""

    format: Literal["surgeplan-realism/1"] = REALISM_FORMAT
    scenario_hash: str
    plan_hash: str
    product: str
    measures: list[MeasureRow]
    learning: LearningCheck
    flags: list[str] = Field(description="What no precedent achieved, in sentences.")
    contracts_cut: list[str] = Field(
        description="Contracts of the record terminated or capped part-way."
    )

    def to_json(self) -> str:
        """The report as indented JSON."""
        return self.model_dump_json(indent=2)

    def save(self, path: str | Path) -> Path:
        """Write realism.json."""
        target = Path(path)
        target.write_text(self.to_json(), "utf-8")
        return target


def _fmt(value: float, unit: str) -> str:
    if unit == "share":
        return f"{value:.0%}"
    if unit == "times":
        return f"{value:.1f} times"
    return f"{value:.1f}"


def _row(
    spec: MeasureSpec, plan_value: float | None, known: list[Precedent]
) -> MeasureRow:
    values = []
    for precedent in known:
        value = spec.value(precedent.measures)
        if value is None:
            continue
        ranked = precedent.program.new_line or not spec.new_lines_only
        values.append(
            PrecedentValue(
                program=precedent.program.id,
                name=precedent.program.name,
                value=value,
                reliability=precedent.weakest_reliability,
                ranked=ranked,
            )
        )
    ranked_values = [value for value in values if value.ranked]
    sign = 1.0 if spec.bolder is Boldness.LOWER else -1.0
    boldest = min(ranked_values, key=lambda v: sign * v.value, default=None)
    if plan_value is None:
        bolder_than = 0
        verdict = (
            "not comparable: the scenario gives no rate before the surge"
            if spec.key == "final_rate_multiple"
            else "not comparable: the plan delivers no product"
        )
    else:
        bolder_than = sum(
            1 for v in ranked_values if sign * plan_value < sign * v.value
        )
        verdict = _verdict(spec, plan_value, boldest, bolder_than, len(ranked_values))
    beyond = (
        plan_value is not None
        and bool(ranked_values)
        and bolder_than == len(ranked_values)
    )
    return MeasureRow(
        measure=spec.key,
        label=spec.label,
        unit=spec.unit,
        plan=plan_value,
        precedents=values,
        boldest_program=boldest.name if boldest else None,
        boldest_value=boldest.value if boldest else None,
        bolder_than=bolder_than,
        ranked_count=len(ranked_values),
        beyond_record=beyond,
        verdict=verdict,
    )


def _verdict(
    spec: MeasureSpec,
    plan_value: float,
    boldest: PrecedentValue | None,
    bolder_than: int,
    ranked: int,
) -> str:
    unit = " weeks" if spec.unit == "weeks" else ""
    shown = _fmt(plan_value, spec.unit) + unit
    if boldest is None:
        return f"{shown}; no precedent on record gives this measure"
    best = f"{boldest.name}, {_fmt(boldest.value, spec.unit)}{unit}"
    faster = spec.bolder is Boldness.LOWER
    if bolder_than == ranked:
        word = "faster than" if faster else "beyond"
        return f"{shown}: {word} every surge on record (the best: {best})"
    if bolder_than == 0:
        word = "slower than" if faster else "below"
        return f"{shown}: {word} every surge on record (the best: {best})"
    word = "faster than" if faster else "above"
    return f"{shown}: {word} {bolder_than} of {ranked} on record (the best: {best})"


def _learning(plan_rate: float | None, reference: ReferenceClass) -> LearningCheck:
    typical = reference.learning_range(LearningRangeKind.TYPICAL)
    spread = reference.learning_range(LearningRangeKind.RANGE)
    beyond = plan_rate is not None and spread is not None and plan_rate < spread.low
    if plan_rate is None or plan_rate >= 1.0:
        verdict = "the plan assumes no learning on the product"
    elif beyond and spread is not None:
        verdict = (
            f"{plan_rate:.0%} per doubling: faster learning than any industry on "
            f"record ({spread.low:.0%} to {spread.high:.0%})"
        )
    elif typical is not None and plan_rate < typical.low:
        verdict = (
            f"{plan_rate:.0%} per doubling: faster than the typical "
            f"{typical.low:.0%} to {typical.high:.0%}; industry averages predict "
            "single plants poorly"
        )
    else:
        verdict = f"{plan_rate:.0%} per doubling: within the range on record"
    return LearningCheck(
        plan_learning_rate=plan_rate,
        typical_low=typical.low if typical else None,
        typical_high=typical.high if typical else None,
        range_low=spread.low if spread else None,
        range_high=spread.high if spread else None,
        beyond_record=beyond,
        verdict=verdict,
    )


def realism_report(
    scenario: Scenario, plan: Plan, reference: ReferenceClass | None = None
) -> RealismReport:
    """The plan's ramp measured and placed among the surges on record."""
    reference = reference or load_reference_class()
    known = precedents(reference)
    measures = plan_measures(scenario, plan)
    rows = [_row(spec, spec.value(measures), known) for spec in MEASURES]
    learning = _learning(measures.learning_rate, reference)
    flags = [f"{row.label}: {row.verdict}" for row in rows if row.beyond_record]
    if learning.beyond_record:
        flags.append(f"Learning rate: {learning.verdict}")
    return RealismReport(
        scenario_hash=scenario_hash(scenario),
        plan_hash=plan_hash(plan),
        product=scenario.program.product,
        measures=rows,
        learning=learning,
        flags=flags,
        contracts_cut=[
            f"{cut.program}: {cut.schedule} — {cut.outcome}"
            for cut in reference.contracts_cut
        ],
    )
