"""A `pybabel extract` method for the field descriptions of the scenario models.

The workbook `surgeplan init --excel --lang fr` writes says each field's meaning
(header comments, the Instructions sheet) in French. Those meanings are the
`Field(description=...)` of the pydantic models, hundreds of them; marking each with
`N_` would touch every model and every helper's new field. Instead babel.cfg maps
`src/surgeplan/scenario/*.py` to this extractor (its `[extractors]` section), which
reads each module's syntax tree and yields every literal `description=` given to a
`Field(...)` call — a new field's description reaches the catalog with `make
catalogs` and nothing else. The writer translates the description at render time.
A description that is not a literal (built at run time) cannot be extracted;
tests/i18n fails on any column of the workbook whose meaning has no French.

The same modules also say the located messages of a wrong scenario through
`gettext` and `ngettext` (`surgeplan.scenario.speech`); Babel maps each file to one
method only, so this one also runs Babel's own Python extractor on the module.
"""

from __future__ import annotations

import ast
import io
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any, cast

from babel.messages.extract import extract_python

# What Babel expects an extraction method to yield: line, function name (None: a
# plain message), message, translator comments.
Extracted = tuple[int, str | None, str | tuple[str | None, ...], list[str]]


def _field_name(call: ast.Call) -> str | None:
    function = call.func
    if isinstance(function, ast.Name):
        return function.id
    if isinstance(function, ast.Attribute):
        return function.attr
    return None


def field_descriptions(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of every literal `description=` of a `Field(...)` in `source`."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or _field_name(node) != "Field":
            continue
        for keyword in node.keywords:
            value = keyword.value
            if (
                keyword.arg == "description"
                and isinstance(value, ast.Constant)
                and isinstance(value.value, str)
                and value.value
            ):
                yield value.lineno, value.value


def extract_field_descriptions(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """Babel's extraction method: the descriptions and the messages of one module."""
    raw = fileobj.read()
    encoding = str(options.get("encoding", "utf-8"))
    for line, text in field_descriptions(raw.decode(encoding)):
        yield line, None, text, []
    # Babel annotates this generator with `extract`'s result shape; it yields the
    # (line, function, message, comments) of an extraction method, as wanted here.
    # Babel hands its keyword specifications as a mapping; a plain list of names
    # takes each function's first argument as the message.
    specs: Mapping[str, Any] = (
        keywords if isinstance(keywords, Mapping) else dict.fromkeys(keywords)
    )
    found: Iterator[Any] = extract_python(
        io.BytesIO(raw), specs, comment_tags, {"encoding": encoding}
    )
    for message in found:
        yield cast(Extracted, message)
