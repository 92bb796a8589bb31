"""The mandatory program filter: a caller's view of one program.

`ProgramScope.open` is the only way to reach a program's objects: it finds the
caller's membership (an API token also names its program) and fails with "not found"
for anyone else, so a non-member cannot tell whether the program exists. Every
repository takes a scope and filters every query by `scope.program_id`; no role
bypasses it, not even the superadmin flag.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from surgeplan.i18n import N_
from surgeplan.store.accounts import (
    PRINCIPAL_OF_TOKEN,
    Principal,
    principal_of,
    token_hash,
)
from surgeplan.store.audit import AuditEvent, DetailValue, append
from surgeplan.store.errors import MissingRoleError, NotFoundError
from surgeplan.store.redaction import redact_costs, visible_result
from surgeplan.store.roles import Permission, Role, allows, narrower_role
from surgeplan.store.tables import Membership, User


def program_not_found(program_id: int) -> NotFoundError:
    """The one answer for a program that does not exist or is not the caller's."""
    return NotFoundError(N_("there is no program {program_id}"), program_id=program_id)


# Built once: every program request runs it (see `accounts.PRINCIPAL_OF_TOKEN`).
_ROLE_OF_MEMBER = select(Membership.role).where(
    Membership.program_id == bindparam("program_id"),
    Membership.user_id == bindparam("user_id"),
)


# A program request's first read: the token's principal and its role in the program
# in one statement (one round trip to PostgreSQL instead of two).
_PRINCIPAL_AND_ROLE = PRINCIPAL_OF_TOKEN.add_columns(
    Membership.role.label("member_role")
).outerjoin(
    Membership,
    (Membership.user_id == User.id)
    & (Membership.program_id == bindparam("program_id")),
)


def authenticate_in_program(
    session: Session, raw: str, program_id: int, now: datetime
) -> tuple[Principal | None, str | None]:
    """The token's principal (None if it may not act) and its role in the program."""
    row = session.execute(
        _PRINCIPAL_AND_ROLE, {"token_hash": token_hash(raw), "program_id": program_id}
    ).one_or_none()
    if row is None:
        return None, None
    return principal_of(row, now), row.member_role


class ProgramScope:
    """A caller, one program they belong to, their role in it, and the transaction."""

    def __init__(
        self,
        session: Session,
        principal: Principal,
        program_id: int,
        role: Role,
        now: datetime,
    ) -> None:
        self.session = session
        self.principal = principal
        self.program_id = program_id
        self.role = role
        self.now = now

    @classmethod
    def open(
        cls, session: Session, principal: Principal, program_id: int, now: datetime
    ) -> ProgramScope:
        """The caller's scope in a program.

        Raises:
            NotFoundError: the caller is not a member (or the program does not exist).
        """
        role_name = session.execute(
            _ROLE_OF_MEMBER, {"program_id": program_id, "user_id": principal.user_id}
        ).scalar_one_or_none()
        return cls.of_member(session, principal, program_id, role_name, now)

    @classmethod
    def of_member(
        cls,
        session: Session,
        principal: Principal,
        program_id: int,
        role_name: str | None,
        now: datetime,
    ) -> ProgramScope:
        """The scope of a caller whose membership role was read with the token.

        Raises:
            NotFoundError: the caller is not a member (or the program does not exist).
        """
        if (
            principal.token_program_id is not None
            and principal.token_program_id != program_id
        ):
            raise program_not_found(program_id)
        if role_name is None:
            raise program_not_found(program_id)
        role = Role(role_name)
        if principal.token_role is not None:
            role = narrower_role(principal.token_role, role)
        return cls(session, principal, program_id, role, now)

    def allows(self, permission: Permission) -> bool:
        """Whether the caller's role grants the permission."""
        return allows(self.role, permission)

    def require(self, permission: Permission) -> None:
        """Stop unless the caller's role grants the permission.

        Raises:
            MissingRoleError: the caller is a member whose role does not allow it.
        """
        if not self.allows(permission):
            raise MissingRoleError(
                N_(
                    "your role in program {program_id} ({role}) does not allow this "
                    "({permission})"
                ),
                program_id=self.program_id,
                role=self.role.value,
                permission=permission.value,
            )

    @property
    def sees_costs(self) -> bool:
        """Whether cost figures are shown to the caller."""
        return self.allows(Permission.READ_COSTS)

    def visible(self, data: Any) -> Any:
        """Scenario data as the caller may see it (cost fields removed for viewers)."""
        return data if self.sees_costs else redact_costs(data)

    def visible_results(self, documents: dict[str, Any]) -> dict[str, Any]:
        """Run results as the caller may see them.

        Viewers get only the fields of known formats that reveal no money, and no
        document of an unknown format.
        """
        if self.sees_costs:
            return documents
        shown = {name: visible_result(doc) for name, doc in documents.items()}
        return {name: doc for name, doc in shown.items() if doc is not None}

    def record(
        self,
        action: str,
        object_type: str,
        object_id: str | int,
        *,
        version_hash: str = "",
        detail: dict[str, DetailValue] | None = None,
    ) -> None:
        """Add an audit entry for a change, in the same transaction."""
        append(
            self.session,
            AuditEvent(
                actor=self.principal.username,
                action=action,
                program_id=self.program_id,
                object_type=object_type,
                object_id=str(object_id),
                version_hash=version_hash,
                detail=detail or {},
            ),
            self.now,
        )
