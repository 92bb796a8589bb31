"""Verify the whole audit trail: the hash chain, then the signed checkpoints."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from surgeplan.store.audit import ChainBreak, ChainReport, read_chain, walk_chain
from surgeplan.store.checkpoints import (
    Checkpoint,
    check_against,
    read_checkpoints,
    write_checkpoint,
)
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
    """Walk the chain in `session` and compare it with the checkpoints."""
    checkpoints: list[Checkpoint] = []
    problem: str | None = None
    if checkpoints_path is not None and key is not None:
        checkpoints, problem = read_checkpoints(checkpoints_path, key)
    report = walk_chain(read_chain(session), {c.seq for c in checkpoints})
    first_break = report.first_break
    if first_break is None:
        first_break = check_against(report, checkpoints)
    return TrailVerdict(report, len(checkpoints), first_break, problem)


def record_checkpoint(
    engine: Engine, path: Path, key: bytes, now: datetime, last_seq: int
) -> int:
    """Write a checkpoint of the chain's head if it moved since `last_seq`."""
    with Session(engine) as session:
        head = session.execute(select(AuditHead).where(AuditHead.id == 1)).scalar_one()
        seq, hash_ = head.seq, head.hash
    if seq == last_seq:
        return last_seq
    checkpoint = Checkpoint(
        seq=seq, hash=hash_, count=seq, at=now.isoformat(timespec="seconds")
    )
    write_checkpoint(path, checkpoint, key)
    return seq
