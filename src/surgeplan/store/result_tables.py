"""The tables inside a run's JSON results, as a planner downloads them.

A table is a top-level list of records (flat mappings) in a result document:
`production`, `deliveries`, `milestones` and `costs` of `plan.json` are named
`plan.production`, `plan.deliveries`, `plan.milestones` and `plan.costs`. Columns
come in the order the records first name them (an empty table has none); a list in
a cell is joined with "; " and a mapping written as JSON. Cost columns and cost
tables are cut for callers who may not see costs by the same rule as everywhere
(`scope.visible`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from surgeplan.store.records import ResultTable, ResultTableInfo

RESULT_SUFFIX = ".json"
Cell = str | int | float | bool | None


def table_name(result_name: str, key: str) -> str:
    """`plan.json` and `production` -> `plan.production`."""
    return result_name.removesuffix(RESULT_SUFFIX).replace("/", ".") + "." + key


def is_table(value: Any) -> bool:
    """Whether a result field is a list of records (an empty list is an empty table)."""
    return isinstance(value, list) and all(isinstance(record, dict) for record in value)


def tables_in(documents: Mapping[str, Any]) -> Iterator[tuple[str, list[Any]]]:
    """Every table of the result documents (by result name), with its name."""
    for result_name, document in documents.items():
        if not isinstance(document, dict):
            continue
        for key, value in document.items():
            if is_table(value):
                yield table_name(result_name, key), value


def _cell(value: Any) -> Cell:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return "; ".join("" if v is None else str(v) for v in value)
    return json.dumps(value, sort_keys=True)


def as_table(name: str, records: list[Any]) -> ResultTable:
    """A list of records as columns and rows."""
    columns: dict[str, None] = {}
    for record in records:
        columns.update(dict.fromkeys(str(key) for key in record))
    rows = [[_cell(record.get(column)) for column in columns] for record in records]
    return ResultTable(name=name, columns=list(columns), rows=rows)


def describe(name: str, records: list[Any]) -> ResultTableInfo:
    """A table's name, columns and size, without its rows."""
    table = as_table(name, records)
    return ResultTableInfo(name=name, columns=table.columns, rows=len(table.rows))
