"""The language of a document: --lang, else program.language, else English."""

from pathlib import Path

import pytest
import yaml
from page_reading import read, soup_of
from plan_fixtures import make_plan, make_scenario
from typer.testing import CliRunner, Result

from surgeplan.cli import main as cli_main
from surgeplan.i18n import Language
from surgeplan.reporting.brief import render_brief
from surgeplan.reporting.report import render_report
from surgeplan.scenario import Scenario, load_scenario

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "examples" / "minimal.yaml"


def surgeplan(*args: object) -> Result:
    return CliRunner().invoke(cli_main.app, [str(arg) for arg in args])


def speaking_french(scenario: Scenario) -> Scenario:
    program = scenario.program.model_copy(update={"language": Language.FR})
    return scenario.model_copy(update={"program": program})


def headline(html: str) -> str:
    found = soup_of(html).select_one("#recommendation")
    assert found is not None
    # split() takes the narrow no-break space French puts before a colon as a space.
    return " ".join(found.get_text(" ").split())


def test_a_scenario_without_a_language_gets_english_documents() -> None:
    scenario = make_scenario()
    plan = make_plan(scenario)

    assert scenario.program.language is Language.EN
    assert headline(render_brief(scenario, plan)).startswith("Recommendation:")


def test_program_language_fr_writes_the_brief_and_report_in_french() -> None:
    scenario = speaking_french(make_scenario())
    plan = make_plan(scenario)

    assert headline(render_brief(scenario, plan)).startswith("Recommandation :")
    assert "Recommandation :" in headline(render_report(scenario, plan))


def test_the_language_given_outranks_the_scenarios() -> None:
    scenario = speaking_french(make_scenario())
    plan = make_plan(scenario)

    html = render_brief(scenario, plan, language=Language.EN)
    assert headline(html).startswith("Recommendation:")
    assert '<html lang="en">' in html


@pytest.mark.slow
def test_lang_fr_on_the_command_line_writes_french_files(tmp_path: Path) -> None:
    assert surgeplan("plan", MINIMAL, "--out", tmp_path).exit_code == 0

    report = surgeplan("report", MINIMAL, "--out", tmp_path, "--lang", "fr")
    brief = surgeplan("brief", MINIMAL, "--out", tmp_path, "--lang", "fr")

    assert report.exit_code == 0, report.output
    assert brief.exit_code == 0, brief.output
    assert '<html lang="fr">' in read(tmp_path / "report.html")
    assert "Note de décision" in read(tmp_path / "brief.html")


def test_an_unknown_language_is_refused_with_the_choices(tmp_path: Path) -> None:
    result = surgeplan("report", MINIMAL, "--out", tmp_path, "--lang", "de")

    assert result.exit_code == 2
    assert "'en', 'fr'" in result.output or "en, fr" in result.output


def test_program_language_is_read_from_the_scenario_file(tmp_path: Path) -> None:
    data = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    data["program"]["language"] = "fr"
    target = tmp_path / "french.yaml"
    target.write_text(yaml.safe_dump(data), encoding="utf-8")

    assert load_scenario(target).program.language is Language.FR


@pytest.mark.slow
def test_run_with_lang_fr_writes_the_report_and_brief_in_french(tmp_path: Path) -> None:
    result = surgeplan(
        "run",
        MINIMAL,
        "--out",
        tmp_path,
        "--runs",
        200,
        "--mitigation-runs",
        100,
        "--lang",
        "fr",
    )

    assert result.exit_code == 0, result.output
    assert '<html lang="fr">' in read(tmp_path / "report.html")
    assert "Note de décision" in read(tmp_path / "brief.html")
