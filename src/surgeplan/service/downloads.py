"""Files sent to users: scenario versions as YAML or .xlsx, with safe names.

The scenario package and openpyxl are imported on the first workbook download, not
when the service starts.
"""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path

from fastapi import Response

from surgeplan.i18n import N_, gettext
from surgeplan.service.problems import ProblemError

YAML_MEDIA_TYPE = "application/yaml"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(content: bytes, media_type: str, file_name: str) -> Response:
    """A download with an ASCII-only file name."""
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in file_name)[:100]
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{safe or "download"}"'},
    )


def _text_only(path: Path) -> None:
    """Store every cell that a spreadsheet would evaluate as plain text instead."""
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    changed = False
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    text = str(cell.value)
                    cell.value = text
                    cell.data_type = "s"
                    changed = True
    if changed:
        workbook.save(path)


def workbook_bytes(content: str) -> bytes:
    """A stored version as an .xlsx workbook in which user text is never a formula.

    Raises:
        ProblemError: 406 when this installation cannot write workbooks.
    """
    if importlib.util.find_spec("surgeplan.scenario.excel_writer") is None:
        raise ProblemError(
            406,
            N_("Not acceptable"),
            gettext("this installation cannot write .xlsx yet; ask for YAML"),
        )
    from surgeplan.scenario import parse_scenario_text, save_scenario

    scenario = parse_scenario_text(content, "scenario.yaml")
    with tempfile.TemporaryDirectory(prefix="surgeplan-download-") as folder:
        path = Path(folder) / "scenario.xlsx"
        save_scenario(scenario, path)
        _text_only(path)
        return path.read_bytes()
