"""Differences between two scenario versions: changed paths and a unified diff.

The scenario package's YAML reader is imported on first use: the package pulls in
numpy, which the service does not need to start.
"""

from __future__ import annotations

import difflib
from functools import lru_cache
from typing import Any

from surgeplan.store.redaction import redact_costs

MAX_CHANGED_PATHS = 1000
CACHED_VIEW_MAX_CHARS = 200_000  # 32 cached views stay under ~15 MB


def version_data(content: str) -> Any:
    """A stored version's text as plain data (it was validated when saved)."""
    from surgeplan.scenario.yaml_source import parse_located

    return parse_located(content, "scenario.yaml").data


def changed_paths(before: Any, after: Any, path: str = "") -> list[str]:
    """Every path whose value differs, as `sites[0].work_centers[1].stations`."""
    from surgeplan.scenario.yaml_source import join_path

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
    from surgeplan.scenario.yaml_source import dump_yaml

    return dump_yaml(data)


@lru_cache(maxsize=32)
def _cached_view_without_costs(content: str) -> str:
    return as_yaml(redact_costs(version_data(content)))


def without_costs(content: str) -> str:
    """A version's text as viewers read it: every cost field removed.

    Versions never change and viewers read the same few over and over, so the views
    of small versions are kept (parsing and writing YAML is most of such a read).
    """
    if len(content) <= CACHED_VIEW_MAX_CHARS:
        return _cached_view_without_costs(content)
    return as_yaml(redact_costs(version_data(content)))
