"""Load actuals and check them against their scenario: the one entry point."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from surgeplan.execution.consistency import check_against
from surgeplan.execution.errors import ActualsError
from surgeplan.execution.reading import read_actuals, read_data
from surgeplan.execution.records import Actuals
from surgeplan.scenario import Scenario


def load_actuals(source: str | Path, scenario: Scenario | None = None) -> Actuals:
    """Read actuals (a folder of CSV files, a workbook or JSON) and validate them.

    With a scenario, also refuse actuals that contradict it (unknown names, weeks
    outside the program, output beyond any capacity, deliveries beyond completions).

    Raises:
        ActualsError: every problem found, each located by file, row and column.
    """
    actuals, sources = read_actuals(Path(source))
    if scenario is not None:
        issues = check_against(scenario, actuals, sources)
        if issues:
            raise ActualsError(issues)
    return actuals


def actuals_from_data(
    data: Any, scenario: Scenario | None = None, where: str = "body"
) -> Actuals:
    """Validate actuals given as plain data (the API's JSON body).

    Raises:
        ActualsError: every problem found, located by table, record and field.
    """
    actuals, sources = read_data(data, where)
    if scenario is not None:
        issues = check_against(scenario, actuals, sources)
        if issues:
            raise ActualsError(issues)
    return actuals
