"""From plain data to a valid Scenario, with every problem located at once."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from surgeplan.scenario.building_references import check_buildings
from surgeplan.scenario.consistency import (
    check_bom_cycles,
    check_capabilities,
    check_demand,
    check_horizon,
    check_milestone_dates,
    check_network,
)
from surgeplan.scenario.errors import ScenarioError, ScenarioIssue
from surgeplan.scenario.formats import (
    READABLE_FORMATS,
    format_1_path,
    is_older_format,
    upgraded,
)
from surgeplan.scenario.gate_references import check_gates
from surgeplan.scenario.messages import explain
from surgeplan.scenario.model import Scenario
from surgeplan.scenario.opening_state_checks import check_scenario_opening_state
from surgeplan.scenario.references import (
    Problem,
    check_item_references,
    check_unique_ids,
)
from surgeplan.scenario.risk_references import check_mitigations, check_risks
from surgeplan.scenario.salvage import parse_path, salvaged_problems
from surgeplan.scenario.speech import and_list, gettext
from surgeplan.scenario.workforce_checks import check_workforce_terms

Locate = Callable[[str, str], ScenarioIssue]
"""Builds a located issue from (path, message): lines for YAML, cells for Excel."""

ALL_CHECKS: tuple[Callable[[Scenario], list[Problem]], ...] = (
    check_unique_ids,
    check_item_references,
    check_bom_cycles,
    check_capabilities,
    check_network,
    check_demand,
    check_milestone_dates,
    check_horizon,
    check_risks,
    check_mitigations,
    check_workforce_terms,
    check_gates,
    check_buildings,
    check_scenario_opening_state,
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


def _covers(known: ScenarioIssue, issue: ScenarioIssue) -> bool:
    """Whether `issue` follows from `known` (same cell, or inside the same value)."""
    if known.file and issue.file and known.file != issue.file:
        return False
    if known.sheet is not None and known.row is not None:
        same_cell = (known.sheet, known.row, known.column) == (
            issue.sheet,
            issue.row,
            issue.column,
        )
        if same_cell:
            return True
    if not known.path:
        return False
    return issue.path == known.path or issue.path.startswith(
        (known.path + ".", known.path + "[")
    )


def _in_format_1_names(locate: Locate) -> Locate:
    """Locate problems of an upgraded document where its file spells the old names."""

    def located(path: str, message: str) -> ScenarioIssue:
        return locate(format_1_path(path), message)

    return located


def validate_data(
    data: Any,
    locate: Locate,
    found: Sequence[ScenarioIssue] = (),
    incomplete: Collection[str] = (),
) -> Scenario:
    """Validate plain data (from YAML, JSON or Excel) into a Scenario.

    Every problem is reported in one pass: type errors of one section do not hide
    the reference problems of the others (`salvage`). `found` holds the problems the
    reader located already (a formula cell, a YAML syntax error in one section);
    they come first, and the errors they cause in turn are not reported again.
    `incomplete` names top-level sections that lost parts the reader could not place
    (a row naming an unknown parent); the reference checks that read them are skipped.

    Raises:
        ScenarioError: with every problem found, each located by `locate`.
    """
    if not isinstance(data, dict):
        raise ScenarioError(
            [
                *found,
                locate(
                    "",
                    gettext(
                        "a scenario is a mapping with format, program, sites, … "
                        "at the top"
                    ),
                ),
            ]
        )
    version = data.get("format")
    if version is not None and version not in READABLE_FORMATS:
        raise ScenarioError(
            [
                *found,
                locate(
                    "format",
                    gettext(
                        "format %(format)s is not supported; this version of "
                        "surgeplan reads %(readable)s"
                    )
                    % {
                        "format": repr(version),
                        "readable": and_list([repr(name) for name in READABLE_FORMATS]),
                    },
                ),
            ]
        )
    if is_older_format(version):
        data = upgraded(data)
        locate = _in_format_1_names(locate)
    try:
        scenario: Scenario | None = Scenario.model_validate(data)
        details: list[ErrorDetails] = []
    except ValidationError as error:
        scenario = None
        details = error.errors()
    if scenario is not None and not found and not incomplete:
        problems = cross_check(scenario)
        if problems:
            raise ScenarioError([locate(path, message) for path, message in problems])
        return scenario
    bad = [detail["loc"] for detail in details]
    bad += [parse_path(issue.path) for issue in found if issue.path]
    bad += [(section,) for section in incomplete]
    located = [locate(*explain(detail, Scenario)) for detail in details]
    located += [
        locate(path, message)
        for path, message in salvaged_problems(data, bad, ALL_CHECKS)
    ]
    issues = [*found]
    for issue in located:
        if issue not in issues and not any(_covers(known, issue) for known in found):
            issues.append(issue)
    raise ScenarioError(issues)
