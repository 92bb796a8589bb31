"""On the drone example, every risk and mitigation shown reads in days and points."""

from pathlib import Path

import pytest
import weasyprint
from page_reading import selected, soup_of
from typer.testing import CliRunner

from surgeplan.cli import main as cli_main
from surgeplan.planning import plan
from surgeplan.risk import load_risk_report, mitigate, simulate
from surgeplan.scenario import load_scenario

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "uav-surge.yaml"


def numbers_of(cells: list[str]) -> list[float]:
    found = []
    for cell in cells:
        head = cell.replace("pts", "").replace(",", "").split("±")[0].strip()
        found.append(float(head.rstrip("*")))
    return found


@pytest.mark.slow
def test_the_drone_examples_risks_and_mitigations_read_in_days_and_points(
    tmp_path: Path,
) -> None:
    scenario = load_scenario(EXAMPLE)
    made = plan(scenario)
    plan_file = made.save(tmp_path / "plan.json")
    simulate(scenario, made, runs=2_000, seed=7, contribution_runs=1_000).save(
        tmp_path / "risk.json"
    )
    mitigate(scenario, made, runs=500, seed=7).save(tmp_path / "mitigations.json")
    for command in ("report", "brief"):
        result = CliRunner().invoke(
            cli_main.app,
            [
                command,
                str(EXAMPLE),
                "--plan",
                str(plan_file),
                "--risk",
                str(tmp_path / "risk.json"),
                "--out",
                str(tmp_path),
            ],
        )
        assert result.exit_code == 0, result.output

    report = soup_of((tmp_path / "report.html").read_text(encoding="utf-8"))
    drivers = report.select("table.drivers tbody tr")
    assert len(drivers) == len(load_risk_report(tmp_path / "risk.json").contributions)
    top = [[td.get_text(" ", strip=True) for td in row("td")] for row in drivers[:10]]
    # P50 days, P90 days, days late saved, points: none of the ten biggest all zero.
    assert all(any(value != 0 for value in numbers_of(cells[3:])) for cells in top)
    assert all(numbers_of(cells[5:6])[0] > 0 for cells in top)
    options = report.select("table.mitigations tbody tr")
    assert options
    for row in options:
        cells = [td.get_text(" ", strip=True) for td in row("td")]
        assert numbers_of([cells[4]])[0] != 0 or numbers_of([cells[9]])[0] != 0
    assert report.select("ul.systematic li")
    assert "the plan is optimistic by design" in report.get_text()

    brief_html = (tmp_path / "brief.html").read_text(encoding="utf-8")
    brief = soup_of(brief_html)
    assert "days late saved" in selected(brief, "p.drivers").get_text()
    assert "optimistic by design" in selected(brief, "p.systematic").get_text()
    assert len(weasyprint.HTML(string=brief_html).render().pages) <= 2
