"""Rewrite a scenario file of an older format in the current one, keeping its layout.

A YAML file keeps its comments, order and quoting: only the renamed keys and the
`format` line change. A workbook keeps its formatting: only the renamed header cells,
field names and the format cell change. Either way the result is read back and must be
the same scenario as the old file upgraded in memory, or nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from surgeplan.scenario.errors import ScenarioError, ScenarioIssue
from surgeplan.scenario.formats import (
    FORMAT_1,
    MONEY_RENAMES_1_TO_2,
    SCENARIO_FORMAT,
)
from surgeplan.scenario.loading import (
    EXCEL_SUFFIXES,
    FOLDER_ENTRY,
    load_scenario,
)
from surgeplan.scenario.model import scenario_hash
from surgeplan.scenario.yaml_source import read_located, read_text

_KEY = re.compile(
    r"(?P<quote>[\"']?)\b(?P<name>"
    + "|".join(sorted(MONEY_RENAMES_1_TO_2, key=len, reverse=True))
    + r")\b(?P=quote)(?=\s*:)"
)
_FORMAT_LINE = re.compile(
    r"(?P<head>[\"']?format[\"']?\s*:\s*[\"']?)" + re.escape(FORMAT_1) + r"\b"
)


@dataclass(frozen=True)
class Upgrade:
    """What an upgrade changed in one file, and where its new content is staged."""

    file: Path
    staged: Path
    renamed_fields: int
    format_changed: bool

    @property
    def changed(self) -> bool:
        """Whether the file needed any change."""
        return self.renamed_fields > 0 or self.format_changed


def upgraded_text(text: str) -> tuple[str, int, bool]:
    """YAML or JSON text with format 1's names in today's: (text, renames, format)."""
    renamed, count = _KEY.subn(
        lambda match: (
            match["quote"] + MONEY_RENAMES_1_TO_2[match["name"]] + match["quote"]
        ),
        text,
    )
    renamed, formats = _FORMAT_LINE.subn(
        lambda match: match["head"] + SCENARIO_FORMAT, renamed
    )
    return renamed, count, formats > 0


def upgraded_workbook_cells(path: Path, target: Path) -> tuple[int, bool]:
    """Write `path`'s workbook to `target` with renamed headers and format cell."""
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    renamed, format_changed = 0, False
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str):
                    continue
                value = cell.value.strip()
                if value in MONEY_RENAMES_1_TO_2:
                    cell.value = MONEY_RENAMES_1_TO_2[value]
                    renamed += 1
                elif value == FORMAT_1:
                    cell.value = SCENARIO_FORMAT
                    format_changed = True
        for validation in sheet.data_validations.dataValidation:
            if validation.formula1 and FORMAT_1 in validation.formula1:
                validation.formula1 = validation.formula1.replace(
                    FORMAT_1, SCENARIO_FORMAT
                )
    workbook.save(target)
    return renamed, format_changed


def staged_upgrade(source: Path, staging: Path) -> list[Upgrade]:
    """Write upgraded copies of a scenario's files into `staging` and check them.

    `source` is a file or a folder (its `scenario.yaml` and the files it includes).
    The copies are read back: they must be the same scenario as the old files read
    today (which upgrades them in memory), or `ScenarioError` is raised.

    Raises:
        ScenarioError: the old scenario does not validate (fix it first), or the
            upgraded copy differs from it (nothing should then be written).
    """
    expected = scenario_hash(load_scenario(source))
    root = source if source.is_dir() else source.parent
    files = _scenario_files(source)
    upgrades = []
    for file in files:
        staged = staging / file.relative_to(root)
        staged.parent.mkdir(parents=True, exist_ok=True)
        if file.suffix.lower() in EXCEL_SUFFIXES:
            renamed, format_changed = upgraded_workbook_cells(file, staged)
        else:
            text, renamed, format_changed = upgraded_text(read_text(file))
            staged.write_text(text, encoding="utf-8")
        upgrades.append(Upgrade(file, staged, renamed, format_changed))
    entry = staging / (source.name if not source.is_dir() else FOLDER_ENTRY)
    if scenario_hash(load_scenario(entry)) != expected:
        raise ScenarioError(
            [
                ScenarioIssue(
                    "the upgraded file would not be the same scenario (a renamed "
                    "field name also appears inside a text value?); write it in the "
                    "current format with `surgeplan convert SOURCE TARGET` instead",
                    file=str(source),
                )
            ]
        )
    return upgrades


def _scenario_files(source: Path) -> list[Path]:
    if not source.is_dir():
        return [source]
    entry = source / FOLDER_ENTRY
    data = read_located(read_text(entry), str(entry)).data
    includes = data.get("include", []) if isinstance(data, dict) else []
    return [entry, *(source / name for name in includes if isinstance(name, str))]
