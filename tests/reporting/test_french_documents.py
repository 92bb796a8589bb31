"""The drone brief and report in French: no English sentence left, the same figures.

The plan, risk results, mitigation ranking and realism check are made once for the
module; the documents are rendered in both languages from the same results. Names
the scenario gives (sites, items, mitigations, descriptions) and the surges on
record are proper nouns, quoted as written: they are taken out of the page before
its words are read.
"""

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from french_reading import english_lines, page_words, strings
from page_reading import soup_of
from tools import pdf_text

from surgeplan.economics import BusinessCase, business_case
from surgeplan.i18n import Language, speaking
from surgeplan.planning.results.plan import Plan
from surgeplan.realism.comparison import RealismReport, realism_report
from surgeplan.reporting.brief import render_brief
from surgeplan.reporting.contract_words import conventions
from surgeplan.reporting.formatting import money, number, percent
from surgeplan.reporting.mitigation_view import mitigation_ranking
from surgeplan.reporting.pdf import write_pdf
from surgeplan.reporting.realism_words import realism_flags, realism_verdict
from surgeplan.reporting.report import render_report
from surgeplan.reporting.risk_view import RiskView, risk_view
from surgeplan.reporting.systematic_words import systematic_statement
from surgeplan.scenario import Scenario

pytestmark = pytest.mark.slow

RUNS, MITIGATION_RUNS, SEED = 400, 150, 7
SPACES = re.compile(r"[\s\u202f\u00a0]+")


@dataclass(frozen=True)
class Results:
    scenario: Scenario
    plan: Plan
    case: BusinessCase
    risk: RiskView
    realism: RealismReport


@pytest.fixture(scope="module")
def results(uav_scenario: Scenario, uav_plan: Plan) -> Results:
    from surgeplan.risk.mitigate import mitigate
    from surgeplan.risk.simulate import simulate

    report = simulate(uav_scenario, uav_plan, runs=RUNS, seed=SEED)
    ranking = mitigate(uav_scenario, uav_plan, runs=MITIGATION_RUNS, seed=SEED)
    view = replace(
        risk_view(report, uav_scenario),
        mitigations=mitigation_ranking(ranking, uav_scenario),
    )
    return Results(
        uav_scenario,
        uav_plan,
        business_case(uav_scenario, uav_plan),
        view,
        realism_report(uav_scenario, uav_plan),
    )


def brief(results: Results, language: Language) -> str:
    return render_brief(
        results.scenario,
        results.plan,
        case=results.case,
        risk=results.risk,
        realism=results.realism,
        language=language,
    )


def report(results: Results, language: Language) -> str:
    return render_report(
        results.scenario,
        results.plan,
        case=results.case,
        risk=results.risk,
        realism=results.realism,
        language=language,
    )


def proper_nouns(results: Results) -> list[str]:
    """Names and descriptions in the scenario and of past surges, longest first."""
    quoted = strings(results.scenario.model_dump(mode="json"))
    quoted += [
        precedent.name
        for row in results.realism.measures
        for precedent in row.precedents
    ]
    quoted += results.realism.contracts_cut
    return sorted({text for text in quoted if len(text) > 2}, key=len, reverse=True)


def english_left(html: str, results: Results) -> list[str]:
    """Lines of the page that still hold an English word, proper nouns taken out."""
    return english_lines(page_words(html), proper_nouns(results))


def flat(text: str) -> str:
    return SPACES.sub(" ", text)


def test_the_french_brief_has_no_english_sentence_left(results: Results) -> None:
    html = brief(results, Language.FR)
    assert 'lang="fr"' in html
    assert english_left(html, results) == []


def test_the_english_brief_is_caught_by_the_same_reading(results: Results) -> None:
    # The check can fail: the same page in English is full of English words.
    assert len(english_left(brief(results, Language.EN), results)) > 10


def test_the_french_report_has_no_english_sentence_left(results: Results) -> None:
    html = report(results, Language.FR)
    assert english_left(html, results) == []


def test_the_french_reports_charts_get_french_month_names_and_separators(
    results: Results,
) -> None:
    packed = soup_of(report(results, Language.FR)).select_one("#plotly-packed")
    assert packed is not None
    locale = json.loads(str(packed["data-locale"]))
    assert locale["name"] == "fr"
    assert locale["format"]["shortMonths"][0] == "janv."
    assert locale["format"]["decimal"] == ","
    english = soup_of(report(results, Language.EN)).select_one("#plotly-packed")
    assert english is not None
    assert not english.has_attr("data-locale")


def test_the_french_brief_pdf_says_van_with_the_english_briefs_figures(
    results: Results, tmp_path: Path
) -> None:
    french = flat(pdf_text(write_pdf(brief(results, Language.FR), tmp_path / "fr.pdf")))
    english = flat(
        pdf_text(write_pdf(brief(results, Language.EN), tmp_path / "en.pdf"))
    )
    npv, units = results.case.npv_eur, results.plan.units_delivered
    assert money(npv, "EUR") in english
    assert number(units) in english
    assert "VAN" in french
    assert "NPV" not in french
    assert flat(money(npv, "EUR", language=Language.FR)) in french
    assert flat(number(units, language=Language.FR)) in french
    rate = percent(results.case.discount_rate, 1, language=Language.FR)
    assert flat(f"VAN à {rate}") in french


def test_in_english_the_documents_say_what_the_results_files_say(
    results: Results,
) -> None:
    with speaking(Language.EN):
        assert conventions(results.case) == results.case.conventions
        assert realism_flags(results.realism) == results.realism.flags
        assert [realism_verdict(row) for row in results.realism.measures] == [
            row.verdict for row in results.realism.measures
        ]
        systematic = results.risk.report.systematic_risks if results.risk.report else []
        assert systematic
        assert [systematic_statement(entry) for entry in systematic] == [
            entry.statement for entry in systematic
        ]
