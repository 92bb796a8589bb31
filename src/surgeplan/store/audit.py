"""The tamper-evident audit trail: a keyed SHA-256 hash chain, its verification.

Each row's hash covers its own fields and the previous row's hash, so editing,
deleting or reordering a row breaks the chain at that row. Each row also carries
`mac`, HMAC-SHA256 of its hash under the audit key (given to the session by
`Database`), so someone who can write the database but has not the key cannot append
or rewrite rows with recomputed hashes. Appends lock the single `audit_head` row, so
concurrent writers extend the chain one at a time; the entry is written in the
caller's transaction, with the change it records. Truncating the tail leaves a valid
chain: the signed checkpoints of `store.checkpoints` catch it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.orm import Session

from surgeplan.store.tables import AuditHead, AuditRow

GENESIS_HASH = "0" * 64
AUDIT_KEY_INFO = "surgeplan_audit_key"
"""The `Session.info` entry holding the audit key (bytes) of a write session."""
DetailValue = str | int | float | bool | None


class Outcome:
    """What happened to the attempt an entry records."""

    OK = "ok"
    DENIED = "denied"
    FAILED = "failed"


@dataclass(frozen=True)
class AuditEvent:
    """Who did what to which object; `version_hash` pins scenario content."""

    actor: str
    action: str
    program_id: int | None = None
    object_type: str = ""
    object_id: str = ""
    version_hash: str = ""
    outcome: str = Outcome.OK
    detail: Mapping[str, DetailValue] = field(default_factory=dict)


def canonical_json(data: object) -> str:
    """Sorted keys, no spaces, UTF-8 kept: the text that is hashed."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def hashed_fields(row: AuditRow) -> dict[str, object]:
    """The fields a row's hash covers (all but the hash itself)."""
    return {
        "seq": row.seq,
        "at": row.at,
        "actor": row.actor,
        "program_id": row.program_id,
        "action": row.action,
        "object_type": row.object_type,
        "object_id": row.object_id,
        "version_hash": row.version_hash,
        "outcome": row.outcome,
        "detail": row.detail,
        "prev_hash": row.prev_hash,
    }


def compute_hash(fields: Mapping[str, object]) -> str:
    """SHA-256 of the canonical JSON of a row's fields."""
    return hashlib.sha256(canonical_json(fields).encode("utf-8")).hexdigest()


def row_mac(key: bytes, row_hash: str) -> str:
    """HMAC-SHA256 of a row's hash under the audit key."""
    return hmac.new(key, row_hash.encode("ascii"), hashlib.sha256).hexdigest()


def lock_head(session: Session) -> AuditHead:
    """The chain's head, locked until the transaction ends (row lock on PostgreSQL)."""
    statement = select(AuditHead).where(AuditHead.id == 1).with_for_update()
    return session.execute(statement).scalar_one()


def append(session: Session, event: AuditEvent, now: datetime) -> AuditRow:
    """Add an entry to the chain in the caller's transaction."""
    head = lock_head(session)
    row = _chained_row(session, event, now, head.seq + 1, head.hash)
    session.add(row)
    head.seq = row.seq
    head.hash = row.row_hash
    return row


# Built once: the read audit runs them for every batch of reads.
_LOCKED_HEAD = (
    select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1).with_for_update()
)
_MOVE_HEAD = (
    update(AuditHead)
    .where(AuditHead.id == 1)
    .values(seq=bindparam("seq"), hash=bindparam("hash"))
    .execution_options(synchronize_session=False)
)


def append_many(
    session: Session, events: Sequence[tuple[AuditEvent, datetime]]
) -> None:
    """Add several entries in order, with one lock of the head and one insert.

    Plain rows and statements, no ORM objects: the read audit calls this for every
    batch of reads, each in a session of its own (an `append` in the same session
    would write back a head it read before).
    """
    if not events:
        return
    head = session.execute(_LOCKED_HEAD).one()
    seq, previous_hash = head.seq, head.hash
    key: bytes | None = session.info.get(AUDIT_KEY_INFO)
    rows: list[dict[str, object]] = []
    for event, now in events:
        seq += 1
        fields: dict[str, object] = {
            "seq": seq,
            "at": now.isoformat(timespec="microseconds"),
            "actor": event.actor,
            "program_id": event.program_id,
            "action": event.action,
            "object_type": event.object_type,
            "object_id": event.object_id,
            "version_hash": event.version_hash,
            "outcome": event.outcome,
            "detail": canonical_json(dict(event.detail)),
            "prev_hash": previous_hash,
        }
        previous_hash = compute_hash(fields)
        mac = row_mac(key, previous_hash) if key else None
        rows.append({**fields, "row_hash": previous_hash, "mac": mac})
    session.execute(insert(AuditRow), rows)
    session.execute(_MOVE_HEAD, {"seq": seq, "hash": previous_hash})


def _chained_row(
    session: Session, event: AuditEvent, now: datetime, seq: int, prev_hash: str
) -> AuditRow:
    row = AuditRow(
        seq=seq,
        at=now.isoformat(timespec="microseconds"),
        actor=event.actor,
        program_id=event.program_id,
        action=event.action,
        object_type=event.object_type,
        object_id=event.object_id,
        version_hash=event.version_hash,
        outcome=event.outcome,
        detail=canonical_json(dict(event.detail)),
        prev_hash=prev_hash,
        row_hash="",
    )
    row.row_hash = compute_hash(hashed_fields(row))
    key: bytes | None = session.info.get(AUDIT_KEY_INFO)
    row.mac = row_mac(key, row.row_hash) if key else None
    return row


@dataclass(frozen=True)
class ChainBreak:
    """The first row at which the trail stops being trustworthy."""

    seq: int
    reason: str


@dataclass
class ChainReport:
    """The outcome of walking the chain."""

    count: int = 0
    last_seq: int = 0
    last_hash: str = GENESIS_HASH
    hash_by_seq: dict[int, str] = field(default_factory=dict)
    first_break: ChainBreak | None = None

    @property
    def is_intact(self) -> bool:
        """Whether every row holds (checkpoints are checked separately)."""
        return self.first_break is None


def walk_chain(
    rows: Iterable[AuditRow],
    keep_hashes_at: set[int],
    key: bytes | None = None,
    anchored_up_to: int = 0,
) -> ChainReport:
    """Check each row's sequence number, link to its predecessor and own hash.

    With the key, each row's MAC is checked too; a row without one is accepted only
    up to `anchored_up_to` (the last signed checkpoint), where the checkpoints vouch
    for it (rows written before MACs existed, or by a writer without the key).
    """
    report = ChainReport()
    expected_seq = 1
    previous_hash = GENESIS_HASH
    for row in rows:
        if row.seq != expected_seq:
            report.first_break = ChainBreak(
                expected_seq, f"row {expected_seq} is missing (next row is {row.seq})"
            )
            return report
        if row.prev_hash != previous_hash:
            report.first_break = ChainBreak(
                row.seq, "its previous-row hash does not match the row before it"
            )
            return report
        if compute_hash(hashed_fields(row)) != row.row_hash:
            report.first_break = ChainBreak(
                row.seq, "its content does not match its hash (edited)"
            )
            return report
        if key is not None:
            mac_break = _mac_break(row, key, anchored_up_to)
            if mac_break is not None:
                report.first_break = mac_break
                return report
        if row.seq in keep_hashes_at:
            report.hash_by_seq[row.seq] = row.row_hash
        report.count += 1
        report.last_seq = row.seq
        report.last_hash = row.row_hash
        previous_hash = row.row_hash
        expected_seq += 1
    return report


def _mac_break(row: AuditRow, key: bytes, anchored_up_to: int) -> ChainBreak | None:
    if row.mac is None:
        if row.seq > anchored_up_to:
            return ChainBreak(
                row.seq,
                "it carries no MAC and no checkpoint covers it (added without the key)",
            )
        return None
    if not hmac.compare_digest(row.mac, row_mac(key, row.row_hash)):
        return ChainBreak(
            row.seq, "its MAC does not match (forged or rewritten without the key)"
        )
    return None


def read_chain(connection: Connection | Session) -> Iterable[AuditRow]:
    """Every audit row in sequence order, streamed."""
    statement = select(AuditRow).order_by(AuditRow.seq)
    if isinstance(connection, Session):
        yield from connection.execute(
            statement.execution_options(yield_per=1000)
        ).scalars()
        return
    with Session(bind=connection) as session:
        yield from session.execute(
            statement.execution_options(yield_per=1000)
        ).scalars()
