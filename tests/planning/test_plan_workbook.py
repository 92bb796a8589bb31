import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from surgeplan.planning.results.plan import Plan, SolverInfo, SolveStatus
from surgeplan.planning.results.records import (
    BottleneckKind,
    BottleneckRecord,
    BucketRecord,
    CapacityRecord,
    ConversionRecord,
    CoreRecord,
    CostKind,
    CostRecord,
    DeliveryRecord,
    InventoryRecord,
    LabourRecord,
    MilestoneRecord,
    ProductionRecord,
    PurchaseRecord,
    ShiftChangeRecord,
    TransferRecord,
)
from surgeplan.planning.results.workbook import SHEET_ORDER, write_plan_workbook
from surgeplan.scenario import load_scenario

EXAMPLES = Path(__file__).parents[2] / "examples"
MONDAY = dt.date(2027, 1, 4)
FORMULA = '=HYPERLINK("http://example.com","click")'


def buckets(count: int) -> list[BucketRecord]:
    return [
        BucketRecord(
            index=n,
            start=MONDAY + dt.timedelta(weeks=n),
            end=MONDAY + dt.timedelta(weeks=n, days=6),
        )
        for n in range(count)
    ]


def one_week_plan(
    name: str = "Tiny surge", site: str = "plant", production_rows: int = 1
) -> Plan:
    """A hand-made plan: one record in every table, a week-1 milestone met late."""
    production = [
        ProductionRecord(
            item="widget",
            operation="assemble",
            site=site,
            work_center="assembly-cell",
            bucket=n % 4,
            units=12.5,
            hours=50.0,
            labour_hours=75.0,
            hours_per_unit=4.0,
        )
        for n in range(production_rows)
    ]
    return Plan(
        scenario_name=name,
        scenario_hash="0" * 64,
        currency="EUR",
        time_bucket="week",
        allow_core_impact=False,
        created_at=dt.datetime(2026, 5, 1, 12, 30, tzinfo=dt.UTC),
        solver=SolverInfo(
            status=SolveStatus.OPTIMAL,
            mip_gap=0.0001,
            objective=1234.5,
            build_seconds=0.1,
            solve_seconds=0.2,
            total_seconds=0.4,
            learning_iterations=3,
            learning_change=0.001,
            variables=10,
            constraints=8,
            nonzeros=20,
            highs_version="1.15.1",
        ),
        buckets=buckets(4),
        production=production,
        capacity=[
            CapacityRecord(
                site=site,
                work_center="assembly-cell",
                bucket=0,
                shift_pattern="2x8",
                available_hours=64.0,
                overtime_hours=0.0,
                program_hours=50.0,
                core_hours=0.0,
                utilisation=0.78125,
            )
        ],
        labour=[
            LabourRecord(
                site=site,
                skill="assembler",
                bucket=0,
                hours=75.0,
                overtime_hours=0.0,
                available_hours=350.0,
                headcount=10.0,
                trainees=2.0,
                hires=0.0,
                volunteers=50,
            )
        ],
        purchases=[
            PurchaseRecord(
                supplier="kit-supplier",
                item="kit",
                site=site,
                bucket=0,
                arrival_bucket=2,
                units=12.5,
                cost_eur=6250.0,
            )
        ],
        transfers=[
            TransferRecord(
                lane="plant-to-customer",
                item="widget",
                origin=site,
                destination="customer",
                bucket=2,
                arrival_bucket=3,
                units=12.5,
                cost_eur=250.0,
            )
        ],
        inventory=[InventoryRecord(item="kit", site=site, bucket=1, units=3.0)],
        deliveries=[
            DeliveryRecord(
                milestone="first-batch",
                item="widget",
                delivery_point="customer",
                bucket=3,
                units=12.5,
            )
        ],
        milestones=[
            MilestoneRecord(
                id="first-batch",
                item="widget",
                delivery_point="customer",
                due_date=MONDAY + dt.timedelta(days=13),
                due_bucket=1,
                quantity=12.5,
                delivered_by_due=0.0,
                met_bucket=3,
                met_date=MONDAY + dt.timedelta(weeks=3, days=6),
                weeks_late=2.0,
                earliest_bucket=2,
                earliest_date=MONDAY + dt.timedelta(weeks=2, days=6),
                limited_by=["work_center plant/assembly-cell", "supplier kit-supplier"],
            )
        ],
        core=[
            CoreRecord(
                item="car-part", site=site, bucket=0, demand=10, produced=8, shortfall=2
            )
        ],
        conversions=[
            ConversionRecord(
                site=site,
                work_center="assembly-cell",
                conversion="uav-line",
                start_bucket=0,
                ready_bucket=2,
                ready_date=MONDAY + dt.timedelta(weeks=2),
                capex_eur=1_500_000.0,
            )
        ],
        shift_changes=[
            ShiftChangeRecord(
                site=site,
                work_center="assembly-cell",
                bucket=1,
                from_pattern="2x8",
                to_pattern="3x8",
                cost_eur=10_000.0,
            )
        ],
        costs=[
            CostRecord(kind=CostKind.LABOUR, amount_eur=3000.0),
            CostRecord(kind=CostKind.LATE_PENALTIES, amount_eur=25_000.0),
        ],
        bottlenecks=[
            BottleneckRecord(
                kind=BottleneckKind.WORK_CENTER,
                site=site,
                resource="assembly-cell",
                first_bucket=0,
                last_bucket=2,
                binding_buckets=3,
                units_per_extra_hour=0.25,
                shadow_price=250.0,
            )
        ],
    )


def header(sheet: Worksheet) -> list[object]:
    return [cell.value for cell in sheet[1]]


def column(sheet: Worksheet, name: str) -> int:
    return header(sheet).index(name) + 1


def day_in(sheet: Worksheet, row: int, name: str) -> dt.date:
    """The date a cell holds (openpyxl reads dates back as datetimes)."""
    value = sheet.cell(row, column(sheet, name)).value
    assert isinstance(value, dt.datetime)
    return value.date()


@pytest.fixture
def workbook(tmp_path: Path) -> Workbook:
    path = write_plan_workbook(one_week_plan(), tmp_path / "plan.xlsx")
    return openpyxl.load_workbook(path)


def test_workbook_has_a_summary_then_one_sheet_per_table(workbook: Workbook) -> None:
    assert workbook.sheetnames == ["Summary", *SHEET_ORDER]


def test_table_sheets_have_the_plan_json_columns_in_order(workbook: Workbook) -> None:
    plan = one_week_plan()

    for name in SHEET_ORDER:
        fields = list(plan.table(name).columns)
        shown = [value for value in header(workbook[name]) if value in fields]
        assert shown == fields, name


def test_headers_are_bold_frozen_and_filtered(workbook: Workbook) -> None:
    sheet = workbook["production"]

    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:J2"
    assert sheet.column_dimensions["A"].width >= len("widget")


def test_hours_units_money_and_dates_are_formatted(workbook: Workbook) -> None:
    production = workbook["production"]
    costs = workbook["costs"]
    milestones = workbook["milestones"]

    assert production.cell(2, column(production, "hours")).number_format == "#,##0.0"
    assert production.cell(2, column(production, "units")).number_format == "#,##0.0"
    assert costs.cell(2, column(costs, "amount_eur")).number_format == "#,##0"
    due = milestones.cell(2, column(milestones, "due_date"))
    assert isinstance(due, Cell)
    assert due.is_date
    assert day_in(milestones, 2, "due_date") == dt.date(2027, 1, 17)
    assert due.number_format == "yyyy-mm-dd"


def test_each_bucket_index_gets_its_first_day_beside_it(workbook: Workbook) -> None:
    sheet = workbook["transfers"]

    names = header(sheet)
    assert names.index("arrival_start") == names.index("arrival_bucket") + 1
    assert day_in(sheet, 2, "bucket_start") == dt.date(2027, 1, 18)
    assert day_in(sheet, 2, "arrival_start") == dt.date(2027, 1, 25)


def test_lists_are_joined_and_enums_written_by_value(workbook: Workbook) -> None:
    milestones = workbook["milestones"]
    costs = workbook["costs"]

    limited_by = milestones.cell(2, column(milestones, "limited_by")).value
    assert limited_by == "work_center plant/assembly-cell; supplier kit-supplier"
    assert costs.cell(2, column(costs, "kind")).value == "labour"


def test_summary_gives_the_key_figures(workbook: Workbook) -> None:
    figures = {
        row[0]: row[1] for row in workbook["Summary"].iter_rows(values_only=True)
    }

    assert figures["Scenario"] == "Tiny surge"
    assert figures["Solver status"] == "optimal"
    assert figures["Milestones late"] == 1
    assert figures["Most weeks late"] == 2
    assert figures["Total cost (EUR)"] == 28_000
    assert figures["Created (UTC)"] == dt.datetime(2026, 5, 1, 12, 30)


def test_summary_names_the_product_when_given_the_scenario(tmp_path: Path) -> None:
    scenario = load_scenario(EXAMPLES / "minimal.yaml")

    path = write_plan_workbook(one_week_plan(), tmp_path / "plan.xlsx", scenario)

    summary = openpyxl.load_workbook(path)["Summary"]
    figures = {row[0]: row[1] for row in summary.iter_rows(values_only=True)}
    assert figures["Product"] == "widget"
    assert figures["Scenario size"] == "sites: 1, work centers: 1, items: 2"


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    plan = one_week_plan(name=FORMULA, site="=1+1")
    plan = plan.model_copy(update={"scenario_hash": "#N/A"})

    path = write_plan_workbook(plan, tmp_path / "plan.xlsx")

    workbook = openpyxl.load_workbook(path)
    name = workbook["Summary"].cell(2, 2)
    assert name.value == FORMULA
    assert name.data_type == "s"
    site = workbook["production"].cell(2, 3)
    assert site.value == "=1+1"
    assert site.data_type == "s"
    with zipfile.ZipFile(path) as package:
        for member in package.namelist():
            if member.startswith("xl/worksheets/"):
                xml = package.read(member).decode()
                assert "<f>" not in xml, member
                assert 't="e"' not in xml, member


def test_characters_excel_cannot_hold_are_dropped(tmp_path: Path) -> None:
    path = write_plan_workbook(
        one_week_plan(name="bell\x07 surge"), tmp_path / "plan.xlsx"
    )

    assert openpyxl.load_workbook(path)["Summary"].cell(2, 2).value == "bell surge"


def test_empty_tables_still_have_their_header(tmp_path: Path) -> None:
    plan = one_week_plan().model_copy(update={"conversions": [], "core": []})

    path = write_plan_workbook(plan, tmp_path / "plan.xlsx")

    sheet = openpyxl.load_workbook(path)["conversions"]
    assert sheet.max_row == 1
    assert header(sheet)[:3] == ["site", "work_center", "conversion"]


@pytest.mark.slow
def test_a_plan_of_many_thousand_rows_is_written_whole(tmp_path: Path) -> None:
    plan = one_week_plan(production_rows=20_000)

    path = write_plan_workbook(plan, tmp_path / "plan.xlsx")

    sheet = openpyxl.load_workbook(path, read_only=True)["production"]
    assert sum(1 for _ in sheet.iter_rows()) == 20_001


def test_names_that_look_like_formulas_or_links_stay_plain_text(tmp_path: Path) -> None:
    plan = one_week_plan()
    production = plan.production[0].model_copy(update={"work_center": FORMULA})
    milestone = plan.milestones[0].model_copy(update={"id": "+A1*2"})
    purchase = plan.purchases[0].model_copy(
        update={"supplier": "https://example.com/kits"}
    )
    plan = plan.model_copy(
        update={
            "production": [production],
            "milestones": [milestone],
            "purchases": [purchase],
        }
    )

    path = write_plan_workbook(plan, tmp_path / "plan.xlsx")

    workbook = openpyxl.load_workbook(path)
    for sheet_name, header_name, text in [
        ("production", "work_center", FORMULA),
        ("milestones", "id", "+A1*2"),
        ("purchases", "supplier", "https://example.com/kits"),
    ]:
        sheet = workbook[sheet_name]
        cell = sheet.cell(2, column(sheet, header_name))
        assert cell.value == text
        assert cell.data_type == "s"
        assert cell.hyperlink is None
    with zipfile.ZipFile(path) as package:
        assert not any("_rels/sheet" in member for member in package.namelist())
