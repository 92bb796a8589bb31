import dataclasses
from pathlib import Path

import pytest
from page_reading import element, figures_of, soup_of
from plan_fixtures import HOSTILE_IMAGE, HOSTILE_NAME, make_plan, scenario_data
from risk_fixtures import MitigatedFiles
from tools import dump_dom

from surgeplan.planning.results.plan import Plan, load_plan
from surgeplan.reporting.mitigation_view import load_mitigation_ranking
from surgeplan.reporting.report import write_report
from surgeplan.reporting.risk_view import load_risk_view
from surgeplan.scenario import Scenario, load_scenario

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_report_draws_every_chart_without_an_error(
    tmp_path: Path, drone_scenario: Scenario, drone_plan: Plan
) -> None:
    page = write_report(drone_scenario, drone_plan, tmp_path)

    dom = soup_of(dump_dom(page, tmp_path / "profile"))

    root = element(dom, "html")
    assert root.get("data-errors") is None, element(dom, id="page-errors").get_text()
    expected = len(figures_of(page.read_text(encoding="utf-8")))
    assert root.get("data-charts-drawn") == str(expected)
    assert len(dom.select("div.plot .plot-container")) == expected


def test_risk_and_mitigation_charts_draw_without_an_error(
    tmp_path: Path, mitigated: MitigatedFiles
) -> None:
    scenario = load_scenario(mitigated.scenario)
    risk = load_risk_view(mitigated.risk, scenario)
    ranking = load_mitigation_ranking(mitigated.mitigations, scenario)
    page = write_report(
        scenario,
        load_plan(mitigated.plan),
        tmp_path,
        risk=dataclasses.replace(risk, mitigations=ranking),
    )

    dom = soup_of(dump_dom(page, tmp_path / "profile"))

    root = element(dom, "html")
    assert root.get("data-errors") is None, element(dom, id="page-errors").get_text()
    figures = figures_of(page.read_text(encoding="utf-8"))
    assert {"risk-fan", "risk-milestones", "risk-mitigations"} <= set(figures)
    assert root.get("data-charts-drawn") == str(len(figures))
    assert dom.select_one("#plot-risk-mitigations .plot-container") is not None


def test_hostile_names_do_not_run_in_the_browser(tmp_path: Path) -> None:
    data = scenario_data(site_name=HOSTILE_NAME)
    data["program"]["name"] = HOSTILE_IMAGE
    scenario = Scenario.model_validate(data)
    page = write_report(scenario, make_plan(scenario), tmp_path)

    dom = soup_of(dump_dom(page, tmp_path / "profile"))

    root = element(dom, "html")
    assert root.get("data-pwned") is None
    assert root.get("data-errors") is None, element(dom, id="page-errors").get_text()
    assert dom.find("img") is None
