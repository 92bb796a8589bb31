"""Login throttling per account and per client address.

After `FREE_FAILURES` failures in a row a key is locked for 1 s, then 2 s, 4 s, …
up to `MAX_LOCK`; a success clears the account's key. A key that has not failed
for `FORGET_AFTER` starts afresh. Unknown user names are throttled like real ones.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from surgeplan.store.tables import LoginThrottle

FREE_FAILURES = 5
MAX_LOCK = timedelta(minutes=15)
FORGET_AFTER = timedelta(hours=1)


def throttle_keys(username: str, client_address: str) -> tuple[str, str]:
    """The account key and the address key of a login attempt."""
    return f"user:{username.lower()}"[:200], f"addr:{client_address}"[:200]


def seconds_locked(session: Session, keys: tuple[str, ...], now: datetime) -> int:
    """How long until every key may try again (0: now)."""
    rows = session.execute(
        select(LoginThrottle).where(LoginThrottle.key.in_(keys))
    ).scalars()
    wait = 0.0
    for row in rows:
        if row.locked_until is not None and row.locked_until > now:
            wait = max(wait, (row.locked_until - now).total_seconds())
    return math.ceil(wait)


def record_failure(session: Session, keys: tuple[str, ...], now: datetime) -> None:
    """Count a failure against each key, locking those over the free allowance."""
    for key in keys:
        row = session.get(LoginThrottle, key)
        if row is None:
            row = LoginThrottle(key=key, failures=0, last_failure_at=now)
            session.add(row)
        elif now - row.last_failure_at > FORGET_AFTER:
            row.failures = 0
        row.failures += 1
        row.last_failure_at = now
        if row.failures >= FREE_FAILURES:
            exponent = min(row.failures - FREE_FAILURES, 20)
            lock = min(timedelta(seconds=2**exponent), MAX_LOCK)
            row.locked_until = now + lock


def clear(session: Session, key: str) -> None:
    """Forget a key's failures (after a successful login)."""
    session.execute(delete(LoginThrottle).where(LoginThrottle.key == key))
