"""Login throttling per account and source, per source, and per account.

An attempt is charged *before* its password is checked, in one write transaction
that locks the keys' rows: concurrent guesses queue on those rows, and once a key is
over its allowance the next guesses are refused without hashing anything. A
success refunds its charge. Three keys, each with its own allowance:

- `pair:NAME|ADDR` (one account from one source): locked after 5 failures, for 1 s,
  2 s, 4 s … up to 15 minutes. This is what stops a guesser.
- `addr:ADDR` (one source, any account): locked after 20, same growth: a source
  spraying many accounts (a NAT of real users gets some slack).
- `user:NAME` (one account, any source): after 20, at most 1 minute. Guessing from
  many sources stays slow, but nobody can lock the program's admin out for long:
  from the admin's own address only the first two keys count against them.

A key that has not failed for `FORGET_AFTER` starts afresh. Unknown user names are
throttled like real ones.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from surgeplan.store.tables import LoginThrottle

FORGET_AFTER = timedelta(hours=1)


@dataclass(frozen=True)
class Allowance:
    """How many failures a key may have before it locks, and the longest lock."""

    free_failures: int
    max_lock: timedelta


FREE_FAILURES = 5
MAX_LOCK = timedelta(minutes=15)
ALLOWANCES = {
    "pair": Allowance(FREE_FAILURES, MAX_LOCK),
    "addr": Allowance(20, MAX_LOCK),
    "user": Allowance(20, timedelta(minutes=1)),
}


def throttle_keys(username: str, client_address: str) -> tuple[str, str, str]:
    """The account-and-source, source and account keys of a login attempt."""
    name = username.lower()[:64]
    return (
        f"pair:{name}|{client_address}"[:200],
        f"addr:{client_address}"[:200],
        f"user:{name}"[:200],
    )


def _allowance(key: str) -> Allowance:
    return ALLOWANCES[key.split(":", 1)[0]]


def _locked_rows(
    session: Session, keys: tuple[str, ...], now: datetime
) -> list[LoginThrottle]:
    """The keys' rows, created if missing, locked until the transaction ends."""
    values = [{"key": key, "failures": 0, "last_failure_at": now} for key in keys]
    insert = (
        postgresql_insert
        if session.get_bind().dialect.name == "postgresql"
        else sqlite_insert
    )
    session.execute(insert(LoginThrottle).values(values).on_conflict_do_nothing())
    statement = (
        select(LoginThrottle)
        .where(LoginThrottle.key.in_(keys))
        .order_by(LoginThrottle.key)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return list(session.execute(statement).scalars())


def charge_attempt(session: Session, keys: tuple[str, ...], now: datetime) -> int:
    """Count an attempt against every key, unless one is locked.

    Returns:
        0 when the attempt may go on (and was charged); else the seconds until
        every key may try again (nothing charged).
    """
    rows = _locked_rows(session, keys, now)
    wait = 0.0
    for row in rows:
        if row.locked_until is not None and row.locked_until > now:
            wait = max(wait, (row.locked_until - now).total_seconds())
    if wait:
        return max(math.ceil(wait), 1)
    for row in rows:
        if now - row.last_failure_at > FORGET_AFTER:
            row.failures = 0
        row.failures += 1
        row.last_failure_at = now
        allowance = _allowance(row.key)
        if row.failures >= allowance.free_failures:
            exponent = min(row.failures - allowance.free_failures, 20)
            lock = min(timedelta(seconds=2**exponent), allowance.max_lock)
            row.locked_until = now + lock
    return 0


def refund_attempt(session: Session, keys: tuple[str, ...], now: datetime) -> None:
    """After a correct password: forget the account's failures, refund the source."""
    pair_key, addr_key, user_key = keys
    session.execute(
        delete(LoginThrottle).where(LoginThrottle.key.in_((pair_key, user_key)))
    )
    for row in _locked_rows(session, (addr_key,), now):
        row.failures = max(row.failures - 1, 0)
        if row.failures < _allowance(row.key).free_failures:
            row.locked_until = None
