"""Verify the whole audit trail: the hash chain, then the signed checkpoints."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from surgeplan.store.audit import (
    ChainBreak,
    ChainReport,
    lock_head,
    read_chain,
    walk_chain,
)
from surgeplan.store.checkpoints import (
    Checkpoint,
    check_against,
    read_checkpoints,
    write_checkpoint,
)
from surgeplan.store.engine import sync_wal, writer
from surgeplan.store.tables import AuditHead


@dataclass(frozen=True)
class TrailVerdict:
    """Whether the trail is intact, and if not, the first bad row and why."""

    report: ChainReport
    checkpoints: int
    first_break: ChainBreak | None
    checkpoint_problem: str | None

    @property
    def is_intact(self) -> bool:
        """No broken row, no checkpoint disagreement, no bad checkpoint file."""
        return self.first_break is None and self.checkpoint_problem is None


def verify_trail(
    session: Session, checkpoints_path: Path | None, key: bytes | None
) -> TrailVerdict:
    """Walk the chain in `session` and compare it with the checkpoints.

    With a key, every row's MAC is checked, and the checkpoint file must hold at
    least as many checkpoints as the database counted: a missing, emptied or
    shortened file is a problem, not an excuse.
    """
    checkpoints: list[Checkpoint] = []
    problem: str | None = None
    if checkpoints_path is not None and key is not None:
        checkpoints, problem = read_checkpoints(checkpoints_path, key)
        head = session.execute(select(AuditHead).where(AuditHead.id == 1)).scalar_one()
        if problem is None:
            problem = _missing_checkpoints(checkpoints_path, checkpoints, head)
    anchored_up_to = max((c.seq for c in checkpoints), default=0)
    report = walk_chain(
        read_chain(session), {c.seq for c in checkpoints}, key, anchored_up_to
    )
    first_break = report.first_break
    if first_break is None:
        first_break = check_against(report, checkpoints)
    return TrailVerdict(report, len(checkpoints), first_break, problem)


def _missing_checkpoints(
    path: Path, checkpoints: list[Checkpoint], head: AuditHead
) -> str | None:
    if not path.exists() and (head.seq > 0 or head.checkpoints > 0):
        return (
            f"the checkpoint file {path} is missing, but the trail has {head.seq} "
            f"rows and {head.checkpoints} checkpoints were written"
        )
    if len(checkpoints) < head.checkpoints:
        return (
            f"the checkpoint file holds {len(checkpoints)} checkpoints, but "
            f"{head.checkpoints} were written: it was shortened or replaced"
        )
    return None


def record_checkpoint(
    engine: Engine, path: Path, key: bytes, now: datetime, last_seq: int
) -> int:
    """Write a checkpoint of the chain's head if it moved since `last_seq`.

    The file line is forced to disk before the database counts it, so a crash in
    between leaves the file ahead of the count, never behind.
    """
    with Session(engine) as session:
        seq = session.execute(select(AuditHead.seq).where(AuditHead.id == 1)).scalar()
    if seq == last_seq:
        return last_seq
    with Session(writer(engine)) as session, session.begin():
        head = lock_head(session)
        if head.seq == last_seq:
            return last_seq
        # The rows it signs may come from the read audit's lazy commits: on disk
        # first, so a power cut cannot leave a checkpoint ahead of the chain.
        sync_wal(engine)
        checkpoint = Checkpoint(
            seq=head.seq,
            hash=head.hash,
            count=head.seq,
            at=now.isoformat(timespec="seconds"),
        )
        write_checkpoint(path, checkpoint, key)
        head.checkpoints += 1
        return checkpoint.seq
