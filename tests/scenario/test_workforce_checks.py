"""Names used by calendar exceptions, crew curves, shift crews and loans must exist."""

import copy
from collections.abc import Callable
from typing import Any

import pytest

from surgeplan.scenario import Scenario, load_scenario
from surgeplan.scenario.errors import ScenarioError
from surgeplan.scenario.validation import unlocated, validate_data

MINIMAL = load_scenario("examples/minimal.yaml").model_dump(mode="json")


def validated(change: Callable[[dict[str, Any]], None]) -> Scenario:
    data = copy.deepcopy(MINIMAL)
    change(data)
    return validate_data(data, unlocated("test"))


def problems_of(change: Callable[[dict[str, Any]], None]) -> str:
    with pytest.raises(ScenarioError) as raised:
        validated(change)
    return str(raised.value)


def test_an_exception_for_an_unknown_work_center_is_located() -> None:
    def change(data: dict[str, Any]) -> None:
        data["sites"][0]["calendar"]["exceptions"] = [
            {"date": "2027-05-13", "work_center": "paint-shop"}
        ]

    message = problems_of(change)
    assert "sites[0].calendar.exceptions[0].work_center" in message
    assert "'paint-shop' is not a work center of site 'plant'" in message


def test_crew_learning_for_an_unknown_or_repeated_item_is_located() -> None:
    def change(data: dict[str, Any]) -> None:
        data["sites"][0]["learning"] = [
            {"item": "gadget", "start_units": 0},
            {"item": "widget", "start_units": 0},
            {"item": "widget", "start_units": 5},
        ]

    message = problems_of(change)
    assert "sites[0].learning[0].item: unknown item 'gadget'" in message
    assert "sites[0].learning[2].item: item 'widget' is listed twice" in message


def test_a_loan_to_itself_or_an_unknown_site_is_located() -> None:
    def change(data: dict[str, Any]) -> None:
        data["labour_loans"] = [
            {
                "skill": "assembler",
                "from_site": "plant",
                "to_site": "plant",
                "people_max": 3,
            },
            {
                "skill": "assembler",
                "from_site": "elsewhere",
                "to_site": "plant",
                "people_max": 3,
            },
        ]

    message = problems_of(change)
    assert "labour_loans[0].to_site: a site cannot lend to itself" in message
    assert "labour_loans[1].from_site: unknown site 'elsewhere'" in message


def test_a_shift_crew_without_a_pool_of_its_skill_is_located() -> None:
    def change(data: dict[str, Any]) -> None:
        data["sites"][0]["work_centers"][0]["shift_patterns"] = [
            {"id": "2x8", "shifts_per_day": 2},
            {
                "id": "3x8",
                "shifts_per_day": 3,
                "crew_skill": "welder",
                "crew_people": 4,
            },
        ]

    assert "shift_patterns[1].crew_skill" in problems_of(change)


def test_the_new_terms_are_optional_and_valid_together() -> None:
    def change(data: dict[str, Any]) -> None:
        data["sites"][0]["calendar"]["exceptions"] = [{"date": "2027-05-13"}]
        data["sites"][0]["learning"] = [{"item": "widget", "start_units": 0}]

    scenario = validated(change)
    assert scenario.sites[0].learning[0].start_units == 0
    assert scenario.labour_loans == []


def test_a_first_pattern_without_its_crew_at_the_start_is_located() -> None:
    def change(data: dict[str, Any]) -> None:
        data["sites"][0]["work_centers"][0]["shift_patterns"] = [
            {
                "id": "3x8",
                "shifts_per_day": 3,
                "crew_skill": "assembler",
                "crew_people": 40,
            },
        ]

    message = problems_of(change)
    assert "shift_patterns[0].crew_people" in message
    assert "only 10 are qualified at the start" in message
