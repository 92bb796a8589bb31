"""Which files belong together: a plan and its scenario, a risk file and its plan.

A simulation of a plan made for another version of the scenario, or a report pairing
a risk or mitigation file with another plan, would show odds of a plan nobody is
looking at. These checks refuse such pairs with a message naming both files and the
command that makes a matching one; the command line and the run-folder pipeline call
them.
"""

from __future__ import annotations

from pathlib import Path

from surgeplan.planning.results.plan import Plan, plan_hash
from surgeplan.risk.errors import RiskError
from surgeplan.risk.mitigate import MitigationReport
from surgeplan.risk.report import RiskReport
from surgeplan.scenario import Scenario, scenario_hash


class PairingError(RiskError):
    """Two files that were not made from each other."""


def check_plan_matches_scenario(
    scenario: Scenario, plan: Plan, *, scenario_file: Path, plan_file: Path
) -> None:
    """A plan may only be simulated with the scenario version it was made from.

    Raises:
        PairingError: the plan was made from another version of the scenario.
    """
    current = scenario_hash(scenario)
    if plan.scenario_hash == current:
        return
    raise PairingError(
        f"{plan_file} was made from another version of {scenario_file} (scenario "
        f"{plan.scenario_hash[:12]}, now {current[:12]}): make a matching plan with "
        f"`surgeplan plan {scenario_file} --out DIR`, then pass DIR/plan.json"
    )


def check_pairing(
    result: RiskReport | MitigationReport,
    plan: Plan,
    *,
    result_file: Path,
    plan_file: Path | str,
) -> None:
    """A risk or mitigation file may only be shown with the plan it was made from.

    Raises:
        PairingError: the file records another plan's hash.
    """
    if result.plan_hash == plan_hash(plan):
        return
    command = "simulate" if isinstance(result, RiskReport) else "mitigate"
    raise PairingError(
        f"{result_file} was made from another plan than {plan_file} (plan "
        f"{result.plan_hash[:12]}, not {plan_hash(plan)[:12]}): make a matching one "
        f"with `surgeplan {command} SCENARIO --plan {plan_file} --out DIR`"
    )
