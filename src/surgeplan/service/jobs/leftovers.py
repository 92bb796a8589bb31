"""Temporary folders of runs and uploads, named by their service's process id.

A run's folder holds the full scenario. A service killed with -9 cannot remove it,
so every folder is named `surgeplan-run-PID-…` or `surgeplan-upload-PID-…` after the
service process that made it, and a starting service removes the folders of
processes that are gone (its own user's only; a folder of another live service on
the same machine is left alone).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from pathlib import Path

log = logging.getLogger("surgeplan.service")

RUN_PREFIX = "surgeplan-run-"
UPLOAD_PREFIX = "surgeplan-upload-"
_OWNED = re.compile(rf"^(?:{RUN_PREFIX}|{UPLOAD_PREFIX})(\d+)-")


def run_folder_prefix(run_id: int) -> str:
    """The `mkdtemp` prefix of a run's folder in this process."""
    return f"{RUN_PREFIX}{os.getpid()}-{run_id}-"


def upload_folder_prefix() -> str:
    """The `TemporaryDirectory` prefix of an upload's folder in this process."""
    return f"{UPLOAD_PREFIX}{os.getpid()}-"


def _is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(folder: Path | None = None) -> list[Path]:
    """Remove the run and upload folders of dead service processes; the removed."""
    base = folder or Path(tempfile.gettempdir())
    removed: list[Path] = []
    for path in base.iterdir():
        match = _OWNED.match(path.name)
        if match is None or not path.is_dir() or path.is_symlink():
            continue
        try:
            is_ours = path.stat().st_uid == os.getuid()
        except OSError:
            continue
        if is_ours and not _is_alive(int(match.group(1))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    if removed:
        log.warning("removed %d folders left by stopped services", len(removed))
    return removed
