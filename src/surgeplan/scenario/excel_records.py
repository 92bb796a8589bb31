"""Scenario data spread over the rows of each sheet, as the writer lays them out."""

from __future__ import annotations

from typing import Any

from surgeplan.scenario.excel_columns import Column
from surgeplan.scenario.excel_layout import (
    SHEETS_BY_NAME,
    SheetLayout,
    SheetShape,
)

Row = dict[str, Any]
"""Cell values of one row by column name; blank cells are absent."""


def get_dotted(data: Any, path: str) -> Any:
    """`calendar.shifts_per_day` of a record, or None where a part is missing."""
    for part in path.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _flatten(record: dict[str, Any], columns: tuple[Column, ...]) -> Row:
    row: Row = {}
    for column in columns:
        if column.is_parent:
            continue
        value = get_dotted(record, column.name)
        if value is not None:
            row[column.name] = value
    return row


def keyed_records(
    sheet: SheetLayout, data: dict[str, Any]
) -> list[tuple[tuple[Any, ...], Any]]:
    """Each entry of a sheet with the key its child rows name it by.

    An entry is a record (a mapping), a plain value (VALUES) or a (key, value) pair
    (MAPPING); the key is the parent's key followed by the sheet's own key fields.
    """
    if sheet.parent is None:
        found = get_dotted(data, sheet.path) or []
        return [
            (tuple(record.get(field) for field in sheet.key), record)
            for record in found
        ]
    entries: list[tuple[tuple[Any, ...], Any]] = []
    for parent_key, parent in keyed_records(SHEETS_BY_NAME[sheet.parent], data):
        found = get_dotted(parent, sheet.path)
        if sheet.shape is SheetShape.MAPPING:
            entries.extend((parent_key, pair) for pair in (found or {}).items())
            continue
        for entry in found or []:
            own = tuple(entry.get(field) for field in sheet.key)
            entries.append(((*parent_key, *own), entry))
    return entries


def _parent_key(sheet: SheetLayout, key: tuple[Any, ...]) -> tuple[Any, ...]:
    """The part of an entry's key that names its parent."""
    return key[: len(sheet.parent_columns)]


def sheet_rows(sheet: SheetLayout, data: dict[str, Any]) -> list[Row]:
    """The rows of a table sheet, in the order of the scenario's lists."""
    rows: list[Row] = []
    parent_names = [column.name for column in sheet.parent_columns]
    value_columns = [column for column in sheet.columns if not column.is_parent]
    for key, entry in keyed_records(sheet, data):
        row: Row = dict(zip(parent_names, _parent_key(sheet, key), strict=True))
        if sheet.shape is SheetShape.VALUES:
            row[value_columns[0].name] = entry
        elif sheet.shape is SheetShape.MAPPING:
            row[value_columns[0].name], row[value_columns[1].name] = entry
        else:
            row.update(_flatten(entry, sheet.columns))
        rows.append(row)
    return rows


def field_rows(sheet: SheetLayout, data: dict[str, Any]) -> list[tuple[Column, Any]]:
    """The (field, value) rows of a FIELDS sheet; a blank value is None."""
    record = get_dotted(data, sheet.path) or {}
    return [
        (column, data.get(column.name) if column.at_root else record.get(column.name))
        for column in sheet.columns
    ]


def capabilities_and_risks(data: dict[str, Any]) -> dict[str, list[str]]:
    """Capability and risk ids the scenario uses, for the Lists sheet's drop-downs."""
    capabilities: list[str] = []
    for site in data.get("sites", []):
        for work_center in site.get("work_centers", []):
            capabilities.extend(work_center.get("capabilities", []))
            for conversion in work_center.get("conversions", []):
                capabilities.extend(conversion.get("adds_capabilities", []))
    for item in data.get("items", []):
        capabilities.extend(op["capability"] for op in item.get("routing", []))
    risks = [
        risk["id"]
        for group in (data.get("risks") or {}).values()
        if isinstance(group, list)  # the risks' settings are not lists of risks
        for risk in group
    ]
    return {
        "capability": list(dict.fromkeys(capabilities)),
        "risk": list(dict.fromkeys(risks)),
    }
