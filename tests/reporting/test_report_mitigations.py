import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from page_reading import element, figures_of, read, soup_of
from risk_fixtures import MitigatedFiles
from tools import pdf_pages, pdf_text
from typer.testing import CliRunner, Result

from surgeplan.cli import main as cli_main
from surgeplan.planning.results.plan import Plan, load_plan
from surgeplan.reporting.brief import render_brief
from surgeplan.reporting.formatting import money, number, points
from surgeplan.reporting.report import render_report
from surgeplan.reporting.risk_view import RiskView, load_risk_view
from surgeplan.scenario import Scenario, load_scenario


def surgeplan(*args: object) -> Result:
    return CliRunner().invoke(cli_main.app, [str(arg) for arg in args])


def saved_ranking(mitigated: MitigatedFiles) -> list[dict[str, Any]]:
    """mitigations.json's options, in the file's order (best buy of P90 days first)."""
    ranking: list[dict[str, Any]] = json.loads(read(mitigated.mitigations))[
        "mitigations"
    ]
    return ranking


@pytest.fixture(scope="module")
def report_page(
    mitigated: MitigatedFiles, tmp_path_factory: pytest.TempPathFactory
) -> str:
    out = tmp_path_factory.mktemp("report")
    result = surgeplan(
        "report",
        mitigated.scenario,
        "--plan",
        mitigated.plan,
        "--risk",
        mitigated.risk,
        "--mitigations",
        mitigated.mitigations,
        "--out",
        out,
    )
    assert result.exit_code == 0, result.output
    return read(out / "report.html")


@pytest.mark.slow
def test_mitigation_chart_holds_each_options_gains_and_cost(
    mitigated: MitigatedFiles, report_page: str
) -> None:
    options = sorted(saved_ranking(mitigated), key=lambda o: o["rank_by_days"])
    assert any(o["p90_days_gained"] > 0 for o in options), "ranked by days"

    days, chance = figures_of(report_page)["risk-mitigations"]["data"]

    names = [o["name"] for o in options]
    assert days["y"] == names
    assert chance["y"] == names
    assert days["x"] == pytest.approx([o["p90_days_gained"] for o in options], abs=1e-6)
    assert chance["x"] == pytest.approx(
        [o["probability_gained"] for o in options], abs=1e-6
    )
    assert days["customdata"] == pytest.approx([o["cost_eur"] for o in options])


@pytest.mark.slow
def test_mitigation_table_shows_the_rankings_numbers(
    mitigated: MitigatedFiles, report_page: str
) -> None:
    options = sorted(saved_ranking(mitigated), key=lambda o: o["rank_by_days"])

    rows = soup_of(report_page).select("table.mitigations tbody tr")

    assert [row["data-mitigation"] for row in rows] == [o["id"] for o in options]
    for row, option in zip(rows, options, strict=True):
        cells = [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        assert cells[1].startswith(option["name"])
        assert cells[2] == money(option["cost_eur"], "EUR")
        assert cells[4].rstrip("*") == number(option["p90_days_gained"], 1)
        assert cells[5] == points(option["probability_gained"], 1)
        assert cells[6] == number(option["days_per_million_eur"], 1)
        assert cells[7] == points(option["probability_per_million_eur"], 1)


@pytest.mark.slow
def test_brief_pdf_names_the_best_mitigation_with_its_figures(
    mitigated: MitigatedFiles, tmp_path: Path
) -> None:
    (guards,) = [o for o in saved_ranking(mitigated) if o["id"] == "guards"]
    assert guards["rank_by_days"] == guards["rank_by_probability"] == 1

    result = surgeplan(
        "brief",
        mitigated.scenario,
        "--plan",
        mitigated.plan,
        "--risk",
        mitigated.risk,
        "--mitigations",
        mitigated.mitigations,
        "--out",
        tmp_path,
    )

    assert result.exit_code == 0, result.output
    text = " ".join(pdf_text(tmp_path / "brief.pdf").split())
    assert pdf_pages(tmp_path / "brief.pdf") <= 2
    assert "Best mitigations (on the 2 key milestones" in text
    best_row = (
        f"Guard the plant {money(guards['cost_eur'], 'EUR')} "
        f"{number(guards['p90_days_gained'])} {points(guards['probability_gained'], 1)}"
    )
    assert best_row in text
    assert "Start with the mitigation that gains most: Guard the plant" in text


@pytest.mark.slow
def test_mitigations_beside_the_risk_file_are_used_and_said_so(
    mitigated: MitigatedFiles, tmp_path: Path
) -> None:
    result = surgeplan(
        "report",
        mitigated.scenario,
        "--plan",
        mitigated.plan,
        "--risk",
        mitigated.risk,
        "--out",
        tmp_path,
    )

    assert result.exit_code == 0, result.output
    assert f"note: using {mitigated.mitigations}" in result.output
    assert "risk-mitigations" in figures_of(read(tmp_path / "report.html"))


@pytest.mark.slow
def test_without_a_ranking_the_report_says_how_to_get_one(
    mitigated: MitigatedFiles, tmp_path: Path
) -> None:
    alone = shutil.copy(mitigated.risk, tmp_path / "risk.json")

    result = surgeplan(
        "report",
        mitigated.scenario,
        "--plan",
        mitigated.plan,
        "--risk",
        alone,
        "--out",
        tmp_path,
    )

    assert result.exit_code == 0, result.output
    page = read(tmp_path / "report.html")
    text = element(soup_of(page), "section", id="part-risk").get_text(" ", strip=True)
    assert "Mitigations not ranked: run surgeplan mitigate" in text
    assert "risk-mitigations" not in figures_of(page)
    assert "note: using" not in result.output


@pytest.mark.slow
def test_without_a_ranking_the_brief_says_how_to_get_one(
    mitigated: MitigatedFiles,
) -> None:
    scenario = load_scenario(mitigated.scenario)

    page = render_brief(
        scenario,
        load_plan(mitigated.plan),
        risk=load_risk_view(mitigated.risk, scenario),
    )

    text = soup_of(page).get_text(" ", strip=True)
    assert "Mitigations not ranked: run surgeplan mitigate" in text


def test_a_scenario_without_mitigations_says_it_declares_none(
    drone_scenario: Scenario, drone_plan: Plan
) -> None:
    risk = RiskView(runs=100, key_milestone="first-hundred", milestones=[])

    page = render_report(drone_scenario, drone_plan, risk=risk)

    text = element(soup_of(page), "section", id="part-risk").get_text(" ", strip=True)
    assert "The scenario declares no mitigations to rank." in text


def _broken_json(mitigated: MitigatedFiles, tmp_path: Path) -> Path:
    path = tmp_path / "mitigations.json"
    path.write_text(read(mitigated.mitigations)[:-40], encoding="utf-8")
    return path


def _missing_cost(mitigated: MitigatedFiles, tmp_path: Path) -> Path:
    data = json.loads(read(mitigated.mitigations))
    del data["mitigations"][0]["cost_eur"]
    path = tmp_path / "mitigations.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.parametrize(
    ("make_file", "complaint"),
    [
        (lambda m, _: m.risk, "not a surgeplan mitigation ranking"),
        (_broken_json, "not a JSON mitigation ranking"),
        (_missing_cost, "mitigations.0.cost_eur: Field required"),
        (lambda _, folder: folder / "absent.json", "cannot read"),
    ],
    ids=["a-risk-result", "broken-json", "missing-cost", "missing-file"],
)
def test_a_bad_mitigations_file_is_refused_naming_it(
    mitigated: MitigatedFiles,
    tmp_path: Path,
    make_file: Callable[[MitigatedFiles, Path], Path],
    complaint: str,
) -> None:

    bad = make_file(mitigated, tmp_path)

    result = surgeplan(
        "report",
        mitigated.scenario,
        "--plan",
        mitigated.plan,
        "--risk",
        mitigated.risk,
        "--mitigations",
        bad,
        "--out",
        tmp_path / "out",
    )

    assert result.exit_code == 2
    assert f"error: {bad}: " in result.output
    assert complaint in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "report.html").exists()


@pytest.mark.slow
def test_mitigations_without_a_risk_result_are_refused(
    mitigated: MitigatedFiles, tmp_path: Path
) -> None:
    result = surgeplan(
        "brief",
        mitigated.scenario,
        "--plan",
        mitigated.plan,
        "--mitigations",
        mitigated.mitigations,
        "--out",
        tmp_path,
    )

    assert result.exit_code == 2
    assert "--mitigations needs --risk" in result.output
