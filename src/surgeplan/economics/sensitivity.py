"""How the business case moves when each key input moves: the tornado's numbers.

Each input is moved down and up by the same share (20 % by default) and the
scenario is planned again (in parallel processes); a change of unit price leaves the
plan as it is, so its business case is recomputed directly.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from surgeplan.economics.cashflow import business_case
from surgeplan.economics.replanning import plan_many
from surgeplan.economics.variants import (
    INPUT_LABELS,
    NO_REPLAN,
    SensitivityInput,
    moved_scenario,
)
from surgeplan.planning.results.plan import Plan
from surgeplan.scenario import Scenario, scenario_hash

SENSITIVITY_FORMAT = "surgeplan-sensitivity/1"
DEFAULT_CHANGE = 0.2


class SensitivityCase(BaseModel):
    """One input moved one way, and what the plan and the business case become."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    input: SensitivityInput
    label: str
    change: float = Field(description="-0.2 is the input lowered by 20 %.")
    npv_eur: float | None
    last_milestone_date: dt.date | None = Field(
        description="When the last milestone is met; None if not within the horizon."
    )
    refusal: str | None = Field(
        default=None, description="Why the planner refused this variant."
    )


class Sensitivity(BaseModel):
    """The base case and every moved case."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: str = SENSITIVITY_FORMAT
    scenario_hash: str
    change: float
    base_npv_eur: float
    base_last_milestone_date: dt.date | None
    last_milestone: str
    cases: list[SensitivityCase]
    not_applicable: list[str] = Field(
        description="Inputs the scenario has nothing for (e.g. no conversion)."
    )

    def swing(self, sensitivity_input: SensitivityInput) -> float:
        """Spread of NPV between the input's low and high case."""
        values = [
            case.npv_eur
            for case in self.cases
            if case.input is sensitivity_input and case.npv_eur is not None
        ]
        return max(values) - min(values) if values else 0.0

    def inputs_by_swing(self) -> list[SensitivityInput]:
        """Inputs that were tested, the one moving NPV most first."""
        tested = dict.fromkeys(case.input for case in self.cases)
        return sorted(tested, key=self.swing, reverse=True)


def last_milestone_date(scenario: Scenario, plan: Plan) -> tuple[str, dt.date | None]:
    """The last milestone's id and the day the plan meets it (None: not met)."""
    last = scenario.milestones_in_order()[-1]
    for record in plan.milestones:
        if record.id == last.id:
            return last.id, record.met_date
    return last.id, None


def sensitivity(
    scenario: Scenario,
    plan: Plan,
    *,
    change: float = DEFAULT_CHANGE,
    time_limit_s: float = 60.0,
) -> Sensitivity:
    """NPV and the last milestone's date with each key input moved down and up."""
    last_id, base_date = last_milestone_date(scenario, plan)
    moved: list[tuple[SensitivityInput, float, Scenario]] = []
    not_applicable: list[str] = []
    for sensitivity_input in SensitivityInput:
        variants = [
            (delta, moved_scenario(scenario, sensitivity_input, delta))
            for delta in (-change, change)
        ]
        if any(variant is None for _, variant in variants):
            not_applicable.append(INPUT_LABELS[sensitivity_input])
            continue
        moved.extend(
            (sensitivity_input, delta, variant)
            for delta, variant in variants
            if variant is not None
        )
    to_plan = [entry for entry in moved if entry[0] not in NO_REPLAN]
    outcomes = plan_many([entry[2] for entry in to_plan], time_limit_s=time_limit_s)
    plans = {
        (entry[0], entry[1]): outcome
        for entry, outcome in zip(to_plan, outcomes, strict=True)
    }
    cases: list[SensitivityCase] = []
    for sensitivity_input, delta, variant in moved:
        label = INPUT_LABELS[sensitivity_input]
        if sensitivity_input in NO_REPLAN:
            variant_plan: Plan | None = plan
            refusal = None
        else:
            outcome = plans[(sensitivity_input, delta)]
            variant_plan, refusal = outcome.plan, outcome.refusal
        if variant_plan is None:
            cases.append(
                SensitivityCase(
                    input=sensitivity_input,
                    label=label,
                    change=delta,
                    npv_eur=None,
                    last_milestone_date=None,
                    refusal=refusal,
                )
            )
            continue
        cases.append(
            SensitivityCase(
                input=sensitivity_input,
                label=label,
                change=delta,
                npv_eur=business_case(variant, variant_plan).npv_eur,
                last_milestone_date=last_milestone_date(variant, variant_plan)[1],
            )
        )
    return Sensitivity(
        scenario_hash=scenario_hash(scenario),
        change=change,
        base_npv_eur=business_case(scenario, plan).npv_eur,
        base_last_milestone_date=base_date,
        last_milestone=last_id,
        cases=cases,
        not_applicable=not_applicable,
    )
