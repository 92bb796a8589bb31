"""Logging in, refreshing and logging out, with throttling and audit.

Each attempt is charged to its throttle keys before the password is checked
(`store.throttle`), so concurrent guesses cannot all be checked; a success gives the
charge back. The password is checked outside any write transaction (argon2id is
slow on purpose; SQLite's write lock must not wait for it) and in one of the
service's few hashing slots, so that logins cannot exhaust memory.
"""

from __future__ import annotations

from functools import cached_property

from argon2 import PasswordHasher

from surgeplan.i18n import N_, gettext
from surgeplan.service.access import Service, unauthorized
from surgeplan.service.problems import ProblemError
from surgeplan.store.accounts import (
    Principal,
    RefreshOutcome,
    TokenPair,
    find_user,
    issue_tokens,
    make_password_hasher,
    refresh_tokens,
    revoke_session,
    verify_password,
)
from surgeplan.store.audit import AuditEvent, Outcome, append
from surgeplan.store.tables import User
from surgeplan.store.throttle import charge_attempt, refund_attempt, throttle_keys

# Beyond the service's hashing slots a login waits this long, then gets a 503.
HASHING_WAIT_S = 10.0
BAD_CREDENTIALS = N_("the user name or password is wrong, or the account is disabled")


def too_many_attempts(wait_s: int) -> ProblemError:
    """A 429 saying when to try again."""
    return ProblemError(
        429,
        N_("Too many requests"),
        gettext("too many failed logins: try again in %(wait)d s") % {"wait": wait_s},
        headers={"Retry-After": str(wait_s)},
    )


class LoginDesk:
    """Logs users in and out for one running service."""

    def __init__(self, running: Service) -> None:
        self.running = running
        self.hashing_slots = running.hashing_slots

    @cached_property
    def hasher(self) -> PasswordHasher:
        """The password hasher (cheap parameters only when the settings say so)."""
        return make_password_hasher(fast=self.running.settings.fast_password_hashing)

    def _audit(
        self, username: str, action: str, outcome: str, reason: str = ""
    ) -> AuditEvent:
        return AuditEvent(
            actor=username[:64],
            action=action,
            object_type="user",
            object_id=username[:64],
            outcome=outcome,
            detail={"reason": reason} if reason else {},
        )

    def login(self, username: str, password: str, client: str) -> TokenPair:
        """Tokens for a correct user name and password.

        Raises:
            ProblemError: 429 while throttled, 503 when too many passwords are being
                checked at once, 401 for wrong credentials.
        """
        database, settings = self.running.database, self.running.settings
        keys = throttle_keys(username, client)
        now = settings.clock()
        with database.write() as session:
            wait_s = charge_attempt(session, keys, now)
            if wait_s:
                event = self._audit(username, "auth.login", Outcome.DENIED, "throttled")
                append(session, event, now)
        if wait_s:
            raise too_many_attempts(wait_s)
        with database.read() as session:
            user = find_user(session, username)
        is_valid = self._check_password(user, password)
        now = settings.clock()
        with database.write() as session:
            if user is not None and is_valid and not user.is_disabled:
                refund_attempt(session, keys, now)
                pair = issue_tokens(
                    session, user, now, settings.access_ttl, settings.refresh_ttl
                )
                append(session, self._audit(username, "auth.login", Outcome.OK), now)
                return pair
            append(session, self._audit(username, "auth.login", Outcome.FAILED), now)
        raise unauthorized(gettext(BAD_CREDENTIALS))

    def _check_password(self, user: User | None, password: str) -> bool:
        """Whether the password is right, checked in one of the hashing slots.

        Each argon2id hash takes 64 MiB: concurrent logins must not multiply it.
        """
        if not self.hashing_slots.acquire(timeout=HASHING_WAIT_S):
            raise ProblemError(
                503,
                N_("Service busy"),
                gettext("too many logins at once: try again in a few seconds"),
                headers={"Retry-After": "2"},
            )
        try:
            return verify_password(self.hasher, user, password)
        finally:
            self.hashing_slots.release()

    def refresh(self, refresh_token: str) -> TokenPair:
        """A new token pair for a valid refresh token (which then stops working)."""
        database, settings = self.running.database, self.running.settings
        with database.write() as session:
            now = settings.clock()
            refresh = refresh_tokens(
                session, refresh_token, now, settings.access_ttl, settings.refresh_ttl
            )
            if refresh.outcome is not RefreshOutcome.UNKNOWN:
                # Who renewed a session is audited, and a replayed token above all.
                outcome = (
                    Outcome.OK
                    if refresh.outcome is RefreshOutcome.RENEWED
                    else Outcome.DENIED
                )
                reason = (
                    ""
                    if refresh.outcome is RefreshOutcome.RENEWED
                    else refresh.outcome.value
                )
                event = self._audit(refresh.username, "auth.refresh", outcome, reason)
                append(session, event, now)
        if refresh.pair is None:
            raise unauthorized(gettext("the refresh token is not valid: log in again"))
        return refresh.pair

    def logout(self, principal: Principal) -> None:
        """End the caller's login session."""
        now = self.running.settings.clock()
        with self.running.database.write() as session:
            revoke_session(session, principal.session_id, now)
            append(
                session, self._audit(principal.username, "auth.logout", Outcome.OK), now
            )
