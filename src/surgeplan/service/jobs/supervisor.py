"""The worker pool: claims queued runs, watches their processes, never loses one.

A background thread keeps up to `job_workers` run processes going. It reports
progress as a heartbeat, kills runs whose cancellation was asked, and at start (then
every few seconds) takes back runs left `running` by a worker that died: queued
again once, then failed with the reason. It also writes the audit checkpoints.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import socket
import threading
import time
from datetime import datetime

from surgeplan.service.jobs.leftovers import remove_leftovers
from surgeplan.service.jobs.runner import RunProcess
from surgeplan.service.settings import Settings
from surgeplan.store.audit_verify import record_checkpoint
from surgeplan.store.checkpoints import CheckpointKeyError, load_key
from surgeplan.store.database import Database
from surgeplan.store.run_queue import (
    claim_next,
    finish,
    heartbeat,
    recover_orphans,
    retry_or_fail,
    stale_after,
)

log = logging.getLogger("surgeplan.jobs")
RECOVERY_INTERVAL_S = 5.0


def _process_is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class JobSupervisor:
    """Runs queued runs in subprocesses, from one thread of the service."""

    def __init__(self, database: Database, settings: Settings) -> None:
        self.database = database
        self.settings = settings
        self.host = socket.gethostname()
        self.worker_id = f"{self.host}:{os.getpid()}:{secrets.token_hex(4)}"
        self.active: dict[int, RunProcess] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_checkpoint_seq = -1
        self._last_checkpoint_at = 0.0
        self._last_recovery_at = 0.0
        self._last_heartbeat_at = 0.0

    def start(self) -> None:
        """Remove what killed services left behind, then start the pool's thread."""
        remove_leftovers()
        self._thread = threading.Thread(
            target=self._loop, name="surgeplan-jobs", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop claiming, kill running processes (they are retried at next start)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        for process in self.active.values():
            process.kill()
        self.write_checkpoint()

    def is_orphan(self, worker_id: str | None, beat: datetime | None) -> bool:
        """Whether a `running` run has lost its worker."""
        if worker_id is None:
            return True
        if worker_id == self.worker_id:
            return False
        host, _, rest = worker_id.partition(":")
        pid_text = rest.partition(":")[0]
        if (
            host == self.host
            and pid_text.isdigit()
            and not _process_is_alive(int(pid_text))
        ):
            return True
        if beat is None:
            return True
        return self.settings.clock() - beat > stale_after(
            self.settings.heartbeat_interval_s
        )

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.step()
            except Exception:
                # The pool must outlive a database hiccup; the error is logged in full.
                log.exception("job supervisor step failed")
                time.sleep(1.0)
            self._stop.wait(self.settings.poll_interval_s)

    def step(self) -> None:
        """One round: recover, claim, watch, heartbeat, checkpoint."""
        now_s = time.monotonic()
        if now_s - self._last_recovery_at >= RECOVERY_INTERVAL_S:
            self._last_recovery_at = now_s
            recovered = recover_orphans(
                self.database, self.settings.clock(), self.is_orphan
            )
            if recovered:
                log.warning("took back runs of a dead worker: %s", recovered)
        while len(self.active) < self.settings.job_workers and not self._stop.is_set():
            claimed = claim_next(self.database, self.worker_id, self.settings.clock())
            if claimed is None:
                break
            try:
                self.active[claimed.id] = RunProcess(
                    claimed, self.settings.run_timeout_s
                )
            except OSError as error:
                log.error("cannot start run %s: %s", claimed.id, error)
                retry_or_fail(
                    self.database,
                    claimed.id,
                    "the worker could not start",
                    self.settings.clock(),
                )
        self._watch()
        if now_s - self._last_heartbeat_at >= self.settings.heartbeat_interval_s:
            self._last_heartbeat_at = now_s
            progress = {run_id: p.progress for run_id, p in self.active.items()}
            for run_id in heartbeat(self.database, progress, self.settings.clock()):
                self.active[run_id].cancel()
        if now_s - self._last_checkpoint_at >= self.settings.checkpoint_interval_s:
            self._last_checkpoint_at = now_s
            self.write_checkpoint()

    def _watch(self) -> None:
        for run_id, process in list(self.active.items()):
            code = process.poll()
            if code is None:
                continue
            del self.active[run_id]
            now = self.settings.clock()
            if code < 0 and not process.is_cancelled and not process.is_timed_out:
                retry_or_fail(
                    self.database,
                    run_id,
                    f"the worker process died (signal {-code})",
                    now,
                )
                with contextlib.suppress(OSError):
                    process.outcome(code)
                continue
            finish(self.database, run_id, process.outcome(code), now)

    def write_checkpoint(self) -> None:
        """Append a signed checkpoint of the audit chain if it moved."""
        key_path, checkpoint_path = self.settings.audit_files()
        try:
            key = load_key(key_path, create=True)
            self._last_checkpoint_seq = record_checkpoint(
                self.database.engine,
                checkpoint_path,
                key,
                self.settings.clock(),
                self._last_checkpoint_seq,
            )
        except (CheckpointKeyError, OSError) as error:
            log.error("cannot write an audit checkpoint: %s", error)
