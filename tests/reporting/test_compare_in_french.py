"""compare.html in French: no English sentence left, the English page's figures.

The drone example and the minimal one are planned for real, once for the module,
and compared in both languages from the same plans.
"""

import re
from pathlib import Path

import pytest
import yaml
from french_reading import english_lines, page_words, strings
from page_reading import figures_of, read, soup_of
from typer.testing import CliRunner

from surgeplan.cli import main as cli_main
from surgeplan.i18n import Language
from surgeplan.planning import plan
from surgeplan.planning.results.plan import Plan
from surgeplan.reporting.compare import Variant, render_comparison
from surgeplan.reporting.formatting import money
from surgeplan.scenario import Scenario, load_scenario

pytestmark = pytest.mark.slow

MINIMAL = Path(__file__).resolve().parents[2] / "examples" / "minimal.yaml"
# A figure as English writes it (12,345.6) and as French does (12 345,6).
ENGLISH_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")
# Layout spaces only: French figures keep their narrow no-break spaces.
PLAIN_SPACES = re.compile(r"[ \t\n]+")
FRENCH_FIGURE = re.compile(r"\d[\d\u202f\u00a0]*(?:,\d+)?")


@pytest.fixture(scope="module")
def variants(uav_scenario: Scenario, uav_plan: Plan) -> list[Variant]:
    minimal = load_scenario(MINIMAL)
    return [
        Variant.of("uav-surge", uav_scenario, uav_plan),
        Variant.of("minimal", minimal, plan(minimal)),
    ]


def proper_nouns(variants: list[Variant]) -> list[str]:
    """The variants' labels and every name and description of their scenarios."""
    quoted = [variant.label for variant in variants]
    for variant in variants:
        quoted += strings(variant.scenario.model_dump(mode="json"))
    return [text for text in quoted if len(text) > 2]


def table(html: str) -> list[list[str]]:
    """The comparison table's rows: heading, then one cell per variant."""
    return [
        [
            PLAIN_SPACES.sub(" ", cell.get_text(" ")).strip()
            for cell in row.find_all(["th", "td"])
        ]
        for row in soup_of(html).select("table.comparison tbody tr")
    ]


def english_figures(cell: str) -> list[float]:
    return [float(found.replace(",", "")) for found in ENGLISH_FIGURE.findall(cell)]


def french_figures(cell: str) -> list[float]:
    return [
        float(re.sub(r"[\u202f\u00a0]", "", found).replace(",", "."))
        for found in FRENCH_FIGURE.findall(cell)
    ]


def test_the_french_comparison_has_no_english_sentence_left(
    variants: list[Variant],
) -> None:
    html = render_comparison(variants, language=Language.FR)

    assert '<html lang="fr">' in html
    assert english_lines(page_words(html), proper_nouns(variants)) == []


def test_the_english_comparison_is_caught_by_the_same_reading(
    variants: list[Variant],
) -> None:
    html = render_comparison(variants, language=Language.EN)

    assert len(english_lines(page_words(html), proper_nouns(variants))) > 3


def test_the_french_table_shows_the_english_tables_figures(
    variants: list[Variant],
) -> None:
    french = table(render_comparison(variants, language=Language.FR))
    english = table(render_comparison(variants, language=Language.EN))

    assert [row[0] for row in french][6] == "VAN"
    assert len(french) == len(english) == 10
    for french_row, english_row in zip(french, english, strict=True):
        for french_cell, english_cell in zip(
            french_row[1:], english_row[1:], strict=True
        ):
            assert french_figures(french_cell) == english_figures(english_cell), (
                english_row[0],
                french_cell,
                english_cell,
            )
    npv = variants[0].case.npv_eur
    assert french[6][1] == money(npv, "EUR", language=Language.FR)
    assert english[6][1] == money(npv, "EUR", language=Language.EN)


def test_the_french_chart_draws_the_same_curves_with_french_words(
    variants: list[Variant],
) -> None:
    french_page = render_comparison(variants, language=Language.FR)
    english_page = render_comparison(variants, language=Language.EN)
    french = figures_of(french_page)["compare-deliveries"]
    english = figures_of(english_page)["compare-deliveries"]

    assert [trace["y"] for trace in french["data"]] == [
        trace["y"] for trace in english["data"]
    ]
    assert french["layout"]["yaxis"]["title"]["text"] == "unités livrées à date"
    assert "uav-surge\u202f: échéances" in [trace["name"] for trace in french["data"]]
    assert soup_of(french_page).select_one("#plotly-packed[data-locale]") is not None
    assert soup_of(english_page).select_one("#plotly-packed[data-locale]") is None


def test_without_a_language_the_comparison_speaks_the_first_scenarios(
    variants: list[Variant],
) -> None:
    first = variants[1].scenario
    french = first.model_copy(
        update={"program": first.program.model_copy(update={"language": Language.FR})}
    )
    ordered = [Variant.of("minimal", french, variants[1].plan), variants[0]]

    assert '<html lang="fr">' in render_comparison(ordered)
    assert '<html lang="en">' in render_comparison(variants)


def test_compare_lang_outranks_the_scenarios_language(tmp_path: Path) -> None:
    data = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    data["program"]["language"] = "fr"
    french = tmp_path / "minimal-fr.yaml"
    french.write_text(yaml.safe_dump(data), encoding="utf-8")
    out = tmp_path / "out"

    result = CliRunner().invoke(
        cli_main.app,
        ["compare", str(french), str(MINIMAL), "--out", str(out), "--lang", "en"],
    )

    assert result.exit_code == 0, result.output
    page = read(out / "compare.html")
    assert '<html lang="en">' in page
    assert [row[0] for row in table(page)][6] == "NPV"
