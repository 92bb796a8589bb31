import csv
from pathlib import Path

import pytest
from page_reading import figures_of, soup_of
from plan_fixtures import make_plan, scenario_data

from surgeplan.reporting.compare import Variant, spreadsheet_safe, write_comparison
from surgeplan.scenario import Scenario


@pytest.fixture
def variants() -> list[Variant]:
    base = Scenario.model_validate(scenario_data())
    hostile_data = scenario_data()
    hostile_data["program"]["name"] = '=HYPERLINK("http://x","y")'
    hostile = Scenario.model_validate(hostile_data)
    slower = make_plan(base)
    slower = slower.model_copy(
        update={
            "deliveries": [
                d.model_copy(update={"units": d.units / 2}) for d in slower.deliveries
            ]
        }
    )
    return [
        Variant.of("both plants", base, make_plan(base)),
        Variant.of("-half", hostile, slower),
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("chassis only", "chassis only"),
        (-12.5, -12.5),
    ],
)
def test_cells_a_spreadsheet_would_run_are_quoted(
    cell: str | float, expected: str | float
) -> None:
    assert spreadsheet_safe(cell) == expected


def test_compare_writes_a_csv_row_per_variant(
    tmp_path: Path, variants: list[Variant]
) -> None:
    _, csv_path = write_comparison(variants, tmp_path)

    with csv_path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["variant"] for row in rows] == ["both plants", "'-half"]
    assert rows[1]["scenario"].startswith("'=HYPERLINK")
    assert float(rows[0]["units_delivered"]) == pytest.approx(105)
    assert float(rows[1]["units_delivered"]) == pytest.approx(52.5)
    assert float(rows[0]["npv_eur"]) == pytest.approx(variants[0].case.npv_eur)


@pytest.mark.slow
def test_compare_page_shows_the_table_and_overlaid_curves(
    tmp_path: Path, variants: list[Variant]
) -> None:
    html_path, _ = write_comparison(variants, tmp_path)

    page = html_path.read_text(encoding="utf-8")
    soup = soup_of(page)
    headings = [th.get_text() for th in soup.select("table.comparison tbody th")]
    assert "NPV" in headings
    assert "Core units not made" in headings
    curves = [
        trace
        for trace in figures_of(page)["compare-deliveries"]["data"]
        if trace["mode"] == "lines"
    ]
    assert [curve["y"][-1] for curve in curves] == pytest.approx([105, 52.5])


def test_the_csv_shows_figures_without_float_noise() -> None:
    from surgeplan.reporting.compare import csv_number

    assert str(csv_number(11999.999999999998)) == "12000"
    assert str(csv_number(72.81575560109897)) == "72.815756"
    assert str(csv_number(-0.5)) == "-0.5"
