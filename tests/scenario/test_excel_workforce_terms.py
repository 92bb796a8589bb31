"""The workforce terms and calendar exceptions survive a round trip through Excel."""

import copy
from pathlib import Path

import openpyxl

from surgeplan.scenario import Scenario, load_scenario, save_scenario, scenario_to_yaml
from surgeplan.scenario.validation import unlocated, validate_data

MINIMAL = load_scenario("examples/minimal.yaml").model_dump(mode="json")


def with_terms() -> Scenario:
    data = copy.deepcopy(MINIMAL)
    plant = data["sites"][0]
    plant["calendar"]["exceptions"] = [
        {"date": "2027-05-13", "work_center": "assembly-cell", "reason": "order"}
    ]
    plant["work_centers"][0]["shift_patterns"] = [
        {"id": "2x8", "shifts_per_day": 2},
        {
            "id": "24-7",
            "shifts_per_day": 3,
            "runs_through_holidays": True,
            "crew_skill": "assembler",
            "crew_people": 12,
        },
    ]
    plant["workforce"][0].update(
        {
            "training_cost_per_trainee": 2500,
            "recruiting_lead_time_weeks": 3,
            "hires_per_week_ramp": 2,
            "attrition_share_per_week": 0.02,
            "part_time_share": 0.25,
            "part_time_hours_per_week": 18,
            "is_salaried": True,
        }
    )
    plant["learning"] = [
        {
            "item": "widget",
            "start_units": 0,
            "forget_after_weeks": 4,
            "forgotten_share": 0.2,
        }
    ]
    partner = copy.deepcopy(plant)
    partner.update({"id": "partner", "learning": [], "work_centers": []})
    partner["calendar"] = {"exceptions": [{"date": "2027-05-14"}]}
    data["sites"].append(partner)
    data["labour_loans"] = [
        {
            "skill": "assembler",
            "from_site": "partner",
            "to_site": "plant",
            "people_max": 5,
            "lead_time_weeks": 1,
            "cost_per_person_week": 700,
        }
    ]
    return validate_data(data, unlocated("test"))


def test_the_new_terms_survive_a_round_trip_through_excel(tmp_path: Path) -> None:
    scenario = with_terms()

    path = save_scenario(scenario, tmp_path / "scenario.xlsx")
    back = load_scenario(path)

    assert back == scenario
    assert scenario_to_yaml(back) == scenario_to_yaml(scenario)
    sheets = openpyxl.load_workbook(path).sheetnames
    assert {"CalendarExceptions", "CrewLearning", "LabourLoans"} <= set(sheets)
