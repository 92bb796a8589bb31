"""`schedule.xlsx`: the schedule as formatted sheets (strings kept as text)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from surgeplan.scheduling.site.result import Schedule

HEADER_FILL = PatternFill("solid", fgColor="1F3864")
HEADER_FONT = Font(bold=True, color="FFFFFF")
LATE_FONT = Font(color="C00000", bold=True)
Cell = str | int | float | bool | dt.datetime


def _sheet(
    workbook: Workbook, title: str, header: Sequence[str], rows: list[list[Cell]]
) -> Worksheet:
    sheet = workbook.create_sheet(title)
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
    for row in rows:
        sheet.append(row)
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, str):
                cell.number_format = "@"
            elif isinstance(cell.value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, float):
                cell.number_format = "0.00"
    for index, name in enumerate(header, start=1):
        width = max([len(name), *(len(str(r[index - 1])) for r in rows[:200])])
        sheet.column_dimensions[get_column_letter(index)].width = min(40, width + 2)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    return sheet  # type: ignore[no-any-return]


def write_schedule_workbook(schedule: Schedule, path: str | Path) -> Path:
    """Write Summary, Operations, Batches and Stations sheets."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    solver = schedule.solver
    summary: list[list[Cell]] = [
        ["Scenario", schedule.scenario_name],
        ["Site", schedule.site],
        ["Weeks", f"{schedule.start_week}..{schedule.start_week + schedule.weeks - 1}"],
        ["Quantities from", schedule.source],
        ["Status", solver.status.value],
        ["Objective", solver.objective.value],
        ["Batches", len(schedule.batches)],
        ["Late batches", len(schedule.late_batches)],
        ["Weighted tardiness (h)", solver.weighted_tardiness_hours],
        ["Makespan (working h)", solver.makespan_hours],
        ["Solve seconds", solver.seconds],
    ]
    summary += [["Note", note] for note in schedule.notes]
    _sheet(workbook, "Summary", ["Figure", "Value"], summary)
    _sheet(
        workbook,
        "Operations",
        [
            "Station",
            "Work center",
            "Start",
            "End",
            "Batch",
            "Item",
            "Operation",
            "Units",
            "Processing h",
            "Setup h",
            "Splittable",
        ],
        [
            [
                op.station,
                op.work_center,
                op.start,
                op.end,
                op.batch,
                op.item,
                op.operation,
                op.units,
                op.processing_hours,
                op.setup_hours,
                "yes" if op.is_splittable else "no",
            ]
            for op in sorted(schedule.operations, key=lambda o: (o.station, o.start))
        ],
    )
    batches = _sheet(
        workbook,
        "Batches",
        [
            "Batch",
            "Item",
            "Week",
            "Units",
            "Release",
            "Due",
            "Completion",
            "Status",
            "Late h",
        ],
        [
            [
                b.id,
                b.item,
                b.week,
                b.units,
                b.release,
                b.due,
                b.completion,
                b.status.value,
                b.late_hours,
            ]
            for b in schedule.batches
        ],
    )
    for row_cells in batches.iter_rows(min_row=2):
        if row_cells[7].value == "late":
            row_cells[7].font = LATE_FONT
    _sheet(
        workbook,
        "Stations",
        [
            "Station",
            "Work center",
            "Operations",
            "Busy h",
            "Changeover h",
            "Idle h",
            "Changeovers",
        ],
        [
            [
                s.station,
                s.work_center,
                s.operations,
                s.busy_hours,
                s.changeover_hours,
                s.idle_hours,
                s.changeovers,
            ]
            for s in schedule.stations
        ],
    )
    target = Path(path)
    workbook.save(target)
    return target
