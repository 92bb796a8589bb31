"""Run a `surgeplan` command in a pseudo-terminal of a given size, as a person would."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def run_in_terminal(arguments: list[str], *, columns: int, cwd: Path) -> list[str]:
    """The lines the command shows on a terminal `columns` wide (escapes removed)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("COLUMNS", "LINES", "NO_COLOR")
    }
    environment["TERM"] = "xterm-256color"
    process = subprocess.Popen(
        [sys.executable, "-m", "surgeplan.cli", *arguments],
        stdin=follower,
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env=environment,
        cwd=cwd,
    )
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if ready:
            try:
                data = os.read(leader, 65536)
            except OSError:  # the follower side closed: the command ended
                break
            if not data:
                break
            chunks.append(data)
        elif process.poll() is not None:
            break
    process.wait()
    os.close(leader)
    assert process.returncode == 0
    text = ESCAPE.sub("", b"".join(chunks).decode("utf-8", "replace"))
    return text.replace("\r", "").split("\n")
