"""One run as a `surgeplan` subprocess in a temporary folder, and its outcome.

The subprocess gets the pinned version as scenario.yaml, a fresh output folder and
its own process group (cancellation kills the group); on Linux it also dies with the
service, and it runs at a lower CPU priority (nice 10) so that a solver never slows
the API's answers on a small machine. Users see a clean failure reason; the stderr
tail, which may hold a stack trace, is kept for admins.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import mimetypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from pathlib import Path
from typing import IO

from surgeplan.service.jobs.commands import INPUTS, VARIANTS, command_line
from surgeplan.service.jobs.leftovers import run_folder_prefix
from surgeplan.service.jobs.plan_diff_result import plan_diff_texts
from surgeplan.store.records import RunKind, RunState
from surgeplan.store.result_fields import VALIDATE_FORMAT
from surgeplan.store.run_queue import ClaimedRun, RunOutcome, parse_results

ENTRY = (
    "import sys; sys.argv[0] = 'surgeplan'; from surgeplan.cli.main import run; run()"
)
TAIL_LINES = 200
MAX_RESULT_BYTES = 20 * 1024 * 1024
MAX_ARTIFACT_BYTES = 50 * 1024 * 1024
_PR_SET_PDEATHSIG = 1
RUN_NICENESS = 10


def _prepare_run_process() -> None:
    """In the run's process before it starts: die with the service, yield the CPU."""
    _die_with_parent()
    with contextlib.suppress(OSError):
        os.nice(RUN_NICENESS)


def _die_with_parent() -> None:
    """Ask Linux to kill the run if the service process dies (kill -9 included)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(
            _PR_SET_PDEATHSIG, signal.SIGKILL
        )


class RunProcess:
    """A running `surgeplan` command and the tails of its output."""

    def __init__(self, claimed: ClaimedRun, timeout_s: float) -> None:
        self.claimed = claimed
        self.folder = Path(tempfile.mkdtemp(prefix=run_folder_prefix(claimed.id)))
        self.out = self.folder / "out"
        self.out.mkdir()
        scenario = self.folder / "scenario.yaml"
        scenario.write_text(claimed.content, "utf-8")
        for index, (stem, content) in enumerate(claimed.variants):
            variant = self.folder / VARIANTS / str(index) / f"{stem}.yaml"
            variant.parent.mkdir(parents=True)
            variant.write_text(content, "utf-8")
        for name, content in claimed.inputs:
            given = self.folder / INPUTS / name
            given.parent.mkdir(exist_ok=True)
            given.write_text(content, "utf-8")
        arguments = command_line(
            RunKind(claimed.kind), scenario, self.out, claimed.parameters
        )
        self.deadline = time.monotonic() + timeout_s
        self.is_cancelled = False
        self.is_timed_out = False
        self.stdout: deque[str] = deque(maxlen=TAIL_LINES)
        self.stderr: deque[str] = deque(maxlen=TAIL_LINES)
        self.process = subprocess.Popen(
            [sys.executable, "-c", ENTRY, *arguments],
            cwd=self.folder,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
            start_new_session=True,
            preexec_fn=_prepare_run_process if sys.platform == "linux" else None,
        )
        self._readers = [
            threading.Thread(target=self._read, args=(stream, tail), daemon=True)
            for stream, tail in (
                (self.process.stdout, self.stdout),
                (self.process.stderr, self.stderr),
            )
        ]
        for reader in self._readers:
            reader.start()

    @staticmethod
    def _read(stream: IO[str] | None, tail: deque[str]) -> None:
        if stream is None:
            return
        for line in stream:
            tail.append(line.rstrip("\n")[:2000])

    @property
    def progress(self) -> str:
        """The last line the command printed."""
        return self.stdout[-1] if self.stdout else "running"

    def poll(self) -> int | None:
        """The exit code once the process has ended; stops it past its deadline."""
        code = self.process.poll()
        if code is None and time.monotonic() > self.deadline:
            self.is_timed_out = True
            self.kill()
        return code

    def kill(self) -> None:
        """Kill the run's whole process group."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)

    def cancel(self) -> None:
        """Stop the run because a user asked."""
        self.is_cancelled = True
        self.kill()

    def outcome(self, exit_code: int) -> RunOutcome:
        """How the run ended, with its results and files; the folder is removed."""
        for reader in self._readers:
            reader.join(timeout=5)
        try:
            return self._outcome(exit_code)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def _outcome(self, exit_code: int) -> RunOutcome:
        stdout, stderr = "\n".join(self.stdout), "\n".join(self.stderr)
        state = RunState.FAILED
        reason: str | None = failure_reason(
            RunKind(self.claimed.kind), exit_code, list(self.stderr)
        )
        if self.is_cancelled:
            state, reason = RunState.CANCELLED, "cancelled by a user"
        elif self.is_timed_out:
            reason = "the run took longer than allowed and was stopped"
        elif exit_code == 0:
            state, reason = RunState.DONE, None
        outcome = RunOutcome(
            state, exit_code, reason, stdout[-20_000:], stderr[-20_000:]
        )
        if state is RunState.DONE:
            self._collect(outcome)
        return outcome

    def _collect(self, outcome: RunOutcome) -> None:
        texts: dict[str, str] = {}
        if self.claimed.kind == RunKind.VALIDATE:
            import json

            texts["validate.json"] = json.dumps(
                {"format": VALIDATE_FORMAT, "is_valid": True, "summary": self.progress}
            )
        if self.claimed.kind == RunKind.REPLAN:
            texts.update(plan_diff_texts(self.out))
        collect(self.out, outcome, texts)


def collect(
    out: Path, outcome: RunOutcome, texts: dict[str, str] | None = None
) -> None:
    """Put a finished run's output folder into `outcome`: JSON results and files."""
    texts = dict(texts or {})
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        name = path.relative_to(out).as_posix()[:200]
        size = path.stat().st_size
        if path.suffix == ".json" and size <= MAX_RESULT_BYTES:
            texts[name] = path.read_text("utf-8", errors="replace")
        elif size <= MAX_ARTIFACT_BYTES:
            data = path.read_bytes()
            media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            digest = hashlib.sha256(data).hexdigest()
            outcome.artifacts.append((name, media_type, digest, data))
    outcome.results = parse_results(texts)


def failure_reason(kind: RunKind, exit_code: int, stderr: list[str]) -> str:
    """What a user is told about a failed run (never a stack trace)."""
    if exit_code < 0:
        return f"the worker process died (signal {-exit_code})"
    text = "\n".join(stderr)
    if "No such command" in text:
        return f"the {kind.value} command is not available in this installation"
    if exit_code in (2, 3) and "Traceback" not in text:
        lines = [line for line in stderr if line.strip()][-5:]
        prefix = (
            "invalid input" if exit_code == 2 else "the scenario contradicts itself"
        )
        return f"{prefix}: " + " | ".join(lines)[:1000]
    return (
        f"the {kind.value} run failed unexpectedly (exit code {exit_code}); "
        "an admin can read its log"
    )
