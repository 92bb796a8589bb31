"""What the documents are made from: a plan (read or made), a sensitivity (cached)."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from surgeplan.economics import Sensitivity, business_case, sensitivity
from surgeplan.economics.sensitivity import DEFAULT_CHANGE
from surgeplan.planning.plan import Plan, load_plan
from surgeplan.scenario import Scenario, scenario_hash

PLAN_FILE = "plan.json"
PLAN_WORKBOOK = "plan.xlsx"
BUSINESS_CASE_FILE = "business-case.json"
SENSITIVITY_FILE = "sensitivity.json"


class PlanMismatchError(Exception):
    """A plan made from another version of the scenario."""


def read_plan(scenario: Scenario, path: Path) -> Plan:
    """A plan.json made from this very scenario.

    Raises:
        PlanFileError: the file is not a readable plan.
        PlanMismatchError: it was made from another version of the scenario.
    """
    plan = load_plan(path)
    if plan.scenario_hash != scenario_hash(scenario):
        raise PlanMismatchError(
            f"{path} was made from another version of the scenario: plan it again "
            "with `surgeplan plan`, or leave out --plan to plan it now"
        )
    return plan


def make_plan(scenario: Scenario, out_dir: Path, *, time_limit_s: float) -> Plan:
    """Plan the scenario and write plan.json and plan.xlsx beside the documents.

    Raises:
        ContradictoryScenarioError: core demand cannot be met even with every option.
    """
    from surgeplan.planning import plan
    from surgeplan.planning.plan_workbook import write_plan_workbook

    result = plan(scenario, time_limit_s=time_limit_s)
    out_dir.mkdir(parents=True, exist_ok=True)
    result.save(out_dir / PLAN_FILE)
    write_plan_workbook(result, out_dir / PLAN_WORKBOOK, scenario)
    return result


def cached_sensitivity(scenario: Scenario, path: Path) -> Sensitivity | None:
    """A sensitivity saved earlier for this scenario, or None."""
    try:
        saved = Sensitivity.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError):
        return None
    if saved.scenario_hash != scenario_hash(scenario) or saved.change != DEFAULT_CHANGE:
        return None
    return saved


def sensitivity_for(
    scenario: Scenario, plan: Plan, out_dir: Path, *, time_limit_s: float
) -> Sensitivity:
    """The sensitivity of the business case, re-planned or read from out_dir.

    Its ~8 re-plans are saved as sensitivity.json, so that the report and the brief
    of one scenario share them.
    """
    path = out_dir / SENSITIVITY_FILE
    saved = cached_sensitivity(scenario, path)
    if saved is not None:
        base = business_case(scenario, plan).npv_eur
        return saved.model_copy(update={"base_npv_eur": base})
    result = sensitivity(scenario, plan, time_limit_s=time_limit_s)
    out_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(result.model_dump_json(indent=1) + "\n", encoding="utf-8")
    return result
