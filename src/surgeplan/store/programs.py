"""Programs, their members and their API tokens.

Listing and creating programs are the only operations outside a program scope:
listing returns only the caller's memberships, and creating (superadmins only) makes
the creator the new program's admin.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, bindparam, func, select
from sqlalchemy.orm import Session

from surgeplan.i18n import N_
from surgeplan.store.accounts import (
    Principal,
    TokenKind,
    find_user,
    new_token,
    token_hash,
)
from surgeplan.store.audit import AuditEvent, append
from surgeplan.store.errors import ConflictError, MissingRoleError, NotFoundError
from surgeplan.store.records import (
    ApiTokenRecord,
    MemberRecord,
    NewApiToken,
    Page,
    ProgramRecord,
)
from surgeplan.store.roles import DELEGABLE_ROLES, Permission, Role
from surgeplan.store.scenarios import check_if_match
from surgeplan.store.scope import ProgramScope
from surgeplan.store.tables import Membership, Program, Token, User


def program_etag(row: Program) -> str:
    """The entity tag of a program's metadata."""
    return f'"program-{row.id}-r{row.revision}"'


def _program(row: Program, role: Role) -> ProgramRecord:
    return ProgramRecord(
        id=row.id,
        name=row.name,
        description=row.description,
        role=role,
        created_at=row.created_at,
        etag=program_etag(row),
    )


def my_programs(
    session: Session, principal: Principal, limit: int, offset: int
) -> Page[ProgramRecord]:
    """The programs the caller is a member of (an API token: its one program)."""
    where = [Membership.user_id == principal.user_id]
    if principal.token_program_id is not None:
        where.append(Membership.program_id == principal.token_program_id)
    total = session.execute(
        select(func.count()).select_from(Membership).where(*where)
    ).scalar_one()
    rows = session.execute(
        select(Program, Membership.role)
        .join(Membership, Membership.program_id == Program.id)
        .where(*where)
        .order_by(Program.created_at, Program.id)
        .limit(limit)
        .offset(offset)
    ).all()
    items = [_program(row, Role(role)) for row, role in rows]
    next_offset = offset + limit if offset + limit < total else None
    return Page(
        items=items, total=total, limit=limit, offset=offset, next_offset=next_offset
    )


def create_program(
    session: Session, principal: Principal, name: str, description: str, now: datetime
) -> ProgramRecord:
    """A new program with its creator as admin.

    Raises:
        MissingRoleError: the caller is not a superadmin (or uses an API token).
    """
    if not principal.is_superadmin or principal.token_kind is TokenKind.API:
        raise MissingRoleError(N_("only a superadmin may create programs"))
    row = Program(name=name, description=description, revision=1, created_at=now)
    session.add(row)
    session.flush()
    session.add(
        Membership(program_id=row.id, user_id=principal.user_id, role=Role.ADMIN)
    )
    append(
        session,
        AuditEvent(
            principal.username,
            "program.create",
            program_id=row.id,
            object_type="program",
            object_id=str(row.id),
            detail={"name": name},
        ),
        now,
    )
    return _program(row, Role.ADMIN)


# Built once: every program page reads it (see `accounts._PRINCIPAL_OF_TOKEN`).
_PROGRAM = select(Program).where(Program.id == bindparam("program_id"))


class ProgramRepository:
    """A program's metadata, members and API tokens, inside one scope."""

    def __init__(self, scope: ProgramScope) -> None:
        self.scope = scope
        self.session: Session = scope.session

    def _row(self) -> Program:
        return self.session.execute(
            _PROGRAM, {"program_id": self.scope.program_id}
        ).scalar_one()

    def get(self) -> ProgramRecord:
        """The program, with the caller's role."""
        self.scope.require(Permission.READ)
        return _program(self._row(), self.scope.role)

    def update(
        self, if_match: str | None, name: str | None, description: str | None
    ) -> ProgramRecord:
        """Rename or describe the program (If-Match required)."""
        self.scope.require(Permission.EDIT_PROGRAM)
        row = self._row()
        check_if_match(if_match, program_etag(row))
        if name is not None:
            row.name = name
        if description is not None:
            row.description = description
        row.revision += 1
        self.scope.record("program.update", "program", row.id)
        return _program(row, self.scope.role)

    def members(self, limit: int, offset: int) -> Page[MemberRecord]:
        """Who belongs to the program."""
        self.scope.require(Permission.READ_MEMBERS)
        where = Membership.program_id == self.scope.program_id
        total = self.session.execute(
            select(func.count()).select_from(Membership).where(where)
        ).scalar_one()
        rows = self.session.execute(
            select(Membership, User.username)
            .join(User, User.id == Membership.user_id)
            .where(where)
            .order_by(User.username)
            .limit(limit)
            .offset(offset)
        ).all()
        items = [
            MemberRecord(user_id=m.user_id, username=name, role=Role(m.role))
            for m, name in rows
        ]
        next_offset = offset + limit if offset + limit < total else None
        return Page(
            items=items,
            total=total,
            limit=limit,
            offset=offset,
            next_offset=next_offset,
        )

    def _membership(self, user_id: int) -> Membership:
        row = self.session.execute(
            select(Membership).where(
                Membership.program_id == self.scope.program_id,
                Membership.user_id == user_id,
            )
        ).scalar_one_or_none()
        if row is None:
            raise NotFoundError(
                N_("user {user_id} is not a member of this program"), user_id=user_id
            )
        return row

    def add_member(self, username: str, role: Role) -> MemberRecord:
        """Give an existing account a role in the program."""
        self.scope.require(Permission.MANAGE_MEMBERS)
        user = find_user(self.session, username)
        if user is None or user.is_disabled:
            raise NotFoundError(
                N_("there is no active user '{username}'"), username=username
            )
        exists = self.session.execute(
            select(Membership.id).where(
                Membership.program_id == self.scope.program_id,
                Membership.user_id == user.id,
            )
        ).scalar_one_or_none()
        if exists is not None:
            raise ConflictError(
                N_("'{username}' is already a member; change their role"),
                username=username,
            )
        self.session.add(
            Membership(program_id=self.scope.program_id, user_id=user.id, role=role)
        )
        self.scope.record("member.add", "user", username, detail={"role": role.value})
        return MemberRecord(user_id=user.id, username=username, role=role)

    def change_role(self, user_id: int, role: Role) -> MemberRecord:
        """Give a member another role."""
        # The role first: who may not manage members must not learn who is one.
        self.scope.require(Permission.MANAGE_MEMBERS)
        row = self._membership(user_id)
        self._keep_an_admin(row, role)
        row.role = role
        username = self.session.get_one(User, user_id).username
        self.scope.record("member.role", "user", username, detail={"role": role.value})
        return MemberRecord(user_id=user_id, username=username, role=role)

    def remove_member(self, user_id: int) -> None:
        """Take a member out of the program (their API tokens for it stop working)."""
        self.scope.require(Permission.MANAGE_MEMBERS)
        row = self._membership(user_id)
        self._keep_an_admin(row, None)
        self.session.delete(row)
        username = self.session.get_one(User, user_id).username
        self.scope.record("member.remove", "user", username)

    def _keep_an_admin(self, row: Membership, new_role: Role | None) -> None:
        if row.role != Role.ADMIN or new_role == Role.ADMIN:
            return
        admins = self.session.execute(
            select(func.count())
            .select_from(Membership)
            .where(
                Membership.program_id == self.scope.program_id,
                Membership.role == Role.ADMIN,
            )
        ).scalar_one()
        if admins <= 1:
            raise ConflictError(N_("a program keeps at least one admin"))

    def create_api_token(self, name: str, role: Role, days: int) -> NewApiToken:
        """A token for scripts, bound to this program and a role within the caller's.

        Raises:
            MissingRoleError: the role exceeds the caller's, or the caller uses a token.
        """
        self.scope.require(Permission.READ)
        principal = self.scope.principal
        if principal.token_kind is TokenKind.API:
            raise MissingRoleError(N_("an API token cannot create tokens; log in"))
        if role not in DELEGABLE_ROLES[self.scope.role]:
            raise MissingRoleError(
                N_("a {role} cannot create a {token_role} token"),
                role=self.scope.role.value,
                token_role=role.value,
            )
        raw = new_token(TokenKind.API)
        row = Token(
            token_hash=token_hash(raw),
            kind=TokenKind.API.value,
            user_id=principal.user_id,
            session_id=f"api-{token_hash(raw)[:16]}",
            program_id=self.scope.program_id,
            role=role.value,
            name=name,
            created_at=self.scope.now,
            expires_at=self.scope.now + timedelta(days=days),
        )
        self.session.add(row)
        self.session.flush()
        self.scope.record(
            "api_token.create", "api_token", row.id, detail={"role": role.value}
        )
        return NewApiToken(**_token(row).model_dump(), token=raw)

    def _tokens_where(self) -> tuple[ColumnElement[bool], ...]:
        return (
            Token.program_id == self.scope.program_id,
            Token.user_id == self.scope.principal.user_id,
            Token.kind == TokenKind.API.value,
        )

    def api_tokens(self) -> list[ApiTokenRecord]:
        """The caller's API tokens for this program."""
        self.scope.require(Permission.READ)
        rows = self.session.execute(
            select(Token)
            .where(*self._tokens_where())
            .order_by(Token.created_at, Token.id)
        ).scalars()
        return [_token(row) for row in rows]

    def revoke_api_token(self, token_id: int) -> None:
        """Revoke one of the caller's API tokens."""
        self.scope.require(Permission.READ)
        row = self.session.execute(
            select(Token).where(Token.id == token_id, *self._tokens_where())
        ).scalar_one_or_none()
        if row is None:
            raise NotFoundError(
                N_("you have no API token {token_id} in this program"),
                token_id=token_id,
            )
        if row.revoked_at is None:
            row.revoked_at = self.scope.now
        self.scope.record("api_token.revoke", "api_token", token_id)


def _token(row: Token) -> ApiTokenRecord:
    return ApiTokenRecord(
        id=row.id,
        name=row.name,
        role=Role(row.role or Role.VIEWER),
        created_at=row.created_at,
        expires_at=row.expires_at,
        is_revoked=row.revoked_at is not None,
    )
