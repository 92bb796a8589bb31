from pathlib import Path

import pytest

from surgeplan.execution.errors import ActualsError
from surgeplan.execution.loading import actuals_from_data, load_actuals
from surgeplan.execution.records import Actuals
from surgeplan.execution.writing import write_folder, write_workbook
from surgeplan.scenario import Scenario

WEEK_20 = Path(__file__).parents[2] / "examples" / "uav-surge-week-20"


def test_the_worked_example_covers_twenty_weeks(week_20_actuals: Actuals) -> None:
    assert week_20_actuals.through_week == 20
    assert week_20_actuals.completions
    assert week_20_actuals.deliveries


def test_a_folder_written_reads_back_equal(
    week_20_actuals: Actuals, uav_scenario: Scenario, tmp_path: Path
) -> None:
    write_folder(week_20_actuals, tmp_path / "actuals")

    assert load_actuals(tmp_path / "actuals", uav_scenario) == week_20_actuals


def test_a_workbook_written_reads_back_equal(
    week_20_actuals: Actuals, uav_scenario: Scenario, tmp_path: Path
) -> None:
    path = write_workbook(week_20_actuals, tmp_path / "actuals.xlsx")

    assert load_actuals(path, uav_scenario) == week_20_actuals


def test_the_committed_workbook_holds_the_same_actuals_as_the_folder(
    week_20_actuals: Actuals, uav_scenario: Scenario
) -> None:
    assert load_actuals(WEEK_20 / "actuals.xlsx", uav_scenario) == week_20_actuals


def test_json_data_is_checked_against_the_scenario_with_its_record_named(
    week_20_actuals: Actuals, uav_scenario: Scenario
) -> None:
    data = week_20_actuals.model_dump(mode="json")
    data["hours"][0]["work_center"] = "line-9"

    with pytest.raises(ActualsError) as caught:
        actuals_from_data(data, uav_scenario)

    (issue,) = caught.value.issues
    assert "body hours[0]" in str(issue)
    assert "no work center 'line-9'" in str(issue)


def test_tables_are_dataframes_indexed_by_week_start(week_20_actuals: Actuals) -> None:
    frame = week_20_actuals.table("deliveries")

    assert str(frame.index[0].date()) >= "2027-01-04"
    assert frame.index.name == "week_start"
    assert frame["units"].sum() == pytest.approx(
        sum(record.units for record in week_20_actuals.deliveries)
    )


def test_the_format_page_names_every_table_and_column() -> None:
    from surgeplan.execution.records import TABLES, record_type

    page = (Path(__file__).parents[2] / "docs" / "actuals-format.md").read_text()

    for table in TABLES:
        assert f"### `{table}`" in page
        for column in record_type(table).model_fields:
            assert f"`{column}`" in page, f"{table}.{column}"
