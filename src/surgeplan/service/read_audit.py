"""Audit rows for reads, written in group commits.

Every read of program content leaves a row before its answer is sent. One write
transaction per read would serialise readers on SQLite's write lock and pay one
fsync each; here readers hand their rows to one writer thread that appends all rows
waiting at that moment in one transaction. A reader still waits until its row is
committed (or gets the error), so no read is served unrecorded.
"""

from __future__ import annotations

import logging
import queue
import threading
from dataclasses import dataclass, field
from datetime import datetime

from surgeplan.store.audit import AuditEvent, append_many
from surgeplan.store.database import Database

log = logging.getLogger("surgeplan.service")

MAX_ROWS_PER_COMMIT = 500
COMMIT_WAIT_S = 30.0


class ReadAuditUnavailableError(RuntimeError):
    """A read's audit row could not be committed in time."""


@dataclass
class _Pending:
    event: AuditEvent
    now: datetime
    done: threading.Event = field(default_factory=threading.Event)
    error: BaseException | None = None


class ReadAudit:
    """The writer thread of one service process and its queue of read rows."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._queue: queue.SimpleQueue[_Pending] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    def record(self, event: AuditEvent, now: datetime) -> None:
        """Append the row and return once it is committed.

        Raises:
            ReadAuditUnavailableError: not committed within COMMIT_WAIT_S.
            Exception: whatever the commit raised.
        """
        self._start()
        pending = _Pending(event, now)
        self._queue.put(pending)
        if not pending.done.wait(COMMIT_WAIT_S):
            raise ReadAuditUnavailableError("the audit trail did not answer in time")
        if pending.error is not None:
            raise pending.error

    def _start(self) -> None:
        if self._thread is not None:
            return
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._write_forever, name="surgeplan-read-audit", daemon=True
                )
                self._thread.start()

    def _write_forever(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < MAX_ROWS_PER_COMMIT:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            self._commit(batch)

    def _commit(self, batch: list[_Pending]) -> None:
        try:
            with self.database.write() as session:
                append_many(session, [(p.event, p.now) for p in batch])
        except Exception as error:
            # The readers are refused with it; the writer goes on with the next batch.
            log.exception("could not write %d read audit rows", len(batch))
            for pending in batch:
                pending.error = error
        for pending in batch:
            pending.done.set()
