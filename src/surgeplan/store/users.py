"""Account administration, as the `surgeplan user` commands do it."""

from __future__ import annotations

import re
from datetime import datetime

from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from surgeplan.store.accounts import (
    USERNAME_PATTERN,
    AccountError,
    check_password_strength,
    find_user,
    revoke_user_tokens,
)
from surgeplan.store.audit import AuditEvent, append
from surgeplan.store.tables import User

CLI_ACTOR = "cli"


def add_user(
    session: Session,
    username: str,
    password: str,
    *,
    is_superadmin: bool,
    hasher: PasswordHasher,
    now: datetime,
) -> User:
    """Create an account.

    Raises:
        AccountError: a malformed or taken name, or a weak password.
    """
    if not re.fullmatch(USERNAME_PATTERN, username):
        raise AccountError(
            "a user name is 2-64 letters, digits, '.', '_', '@' or '-', starting "
            "with a letter or digit"
        )
    check_password_strength(password)
    if find_user(session, username) is not None:
        raise AccountError(f"the user '{username}' already exists")
    user = User(
        username=username,
        password_hash=hasher.hash(password),
        is_superadmin=is_superadmin,
        is_disabled=False,
        created_at=now,
    )
    session.add(user)
    session.flush()
    append(
        session,
        AuditEvent(
            CLI_ACTOR,
            "user.add",
            object_type="user",
            object_id=username,
            detail={"superadmin": is_superadmin},
        ),
        now,
    )
    return user


def _existing(session: Session, username: str) -> User:
    user = find_user(session, username)
    if user is None:
        raise AccountError(f"there is no user '{username}'")
    return user


def set_disabled(
    session: Session, username: str, *, disabled: bool, now: datetime
) -> None:
    """Disable (every token stops at once) or re-enable an account."""
    user = _existing(session, username)
    user.is_disabled = disabled
    if disabled:
        revoke_user_tokens(session, user.id, now)
    action = "user.disable" if disabled else "user.enable"
    append(
        session,
        AuditEvent(CLI_ACTOR, action, object_type="user", object_id=username),
        now,
    )


def reset_password(
    session: Session,
    username: str,
    password: str,
    *,
    hasher: PasswordHasher,
    now: datetime,
) -> None:
    """Set a new password and end every session of the account."""
    check_password_strength(password)
    user = _existing(session, username)
    user.password_hash = hasher.hash(password)
    revoke_user_tokens(session, user.id, now)
    append(
        session,
        AuditEvent(CLI_ACTOR, "user.reset", object_type="user", object_id=username),
        now,
    )


def set_language(
    session: Session, user_id: int, language: str | None, *, now: datetime
) -> None:
    """The dashboard language a person chose for themselves (None: the browser's).

    The caller checks `language` is one surgeplan speaks; the store keeps its code.
    """
    user = session.get(User, user_id)
    if user is None:
        raise AccountError("the account no longer exists")
    user.language = language
    append(
        session,
        AuditEvent(
            user.username,
            "user.language",
            object_type="user",
            object_id=user.username,
            detail={"language": language},
        ),
        now,
    )
