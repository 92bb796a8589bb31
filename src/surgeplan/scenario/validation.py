"""From plain data to a valid Scenario, with every problem located at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from surgeplan.scenario.consistency import (
    check_bom_cycles,
    check_capabilities,
    check_demand,
    check_horizon,
    check_network,
)
from surgeplan.scenario.errors import ScenarioError, ScenarioIssue
from surgeplan.scenario.messages import explain_all
from surgeplan.scenario.model import SCENARIO_FORMAT, Scenario
from surgeplan.scenario.references import (
    Problem,
    check_item_references,
    check_unique_ids,
)
from surgeplan.scenario.risk_references import check_mitigations, check_risks

Locate = Callable[[str, str], ScenarioIssue]
"""Builds a located issue from (path, message): lines for YAML, cells for Excel."""

ALL_CHECKS: tuple[Callable[[Scenario], list[Problem]], ...] = (
    check_unique_ids,
    check_item_references,
    check_bom_cycles,
    check_capabilities,
    check_network,
    check_demand,
    check_horizon,
    check_risks,
    check_mitigations,
)


def unlocated(file: str = "") -> Locate:
    """A locator for data with no source positions (built in Python, or from an API)."""

    def locate(path: str, message: str) -> ScenarioIssue:
        return ScenarioIssue(message=message, path=path, file=file)

    return locate


def cross_check(scenario: Scenario) -> list[Problem]:
    """Every cross-reference problem of a structurally valid scenario."""
    problems: list[Problem] = []
    for check in ALL_CHECKS:
        problems.extend(check(scenario))
    return problems


def validate_data(data: Any, locate: Locate) -> Scenario:
    """Validate plain data (from YAML, JSON or Excel) into a Scenario.

    Raises:
        ScenarioError: with every structural problem, or else every cross-reference
            problem, each located by `locate`.
    """
    if not isinstance(data, dict):
        raise ScenarioError(
            [
                locate(
                    "",
                    "a scenario is a mapping with format, program, sites, … at the top",
                )
            ]
        )
    version = data.get("format")
    if version is not None and version != SCENARIO_FORMAT:
        raise ScenarioError(
            [
                locate(
                    "format",
                    f"format {version!r} is not supported; this version of surgeplan "
                    f"reads {SCENARIO_FORMAT!r}",
                )
            ]
        )
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as error:
        raise ScenarioError(
            [locate(path, message) for path, message in explain_all(error, Scenario)]
        ) from None
    problems = cross_check(scenario)
    if problems:
        raise ScenarioError([locate(path, message) for path, message in problems])
    return scenario
