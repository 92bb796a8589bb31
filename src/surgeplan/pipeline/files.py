"""Writing result files whole or not at all.

Every file a stage writes goes to a hidden temporary file beside its target, which is
renamed over the target once complete: a rename within a folder is atomic, so an
interrupted command (Ctrl-C, a killed service run) never leaves half a plan.json. The
temporary files being written are registered, so that an interrupt handler that ends
the process at once can still remove them (`remove_partial_files`).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

_partial_files: set[Path] = set()
_lock = threading.Lock()


def _partial_name(target: Path) -> Path:
    # The suffix is kept: writers such as openpyxl choose the format by it.
    return target.with_name(f".{target.stem}.part-{os.getpid()}{target.suffix}")


def write_with(target: Path, writer: Callable[[Path], object]) -> Path:
    """Let `writer` write a temporary file beside `target`, then rename it over it."""
    partial = _partial_name(target)
    with _lock:
        _partial_files.add(partial)
    try:
        writer(partial)
        os.replace(partial, target)
    finally:
        with _lock:
            _partial_files.discard(partial)
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return target


def write_text(target: Path, text: str) -> Path:
    """Write a text file (UTF-8) whole or not at all."""
    return write_with(target, lambda path: path.write_text(text, encoding="utf-8"))


def write_bytes(target: Path, data: bytes) -> Path:
    """Write a binary file whole or not at all."""
    return write_with(target, lambda path: path.write_bytes(data))


def remove_partial_files() -> None:
    """Remove the temporary files being written now (called on an interrupt)."""
    with _lock:
        pending = list(_partial_files)
        _partial_files.clear()
    for path in pending:
        with contextlib.suppress(OSError):
            path.unlink()
