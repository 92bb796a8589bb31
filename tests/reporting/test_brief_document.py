from pathlib import Path

import pytest
from page_reading import element, soup_of
from plan_fixtures import HOSTILE_IMAGE, HOSTILE_NAME, make_plan, scenario_data
from tools import pdf_pages, pdf_text

from surgeplan.economics import business_case
from surgeplan.planning.results.plan import Plan
from surgeplan.reporting.brief import render_brief, write_brief
from surgeplan.reporting.formatting import money, number
from surgeplan.scenario import Scenario


def test_brief_html_states_the_question_and_the_recommendation(
    drone_scenario: Scenario, drone_plan: Plan
) -> None:
    soup = soup_of(render_brief(drone_scenario, drone_plan))
    text = soup.get_text(" ", strip=True)
    assert "Should we take on Drone surge: 100 Drone by 28 Feb 2027" in text
    assert "Recommendation: Go, with conditions" in text
    assert "The risk simulation was not run" in text
    assert "Protect core production" in text
    assert soup.find("script") is None


@pytest.mark.slow
def test_brief_pdf_has_two_pages_with_the_key_figures(
    tmp_path: Path, drone_scenario: Scenario, drone_plan: Plan
) -> None:
    case = business_case(drone_scenario, drone_plan)

    files = write_brief(drone_scenario, drone_plan, tmp_path, case=case)

    assert files.html.exists()
    words = pdf_text(files.pdf).split()
    text = " ".join(words)
    assert pdf_pages(files.pdf) <= 2
    assert money(case.npv_eur, "EUR") in text
    assert number(drone_plan.units_delivered) in words
    assert "units delivered in the plan" in text
    assert "last milestone met (due 28 Feb 2027)" in text
    assert "Recommendation: Go, with conditions" in text


def test_hostile_names_stay_text_in_the_brief() -> None:
    data = scenario_data(site_name=HOSTILE_NAME)
    data["program"]["name"] = HOSTILE_IMAGE
    scenario = Scenario.model_validate(data)

    soup = soup_of(render_brief(scenario, make_plan(scenario)))
    assert soup.find("img") is None
    assert soup.find("script") is None
    assert HOSTILE_IMAGE in element(soup, "h1").get_text()
