"""Reading the JSON files the stages write (plans, risk results, mitigation rankings).

Each file carries its `format`; a file of another kind is named as such, with the
command that writes the right one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read_result_file(
    path: Path,
    expected_format: str,
    *,
    kind: str,
    command: str,
    error: type[Exception],
) -> dict[str, Any]:
    """The object in `path` if it is a JSON file of `expected_format`.

    Raises:
        error: missing file, not JSON, or another format; the message names the file
            and, for another format, the `surgeplan` command that writes the right one.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as failure:
        raise error(f"{path}: cannot read: {failure.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as failure:
        raise error(f"{path}: not a JSON {kind} ({failure})") from None
    if not isinstance(data, dict) or data.get("format") != expected_format:
        raise error(
            f"{path}: not a surgeplan {kind} (expected format {expected_format!r}); "
            f"write one with `surgeplan {command}`"
        )
    return data
