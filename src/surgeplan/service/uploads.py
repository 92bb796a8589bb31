"""Turning an uploaded scenario (YAML, JSON or .xlsx) into validated YAML text.

Hostile input ends here as a 4xx problem naming what is wrong: the body size is
capped (413), control characters and deep flow nesting are refused before any parser
runs (`check_plain_text`, also in parsed values), workbooks are checked before any
parser opens them, YAML is read with the safe, alias-counting loader of
`scenario.yaml_source`, and every scenario is validated before it is stored. The
routes run `scenario_from_upload` in a child process with a time limit
(`parse_limits`); the scenario package is imported there, not in the service.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from surgeplan.i18n import N_, gettext, ngettext
from surgeplan.service.jobs.leftovers import upload_folder_prefix
from surgeplan.service.problems import ProblemError

if TYPE_CHECKING:
    from surgeplan.scenario import ScenarioError, ScenarioIssue

TEXT_SUFFIXES = (".yaml", ".yml", ".json")
XLSX_SUFFIX = ".xlsx"
ZIP_MAGIC = b"PK\x03\x04"
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]")
# C0 and C1 controls but tab, line feed and carriage return; DEL; lone surrogates.
# PostgreSQL cannot store NUL in text, spreadsheets and terminals misread the rest.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# Flow collections nest by recursion in the YAML parser: a few KB of `[[[[…` cost
# seconds of CPU before any depth check can run, so the nesting is counted first.
MAX_FLOW_DEPTH = 64


def safe_file_name(name: str | None, default: str = "scenario.yaml") -> str:
    """The upload's base name, without path or unusual characters."""
    base = PurePath((name or "").replace("\\", "/")).name
    cleaned = _UNSAFE_NAME.sub("_", base)[:100]
    return cleaned or default


def too_large(max_bytes: int) -> ProblemError:
    """A 413 for an upload over the limit."""
    return ProblemError(
        413,
        N_("Content too large"),
        gettext("the file is over %(limit)d MB; a scenario is far smaller")
        % {"limit": max_bytes // (1024 * 1024)},
    )


def issue_dict(issue: ScenarioIssue) -> dict[str, Any]:
    """A located scenario issue as JSON."""
    fields = {
        "message": issue.message,
        "path": issue.path,
        "file": issue.file,
        "line": issue.line,
        "sheet": issue.sheet,
        "row": issue.row,
        "column": issue.column,
    }
    return {key: value for key, value in fields.items() if value not in (None, "")}


def invalid_scenario(error: ScenarioError) -> ProblemError:
    """A 422 listing every located problem of an uploaded scenario."""
    count = len(error.issues)
    return ProblemError(
        422,
        N_("Invalid scenario"),
        ngettext(
            "the scenario has %(num)d problem; see errors",
            "the scenario has %(num)d problems; see errors",
            count,
        )
        % {"num": count},
        errors=[issue_dict(issue) for issue in error.issues[:200]],
    )


def _refused_workbook(error: ScenarioError) -> ProblemError:
    problem = invalid_scenario(error)
    problem.title = N_("Refused workbook")
    problem.detail = "; ".join(issue.message for issue in error.issues[:3])
    return problem


def _located_refusal(message: str, file: str, text: str, offset: int) -> ProblemError:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return ProblemError(
        422,
        N_("Invalid scenario"),
        gettext("%(message)s (line %(line)d, column %(column)d)")
        % {"message": message, "line": line, "column": column},
        errors=[{"message": message, "file": file, "line": line, "column": column}],
    )


def check_plain_text(text: str, file: str) -> None:
    """Refuse control characters and deep flow nesting before any parser runs.

    Raises:
        ProblemError: 422 naming the line and column.
    """
    found = _CONTROL.search(text)
    if found:
        code = f"U+{ord(found.group()):04X}"
        message = gettext(
            "the text holds a control character (%(code)s); remove it"
        ) % {"code": code}
        raise _located_refusal(message, file, text, found.start())
    depth = 0
    for match in re.finditer(r"[\[\]{}]", text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_FLOW_DEPTH:
            message = gettext("the document nests deeper than %(limit)d levels") % {
                "limit": MAX_FLOW_DEPTH
            }
            raise _located_refusal(message, file, text, match.start())


def _check_values(data: Any, file: str, path: str = "") -> None:
    """Refuse control characters in parsed values (decoded from YAML escapes)."""
    if isinstance(data, str):
        found = _CONTROL.search(data)
        if found:
            code = f"U+{ord(found.group()):04X}"
            if path:
                detail = gettext("%(path)s holds a control character (%(code)s)") % {
                    "path": path,
                    "code": code,
                }
            else:
                detail = gettext("a value holds a control character (%(code)s)") % {
                    "code": code
                }
            message = gettext("control character %(code)s") % {"code": code}
            raise ProblemError(
                422,
                N_("Invalid scenario"),
                detail,
                errors=[{"message": message, "path": path}],
            )
    elif isinstance(data, dict):
        for key, value in data.items():
            _check_values(str(key), file, path)
            _check_values(value, file, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            _check_values(value, file, f"{path}[{index}]")


def _read_workbook(data: bytes, file: str) -> str:
    from surgeplan.scenario import ScenarioError, load_scenario, scenario_to_yaml
    from surgeplan.scenario.excel_safety import check_workbook_bytes

    try:
        check_workbook_bytes(data, file)
    except ScenarioError as error:
        raise _refused_workbook(error) from None

    with tempfile.TemporaryDirectory(prefix=upload_folder_prefix()) as folder:
        path = Path(folder) / "scenario.xlsx"
        path.write_bytes(data)
        try:
            scenario = load_scenario(path)
        except ScenarioError as error:
            raise invalid_scenario(_renamed(error, file)) from None
    _check_values(scenario.model_dump(mode="json"), file)
    return scenario_to_yaml(scenario)


def _renamed(error: ScenarioError, file: str) -> ScenarioError:
    from dataclasses import replace

    from surgeplan.scenario import ScenarioError

    return ScenarioError([replace(issue, file=file) for issue in error.issues])


def _read_text(data: bytes, file: str) -> str:
    from surgeplan.scenario import ScenarioError, parse_scenario_text

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProblemError(
            415,
            N_("Unsupported media type"),
            gettext(
                "the file is not UTF-8 text (byte %(byte)d); a workbook needs the "
                ".xlsx extension"
            )
            % {"byte": error.start},
        ) from None
    from surgeplan.scenario.yaml_source import parse_located

    check_plain_text(text, file)
    try:
        # Escapes (`"\0"`, `"\u0000"`) decode to control characters only now.
        _check_values(parse_located(text, file).data, file)
        parse_scenario_text(text, file)
    except ScenarioError as error:
        raise invalid_scenario(error) from None
    return text


def scenario_from_upload(
    file_name: str | None, data: bytes, max_bytes: int
) -> tuple[str, str]:
    """Validated YAML text and its source format (`yaml` or `xlsx`) from an upload.

    Raises:
        ProblemError: 413 too large, 415 unsupported type, 422 refused or invalid.
    """
    if len(data) > max_bytes:
        raise too_large(max_bytes)
    file = safe_file_name(file_name)
    suffix = PurePath(file).suffix.lower()
    if suffix == XLSX_SUFFIX or data.startswith(ZIP_MAGIC):
        if suffix != XLSX_SUFFIX:
            raise ProblemError(
                415,
                N_("Unsupported media type"),
                gettext(
                    "the file is a zip archive; a workbook must have the .xlsx "
                    "extension"
                ),
            )
        return _read_workbook(data, file), "xlsx"
    if suffix not in (*TEXT_SUFFIXES, ""):
        raise ProblemError(
            415,
            N_("Unsupported media type"),
            gettext(
                "unknown file type '%(suffix)s': upload .yaml, .yml, .json or .xlsx"
            )
            % {"suffix": suffix},
        )
    return _read_text(data, file), "yaml"
