"""Signed checkpoints of the audit chain, kept in a file outside the database.

A checkpoint is (last sequence number, its hash, row count, time), signed with
HMAC-SHA256. Someone who can rewrite the database but not the key cannot forge one,
so a truncated tail or a rewritten chain no longer matches the latest checkpoint.
The key comes from `SURGEPLAN_AUDIT_KEY` (hex) or a key file created on first start
with mode 0600.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from surgeplan.store.audit import ChainBreak, ChainReport, canonical_json
from surgeplan.store.errors import StoreError

KEY_ENVIRONMENT_VARIABLE = "SURGEPLAN_AUDIT_KEY"
KEY_BYTES = 32


class CheckpointKeyError(StoreError):
    """The checkpoint key is missing or unreadable."""


@dataclass(frozen=True)
class Checkpoint:
    """The chain's state at one moment."""

    seq: int
    hash: str
    count: int
    at: str

    def signed_fields(self) -> dict[str, object]:
        """What the signature covers."""
        return {"seq": self.seq, "hash": self.hash, "count": self.count, "at": self.at}


def load_key(path: Path | None, *, create: bool) -> bytes:
    """The HMAC key: the environment variable, else the key file (made if asked)."""
    from_environment = os.environ.get(KEY_ENVIRONMENT_VARIABLE)
    if from_environment:
        try:
            return bytes.fromhex(from_environment)
        except ValueError:
            raise CheckpointKeyError(
                f"{KEY_ENVIRONMENT_VARIABLE} must be hexadecimal"
            ) from None
    if path is None:
        raise CheckpointKeyError(
            f"no checkpoint key: set {KEY_ENVIRONMENT_VARIABLE} or give a key file"
        )
    if not path.exists():
        if not create:
            raise CheckpointKeyError(f"the checkpoint key file {path} does not exist")
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(KEY_BYTES) + "\n")
    try:
        return bytes.fromhex(path.read_text("ascii").strip())
    except (OSError, ValueError) as error:
        raise CheckpointKeyError(f"cannot read the key file {path}: {error}") from None


def sign(checkpoint: Checkpoint, key: bytes) -> str:
    """HMAC-SHA256 of the checkpoint's canonical JSON."""
    message = canonical_json(checkpoint.signed_fields()).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def write_checkpoint(path: Path, checkpoint: Checkpoint, key: bytes) -> None:
    """Append a signed checkpoint line and force it to disk."""
    line = json.dumps({**checkpoint.signed_fields(), "mac": sign(checkpoint, key)})
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(descriptor, "a") as handle:
        handle.write(line + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def read_checkpoints(path: Path, key: bytes) -> tuple[list[Checkpoint], str | None]:
    """Every checkpoint in the file, and the first problem with the file itself."""
    if not path.exists():
        return [], None
    checkpoints: list[Checkpoint] = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            checkpoint = Checkpoint(
                seq=int(data["seq"]),
                hash=str(data["hash"]),
                count=int(data["count"]),
                at=str(data["at"]),
            )
            mac = str(data["mac"])
        except (ValueError, KeyError, TypeError):
            return checkpoints, f"checkpoint line {number} is unreadable"
        if not hmac.compare_digest(mac, sign(checkpoint, key)):
            return checkpoints, f"checkpoint line {number} has a bad signature"
        checkpoints.append(checkpoint)
    return checkpoints, None


def check_against(
    report: ChainReport, checkpoints: list[Checkpoint]
) -> ChainBreak | None:
    """The first disagreement between an intact chain and the checkpoints."""
    for checkpoint in checkpoints:
        if checkpoint.seq > report.last_seq:
            return ChainBreak(
                report.last_seq + 1,
                f"rows {report.last_seq + 1} to {checkpoint.seq} are missing: the "
                f"checkpoint of {checkpoint.at} recorded {checkpoint.count} rows "
                "(the tail was truncated)",
            )
        if report.hash_by_seq.get(checkpoint.seq) != checkpoint.hash:
            return ChainBreak(
                checkpoint.seq,
                f"row {checkpoint.seq} differs from the checkpoint of {checkpoint.at} "
                "(the chain was rewritten)",
            )
    return None


def checkpoint_of(report: ChainReport, now: datetime) -> Checkpoint:
    """A checkpoint of the chain as just walked."""
    return Checkpoint(
        seq=report.last_seq,
        hash=report.last_hash,
        count=report.count,
        at=now.isoformat(timespec="seconds"),
    )
