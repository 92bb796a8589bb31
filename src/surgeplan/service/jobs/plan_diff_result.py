"""A re-plan run's diff as a JSON result, so members read it like the plan itself.

`surgeplan replan` writes the diff against the old plan as plan-diff.csv (a file,
which viewers may not download); the runner also stores it as plan-diff.json
(surgeplan-plan-diff/1), whose records are units, people, weeks, dates and the
cause, so the service can show it to every member, as a table and in the dashboard.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Final

PLAN_DIFF_FORMAT: Final = "surgeplan-plan-diff/1"
PLAN_DIFF_CSV = "plan-diff.csv"
PLAN_DIFF_RESULT = "plan-diff.json"
_NUMBERS = ("old", "new", "change")


def _cell(column: str, text: str) -> str | float | None:
    if text == "":
        return None
    if column in _NUMBERS:
        try:
            return float(text)
        except ValueError:
            return text
    return text


def plan_diff_document(csv_text: str) -> str:
    """plan-diff.csv's rows as a surgeplan-plan-diff/1 JSON document."""
    reader = csv.DictReader(io.StringIO(csv_text))
    changes = [
        {column: _cell(column, text or "") for column, text in row.items()}
        for row in reader
    ]
    return json.dumps({"format": PLAN_DIFF_FORMAT, "changes": changes})


def plan_diff_texts(out: Path) -> dict[str, str]:
    """plan-diff.json for a re-plan's output folder (nothing when it has no diff)."""
    path = out / PLAN_DIFF_CSV
    if not path.is_file():
        return {}
    return {PLAN_DIFF_RESULT: plan_diff_document(path.read_text("utf-8"))}
