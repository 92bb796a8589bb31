"""Load a scenario from YAML, JSON, an Excel workbook or a folder, and write it back."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from surgeplan.scenario.errors import ScenarioError, ScenarioIssue
from surgeplan.scenario.model import Scenario
from surgeplan.scenario.speech import gettext
from surgeplan.scenario.validation import Locate, validate_data
from surgeplan.scenario.yaml_source import (
    LocatedDocument,
    check_json_syntax,
    parent_path,
    read_located,
    read_text,
)

TEXT_SUFFIXES = (".yaml", ".yml", ".json")
EXCEL_SUFFIXES = (".xlsx",)
FOLDER_ENTRY = "scenario.yaml"
MAX_INCLUDES = 50


def _line_locator(documents: list[LocatedDocument]) -> Locate:
    def locate(path: str, message: str) -> ScenarioIssue:
        best: tuple[str, int | None] = (documents[0].file, None)
        best_depth = -1
        for document in documents:
            probe = path
            depth = probe.count(".") + probe.count("[")
            while True:
                if probe in document.lines and depth > best_depth:
                    best, best_depth = document.lines[probe], depth
                    break
                if not probe:
                    break
                probe = parent_path(probe)
                depth -= 1
        file, line = best
        return ScenarioIssue(message=message, path=path, file=file, line=line)

    return locate


def _merge_includes(main: LocatedDocument, base_dir: Path) -> list[LocatedDocument]:
    """Merge `include: [file, …]` documents into the main one (lists are appended)."""
    documents = [main]
    data = main.data
    if not isinstance(data, dict) or "include" not in data:
        return documents
    includes = data.pop("include")
    if not isinstance(includes, list) or not all(isinstance(i, str) for i in includes):
        raise ScenarioError(
            [
                ScenarioIssue(
                    gettext("include must be a list of file names"),
                    "include",
                    main.file,
                )
            ]
        )
    if len(includes) > MAX_INCLUDES:
        raise ScenarioError(
            [
                ScenarioIssue(
                    gettext("at most %(limit)d included files")
                    % {"limit": MAX_INCLUDES},
                    "include",
                    main.file,
                )
            ]
        )
    root = base_dir.resolve()
    for index, name in enumerate(includes):
        target = (base_dir / name).resolve()
        if root not in target.parents and target != root:
            raise ScenarioError(
                [
                    ScenarioIssue(
                        gettext(
                            "'%(name)s' is outside the scenario's folder; included "
                            "files must sit beside it"
                        )
                        % {"name": name},
                        f"include[{index}]",
                        main.file,
                    )
                ]
            )
        part = read_located(read_text(target), str(target))
        if not isinstance(part.data, dict):
            raise ScenarioError(
                [
                    ScenarioIssue(
                        gettext("an included file must be a mapping"), "", str(target)
                    )
                ]
            )
        offsets: dict[str, int] = {}
        for key, value in part.data.items():
            if key in data and isinstance(data[key], list) and isinstance(value, list):
                offsets[key] = len(data[key])
                data[key] = [*data[key], *value]
            elif key in data:
                raise ScenarioError(
                    [
                        ScenarioIssue(
                            gettext(
                                "'%(key)s' is set both here and in %(file)s; "
                                "set it once"
                            )
                            % {"key": key, "file": main.file},
                            key,
                            str(target),
                        )
                    ]
                )
            else:
                data[key] = value
        documents.append(_shift_paths(part, offsets))
    return documents


def _shifted(path: str, offsets: dict[str, int]) -> str:
    for key, offset in offsets.items():
        prefix = f"{key}["
        if path.startswith(prefix):
            close = path.index("]")
            index = int(path[len(prefix) : close]) + offset
            return f"{key}[{index}]{path[close + 1 :]}"
    return path


def _shift_paths(document: LocatedDocument, offsets: dict[str, int]) -> LocatedDocument:
    """Renumber an included file's list positions to their place in the merged lists."""
    if not offsets:
        return document
    lines = {
        _shifted(path, offsets): location for path, location in document.lines.items()
    }
    issues = [
        replace(issue, path=_shifted(issue.path, offsets)) for issue in document.issues
    ]
    return LocatedDocument(document.data, document.file, lines, issues)


def parse_scenario_text(text: str, file: str = "scenario.yaml") -> Scenario:
    """Validate a YAML or JSON scenario given as text (no includes).

    Raises:
        ScenarioError: every problem, located by line.
    """
    document = read_located(text, file)
    return validate_data(document.data, _line_locator([document]), document.issues)


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario: .yaml, .yml, .json, .xlsx, or a folder.

    A folder holds `scenario.yaml`, which may `include:` other files beside it.

    Raises:
        ScenarioError: every problem found, each with file and line (or sheet, row and
            column for a workbook), never a bare traceback.
    """
    source = Path(path)
    if source.is_dir():
        source = source / FOLDER_ENTRY
    if not source.exists():
        raise ScenarioError(
            [ScenarioIssue(gettext("no such file: check the path"), file=str(source))]
        )
    suffix = source.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        from surgeplan.scenario.excel_reader import read_workbook

        content = read_workbook(source)
        return validate_data(
            content.data, content.locate, content.issues, content.incomplete
        )
    if suffix not in TEXT_SUFFIXES:
        raise ScenarioError(
            [
                ScenarioIssue(
                    gettext(
                        "unknown file type '%(suffix)s': use .yaml, .yml, .json "
                        "or .xlsx"
                    )
                    % {"suffix": source.suffix},
                    file=str(source),
                )
            ]
        )
    text = read_text(source)
    if suffix == ".json":
        check_json_syntax(text, str(source))
    document = read_located(text, str(source))
    documents = _merge_includes(document, source.parent)
    found = [issue for part in documents for issue in part.issues]
    return validate_data(document.data, _line_locator(documents), found)


def declared_format(path: str | Path) -> str | None:
    """The `format` a scenario file (or folder) says it is written in, if it says one.

    Read without validating, so that `validate` can tell a user their valid file is of
    an older format (read by upgrading it in memory) and how to upgrade the file.
    """
    source = Path(path)
    if source.is_dir():
        source = source / FOLDER_ENTRY
    if source.suffix.lower() in EXCEL_SUFFIXES:
        from surgeplan.scenario.excel_reader import read_workbook

        data = read_workbook(source).data
    else:
        data = read_located(read_text(source), str(source)).data
    version = data.get("format") if isinstance(data, dict) else None
    return version if isinstance(version, str) else None
