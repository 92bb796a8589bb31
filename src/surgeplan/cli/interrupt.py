"""Ctrl-C ends any command within a second: exit code 130, no traceback, no half file.

Python's default reaction to Ctrl-C, a KeyboardInterrupt, waits for the running
solver call or for the simulation's worker processes to finish, which took up to
25 s. The handler here does not unwind: it kills the worker processes, removes the
temporary files being written (finished files are only ever renamed into place, see
`surgeplan.pipeline.files`) and ends the process at once.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from types import FrameType

from surgeplan.cli.exit_codes import ExitCode
from surgeplan.pipeline.files import remove_partial_files


def _stop(_signal_number: int, _frame: FrameType | None) -> None:
    children = multiprocessing.active_children()
    for child in children:
        child.kill()
    for child in children:
        # Reaped at once, or they would linger as zombies until this process ends.
        child.join(timeout=0.1)
    remove_partial_files()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            continue
    os.write(2, b"\ninterrupted: nothing was left half-written\n")
    os._exit(ExitCode.INTERRUPTED)


def stop_at_once_on_interrupt() -> None:
    """Install the handler (in the command's main thread, before any work)."""
    signal.signal(signal.SIGINT, _stop)
