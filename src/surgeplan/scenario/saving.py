"""Write a scenario as YAML, JSON or an Excel workbook.

Apart from `loading`: the workbook writer reads its template through `loading`, so
loading must not import the writer back.
"""

from __future__ import annotations

import json
from pathlib import Path

from surgeplan.scenario.errors import ScenarioError, ScenarioIssue
from surgeplan.scenario.loading import EXCEL_SUFFIXES
from surgeplan.scenario.model import Scenario
from surgeplan.scenario.yaml_source import dump_yaml


def scenario_to_yaml(scenario: Scenario) -> str:
    """The scenario as YAML text, fields at their default left out."""
    return dump_yaml(scenario.to_dict())


def save_scenario(scenario: Scenario, path: str | Path) -> Path:
    """Write a scenario as .yaml, .json or .xlsx, chosen by the extension."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        # openpyxl is loaded only when a workbook is written.
        from surgeplan.scenario.excel_writer import write_workbook

        write_workbook(scenario, target)
    elif suffix == ".json":
        target.write_text(json.dumps(scenario.to_dict(), indent=2) + "\n", "utf-8")
    elif suffix in (".yaml", ".yml"):
        target.write_text(scenario_to_yaml(scenario), "utf-8")
    else:
        raise ScenarioError(
            [
                ScenarioIssue(
                    f"cannot write '{target.suffix}': use .yaml, .json or .xlsx",
                    file=str(target),
                )
            ]
        )
    return target
