"""Differences between two scenario versions: changed paths and a unified diff."""

from __future__ import annotations

import difflib
from typing import Any

from surgeplan.scenario.yaml_source import dump_yaml, join_path, parse_located

MAX_CHANGED_PATHS = 1000


def version_data(content: str) -> Any:
    """A stored version's text as plain data (it was validated when saved)."""
    return parse_located(content, "scenario.yaml").data


def changed_paths(before: Any, after: Any, path: str = "") -> list[str]:
    """Every path whose value differs, as `sites[0].work_centers[1].stations`."""
    if isinstance(before, dict) and isinstance(after, dict):
        paths: list[str] = []
        for key in list(before) + [k for k in after if k not in before]:
            child = join_path(path, str(key))
            if key not in before or key not in after:
                paths.append(child)
            else:
                paths.extend(changed_paths(before[key], after[key], child))
        return paths
    if isinstance(before, list) and isinstance(after, list):
        paths = []
        for index in range(max(len(before), len(after))):
            child = join_path(path, index)
            if index >= len(before) or index >= len(after):
                paths.append(child)
            else:
                paths.extend(changed_paths(before[index], after[index], child))
        return paths
    return [] if before == after else [path]


def unified_diff(before: str, after: str, from_name: str, to_name: str) -> str:
    """A unified diff of two YAML texts."""
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=from_name,
            tofile=to_name,
        )
    )


def as_yaml(data: Any) -> str:
    """Plain data back to YAML (for a redacted view)."""
    return dump_yaml(data)
