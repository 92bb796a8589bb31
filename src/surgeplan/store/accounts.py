"""Local accounts: argon2id password hashes, bearer tokens and API tokens.

Tokens are random strings shown once; the database keeps only their SHA-256, and
every request looks its token up again, so logging out, disabling a user or revoking
a token takes effect at once.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Row, bindparam, select, update
from sqlalchemy.orm import Session

from surgeplan.store.errors import StoreError
from surgeplan.store.roles import Role
from surgeplan.store.tables import Token, User

USERNAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$"
MIN_PASSWORD_LENGTH = 12


class TokenKind(StrEnum):
    """What a token is for."""

    ACCESS = "access"
    REFRESH = "refresh"
    API = "api"


TOKEN_PREFIX = {
    TokenKind.ACCESS: "spa_",
    TokenKind.REFRESH: "spr_",
    TokenKind.API: "spk_",
}


class AccountError(StoreError, ValueError):
    """A user name or password that cannot be accepted."""


def make_password_hasher(*, fast: bool = False) -> PasswordHasher:
    """argon2id with the library's defaults; `fast` is for tests only."""
    if fast:
        return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    return PasswordHasher()


def token_hash(raw: str) -> str:
    """SHA-256 of a token: what the database stores."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def new_token(kind: TokenKind) -> str:
    """A fresh random token with a prefix saying its kind."""
    return TOKEN_PREFIX[kind] + secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Principal:
    """The caller of a request, as its token says."""

    user_id: int
    username: str
    is_superadmin: bool
    token_kind: TokenKind
    session_id: str
    token_program_id: int | None = None
    token_role: Role | None = None
    language: str | None = None
    """The dashboard language the person chose ("en", "fr"); None: not chosen."""


@dataclass(frozen=True)
class TokenPair:
    """What a login or refresh returns."""

    access_token: str
    refresh_token: str
    expires_in_s: int


class RefreshOutcome(StrEnum):
    """How a refresh ended."""

    RENEWED = "renewed"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    REUSED = "reused"


@dataclass(frozen=True)
class Refresh:
    """A refresh's outcome, the account it was for (if known) and the new pair."""

    outcome: RefreshOutcome
    username: str = ""
    pair: TokenPair | None = None


def check_password_strength(password: str) -> None:
    """Refuse short passwords (length matters more than character classes)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            f"the password needs at least {MIN_PASSWORD_LENGTH} characters"
        )


def find_user(session: Session, username: str) -> User | None:
    """The account with this name, if any."""
    return session.execute(
        select(User).where(User.username == username)
    ).scalar_one_or_none()


def verify_password(hasher: PasswordHasher, user: User | None, password: str) -> bool:
    """Whether the password is the user's; as slow for unknown users as for known."""
    if user is None:
        hasher.hash(password)
        return False
    try:
        return bool(hasher.verify(user.password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def issue_tokens(
    session: Session,
    user: User,
    now: datetime,
    access_ttl: timedelta,
    refresh_ttl: timedelta,
    session_id: str | None = None,
) -> TokenPair:
    """A new access and refresh token in one login session."""
    session_id = session_id or secrets.token_hex(16)
    access, refresh = new_token(TokenKind.ACCESS), new_token(TokenKind.REFRESH)
    for raw, kind, ttl in (
        (access, TokenKind.ACCESS, access_ttl),
        (refresh, TokenKind.REFRESH, refresh_ttl),
    ):
        session.add(
            Token(
                token_hash=token_hash(raw),
                kind=kind.value,
                user_id=user.id,
                session_id=session_id,
                name="",
                created_at=now,
                expires_at=now + ttl,
            )
        )
    return TokenPair(access, refresh, int(access_ttl.total_seconds()))


# Built once, at import: every request runs it, and SQLAlchemy computing the
# cache key of a freshly built select costs more than the query itself (a third
# of a millisecond against a tenth, measured in benchmarks/RESULTS.md).
PRINCIPAL_OF_TOKEN = (
    select(
        Token.kind,
        Token.revoked_at,
        Token.expires_at,
        Token.session_id,
        Token.program_id,
        Token.role,
        User.id,
        User.username,
        User.is_superadmin,
        User.is_disabled,
        User.language,
    )
    .join(User, User.id == Token.user_id)
    .where(Token.token_hash == bindparam("token_hash"))
)


def authenticate(session: Session, raw: str, now: datetime) -> Principal | None:
    """The principal of a valid access or API token, or None."""
    row = session.execute(
        PRINCIPAL_OF_TOKEN, {"token_hash": token_hash(raw)}
    ).one_or_none()
    return None if row is None else principal_of(row, now)


def principal_of(row: Row[*tuple[Any, ...]], now: datetime) -> Principal | None:
    """The principal of a `PRINCIPAL_OF_TOKEN` row, or None if it may not act."""
    if (
        row.kind == TokenKind.REFRESH
        or row.revoked_at is not None
        or row.expires_at <= now
        or row.is_disabled
    ):
        return None
    return Principal(
        user_id=row.id,
        username=row.username,
        is_superadmin=row.is_superadmin,
        token_kind=TokenKind(row.kind),
        session_id=row.session_id,
        token_program_id=row.program_id,
        token_role=Role(row.role) if row.role else None,
        language=row.language,
    )


def refresh_tokens(
    session: Session,
    raw: str,
    now: datetime,
    access_ttl: timedelta,
    refresh_ttl: timedelta,
) -> Refresh:
    """Trade a refresh token for a new pair; a reused one ends its whole session.

    The token is spent by one conditional UPDATE (`revoked_at IS NULL`), not by a
    read then a write: of concurrent refreshes exactly one changes the row, and on
    PostgreSQL the others wait for its commit, find the token spent and end the
    session, including the pair the winner was just given.
    """
    row = session.execute(
        select(Token, User)
        .join(User, User.id == Token.user_id)
        .where(Token.token_hash == token_hash(raw), Token.kind == TokenKind.REFRESH)
    ).one_or_none()
    if row is None:
        return Refresh(RefreshOutcome.UNKNOWN)
    token, user = row
    if token.expires_at <= now or user.is_disabled:
        return Refresh(RefreshOutcome.EXPIRED, user.username)
    spent = session.execute(
        update(Token)
        .where(Token.id == token.id, Token.revoked_at.is_(None))
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )
    if spent.rowcount != 1:  # type: ignore[attr-defined]
        # A refresh token used twice was stolen or replayed: end the session.
        revoke_session(session, token.session_id, now)
        return Refresh(RefreshOutcome.REUSED, user.username)
    session.execute(
        update(Token)
        .where(Token.session_id == token.session_id, Token.kind == TokenKind.ACCESS)
        .where(Token.revoked_at.is_(None))
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )
    pair = issue_tokens(session, user, now, access_ttl, refresh_ttl, token.session_id)
    return Refresh(RefreshOutcome.RENEWED, user.username, pair)


def revoke_session(session: Session, session_id: str, now: datetime) -> None:
    """End a login session: its access and refresh tokens stop working."""
    session.execute(
        update(Token)
        .where(Token.session_id == session_id, Token.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def revoke_user_tokens(session: Session, user_id: int, now: datetime) -> None:
    """Every token of a user stops working (password reset, disabling)."""
    session.execute(
        update(Token)
        .where(Token.user_id == user_id, Token.revoked_at.is_(None))
        .values(revoked_at=now)
    )
