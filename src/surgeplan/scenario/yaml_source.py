"""Safe YAML/JSON reading that remembers the line of every value.

PyYAML's safe loader is used only to parse; the node graph is then walked here so that
aliases cannot blow up memory (expanded nodes are counted), unknown tags are refused
and each value's line is kept for error messages.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from surgeplan.scenario.errors import ScenarioError, ScenarioIssue
from surgeplan.scenario.speech import count_text, gettext
from surgeplan.scenario.yaml_words import said

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_EXPANDED_NODES = 2_000_000
MAX_DEPTH = 64

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


@dataclass
class LocatedDocument:
    """Plain data from a YAML/JSON file, with the file and line of each path."""

    data: Any
    file: str
    lines: dict[str, tuple[str, int]] = field(default_factory=dict)
    issues: list[ScenarioIssue] = field(default_factory=list)
    """Problems in parts of the file; the rest of `data` is still worth validating."""

    def locate(self, path: str) -> tuple[str, int | None]:
        """File and line of a path, or of its nearest parent that has one."""
        probe = path
        while True:
            if probe in self.lines:
                return self.lines[probe]
            if not probe:
                return self.file, None
            probe = parent_path(probe)


def parent_path(path: str) -> str:
    """`sites[1].name` -> `sites[1]` -> `sites` -> ``."""
    if path.endswith("]"):
        return path[: path.rindex("[")]
    if "." in path:
        return path[: path.rindex(".")]
    return ""


def join_path(path: str, key: str | int) -> str:
    """Extend a path by a mapping key or a sequence index."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class _Walker:
    def __init__(self, file: str, loader: yaml.SafeLoader) -> None:
        self.file = file
        self.loader = loader
        self.lines: dict[str, tuple[str, int]] = {}
        self.expanded = 0
        self.issues: list[ScenarioIssue] = []

    def _issue(self, message: str, path: str, node: yaml.Node) -> None:
        self.issues.append(
            ScenarioIssue(
                message=message,
                path=path,
                file=self.file,
                line=node.start_mark.line + 1,
            )
        )

    def walk(self, node: yaml.Node, path: str, depth: int) -> Any:
        self.expanded += 1
        if self.expanded > MAX_EXPANDED_NODES:
            raise _TooLargeError(node)
        if depth > MAX_DEPTH:
            raise _TooDeepError(node)
        self.lines.setdefault(path, (self.file, node.start_mark.line + 1))
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                self._issue(
                    gettext("unsupported YAML tag %(tag)s") % {"tag": repr(node.tag)},
                    path,
                    node,
                )
                return None
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = self._scalar(key_node, path)
                if key is None:
                    continue
                key_text = str(key)
                child = join_path(path, key_text)
                if key_text in result:
                    self._issue(
                        gettext("'%(key)s' appears twice in this mapping; keep one")
                        % {"key": key_text},
                        child,
                        key_node,
                    )
                    continue
                self.lines[child] = (self.file, key_node.start_mark.line + 1)
                result[key_text] = self.walk(value_node, child, depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                self._issue(
                    gettext("unsupported YAML tag %(tag)s") % {"tag": repr(node.tag)},
                    path,
                    node,
                )
                return None
            return [
                self.walk(child, join_path(path, index), depth + 1)
                for index, child in enumerate(node.value)
            ]
        return self._scalar(node, path)

    def _scalar(self, node: yaml.Node, path: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self._issue(gettext("a mapping key must be plain text"), path, node)
            return None
        if node.tag not in _PLAIN_TAGS:
            self._issue(
                gettext(
                    "unsupported YAML tag %(tag)s: only plain values, lists and "
                    "mappings are allowed"
                )
                % {"tag": repr(node.tag)},
                path,
                node,
            )
            return None
        try:
            return self.loader.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError) as error:
            self._issue(
                gettext("unreadable value %(value)s: %(reason)s")
                % {"value": repr(node.value), "reason": said(str(error))},
                path,
                node,
            )
            return None


def _check_expanded_size(root: yaml.Node) -> None:
    """Refuse alias bombs before walking them: sizes are summed once per node."""
    sizes: dict[int, int] = {}
    unfinished: set[int] = set()

    def size(node: yaml.Node, depth: int) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in unfinished:  # an anchor that contains itself never ends
            raise _TooLargeError(node)
        if depth > MAX_DEPTH:
            raise _TooDeepError(node)
        unfinished.add(key)
        total = 1
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                total += size(key_node, depth + 1) + size(value_node, depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            total += sum(size(child, depth + 1) for child in node.value)
        if total > MAX_EXPANDED_NODES:
            raise _TooLargeError(node)
        unfinished.discard(key)
        sizes[key] = total
        return total

    size(root, 0)


class _TooLargeError(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def _too_deep() -> str:
    return gettext("the document nests deeper than %(limit)d levels") % {
        "limit": MAX_DEPTH
    }


def _unreadable(error: OSError, path: Path) -> ScenarioIssue:
    return ScenarioIssue(
        gettext("cannot read the file: %(reason)s") % {"reason": error.strerror},
        file=str(path),
    )


class _TooDeepError(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def _size_issue(text: str, file: str) -> ScenarioIssue | None:
    if len(text.encode("utf-8", errors="replace")) > MAX_FILE_BYTES:
        return ScenarioIssue(
            gettext(
                "the file is larger than %(limit)d MB; "
                "a scenario is far smaller: check it is the right file"
            )
            % {"limit": MAX_FILE_BYTES // (1024 * 1024)},
            file=file,
        )
    return None


def _syntax_issue(error: yaml.MarkedYAMLError, file: str, path: str) -> ScenarioIssue:
    mark = error.problem_mark or error.context_mark
    problem = said(str(error.problem or error))
    if "'\\t'" in problem:
        problem = gettext("%(problem)s; indent with spaces, not tabs") % {
            "problem": problem
        }
    if error.context:
        message = gettext("not valid YAML: %(problem)s (%(context)s)") % {
            "problem": problem,
            "context": said(error.context),
        }
    else:
        message = gettext("not valid YAML: %(problem)s") % {"problem": problem}
    return ScenarioIssue(
        message,
        path=path,
        file=file,
        line=mark.line + 1 if mark else None,
    )


def _root_node(text: str, file: str) -> tuple[yaml.Node | None, yaml.SafeLoader]:
    """The document's node graph (None when empty), and the loader that made it.

    Raises:
        ScenarioError: the document nests too deep, or is not YAML at all.
        yaml.MarkedYAMLError: a syntax error at a known place.
    """
    loader = yaml.SafeLoader(text)
    try:
        return loader.get_single_node(), loader
    except RecursionError:
        raise ScenarioError([ScenarioIssue(_too_deep(), file=file)]) from None
    except yaml.MarkedYAMLError:
        raise
    except yaml.YAMLError as error:
        raise ScenarioError(
            [
                ScenarioIssue(
                    gettext("not valid YAML: %(problem)s")
                    % {"problem": said(str(error))},
                    file=file,
                )
            ]
        ) from None
    finally:
        loader.dispose()


def _walk(root: yaml.Node, walker: _Walker, path: str = "") -> Any:
    """Plain data of a node graph, refusing alias bombs and deep nesting."""
    try:
        _check_expanded_size(root)
        return walker.walk(root, path, 0)
    except _TooLargeError as error:
        raise ScenarioError(
            [
                ScenarioIssue(
                    gettext(
                        "the document expands to more than %(limit)s values "
                        "(aliases repeated too often); "
                        "write the values out or simplify the anchors"
                    )
                    % {"limit": count_text(MAX_EXPANDED_NODES)},
                    file=walker.file,
                    line=error.node.start_mark.line + 1,
                )
            ]
        ) from None
    except _TooDeepError as error:
        raise ScenarioError(
            [
                ScenarioIssue(
                    _too_deep(),
                    file=walker.file,
                    line=error.node.start_mark.line + 1,
                )
            ]
        ) from None


_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_\-]*)[ \t]*:")


def _sections(text: str) -> list[tuple[str, int, int]]:
    """(key, first line, end line) of each top-level `key:` block, lines from 0."""
    lines = text.splitlines()
    starts = [
        (match.group(1), number)
        for number, line in enumerate(lines)
        if (match := _TOP_LEVEL_KEY.match(line))
    ]
    ends = [start for _, start in starts[1:]] + [len(lines)]
    # Comments above the first key belong to the first section.
    firsts = [0] + [start for _, start in starts[1:]]
    return [
        (key, first, end)
        for (key, _), first, end in zip(starts, firsts, ends, strict=True)
    ]


def _read_by_section(
    text: str, file: str, error: yaml.MarkedYAMLError
) -> LocatedDocument:
    """A file with a syntax error, read one top-level section at a time.

    A syntax error in `sites:` should not hide the problems of `items:`. Each block
    is parsed alone, the other lines blanked so that line numbers stay true; the
    blocks that do not parse are reported, the others validated as usual.

    Raises:
        ScenarioError: the error cannot be pinned on a section (every block parses
            alone, or the file is not a mapping of sections).
    """
    sections = _sections(text)
    if len(sections) < 2:
        raise ScenarioError([_syntax_issue(error, file, "")]) from None
    lines = text.splitlines(keepends=True)
    data: dict[str, Any] = {}
    document = LocatedDocument(data=data, file=file)
    broken = 0
    for key, start, end in sections:
        block = "\n" * start + "".join(lines[start:end])
        try:
            root, loader = _root_node(block, file)
        except yaml.MarkedYAMLError as section_error:
            if "undefined alias" in str(section_error.problem):
                # An anchor of another section: read alone, this block cannot tell
                # its own problems, so the file's first error is the one reported.
                raise ScenarioError([_syntax_issue(error, file, "")]) from None
            document.issues.append(_syntax_issue(section_error, file, key))
            broken += 1
            continue
        if not isinstance(root, yaml.MappingNode):
            continue
        walker = _Walker(file, loader)
        part = _walk(root, walker)
        if isinstance(part, dict):
            data.update(part)
        document.lines.update(walker.lines)
        document.issues.extend(walker.issues)
    if not broken:
        # Each block parses alone: the error is in how they join (an indented key).
        raise ScenarioError([_syntax_issue(error, file, "")]) from None
    return document


def read_located(text: str, file: str) -> LocatedDocument:
    """Parse YAML or JSON text into plain data with lines, and the problems met.

    Problems that spoil only a part of the file (a duplicate key, an unsupported
    tag, a syntax error inside one top-level section) are returned in `issues`, the
    rest of the data beside them, so that validation can report everything at once.

    Raises:
        ScenarioError: problems that spoil the whole file (too large, empty, an
            alias bomb, a syntax error outside any one section).
    """
    too_large = _size_issue(text, file)
    if too_large is not None:
        raise ScenarioError([too_large])
    try:
        root, loader = _root_node(text, file)
    except yaml.MarkedYAMLError as error:
        return _read_by_section(text, file, error)
    if root is None:
        raise ScenarioError(
            [
                ScenarioIssue(
                    gettext("the file is empty: start from `surgeplan init`"), file=file
                )
            ]
        )
    walker = _Walker(file, loader)
    data = _walk(root, walker)
    return LocatedDocument(
        data=data, file=file, lines=walker.lines, issues=walker.issues
    )


def parse_located(text: str, file: str) -> LocatedDocument:
    """Parse YAML or JSON text into plain data with lines.

    Raises:
        ScenarioError: syntax errors, unsupported tags, duplicate keys, alias bombs.
    """
    document = read_located(text, file)
    if document.issues:
        raise ScenarioError(document.issues)
    return document


def check_json_syntax(text: str, file: str) -> None:
    """Refuse what YAML forgives but JSON does not (trailing commas, comments).

    Raises:
        ScenarioError: the first syntax error, with its line.
    """
    try:
        json.loads(text)
    except RecursionError:
        raise ScenarioError([ScenarioIssue(_too_deep(), file=file)]) from None
    except json.JSONDecodeError as error:
        message = gettext("not valid JSON: %(problem)s (column %(column)d)") % {
            "problem": error.msg,
            "column": error.colno,
        }
        closing = text[error.pos : error.pos + 1]
        if closing in ("}", "]") and text[: error.pos].rstrip().endswith(","):
            message = gettext(
                "not valid JSON: a comma before '%(closing)s'; remove it"
            ) % {"closing": closing}
        raise ScenarioError(
            [
                ScenarioIssue(
                    message,
                    file=file,
                    line=error.lineno,
                )
            ]
        ) from None


def read_text(path: Path) -> str:
    """A scenario file's text, refusing huge or binary files with a clear message."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ScenarioError([_unreadable(error, path)]) from None
    if size > MAX_FILE_BYTES:
        raise ScenarioError(
            [
                ScenarioIssue(
                    gettext(
                        "the file is %(size).0f MB, over the "
                        "%(limit)d MB a scenario may have"
                    )
                    % {"size": size / 1e6, "limit": MAX_FILE_BYTES // (1024 * 1024)},
                    file=str(path),
                )
            ]
        )
    try:
        content = path.read_bytes()
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ScenarioError(
            [
                ScenarioIssue(
                    gettext(
                        "not UTF-8 text (byte %(byte)d): save it as UTF-8, or "
                        "give an .xlsx workbook the .xlsx extension"
                    )
                    % {"byte": error.start},
                    file=str(path),
                    line=content[: error.start].count(b"\n") + 1,
                )
            ]
        ) from None
    except OSError as error:
        raise ScenarioError([_unreadable(error, path)]) from None


def dump_yaml(data: Any) -> str:
    """Plain data as block-style YAML, keys in the order given."""
    return yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )
