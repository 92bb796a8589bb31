"""Programs, their members and API tokens."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Response, status

from surgeplan.service.access import CallerDependency
from surgeplan.service.bodies import (
    ApiTokenCreate,
    Id,
    Limit,
    MemberAdd,
    MemberRole,
    Offset,
    ProgramCreate,
    ProgramUpdate,
)
from surgeplan.store.programs import ProgramRepository, create_program, my_programs
from surgeplan.store.records import (
    ApiTokenRecord,
    MemberRecord,
    NewApiToken,
    Page,
    ProgramRecord,
)

router = APIRouter(tags=["programs"])
IfMatch = Annotated[str | None, Header(max_length=500)]


@router.get("/programs")
def list_programs(
    access: CallerDependency, limit: Limit = 50, offset: Offset = 0
) -> Page[ProgramRecord]:
    """The programs the caller belongs to."""
    with access.session() as session:
        return my_programs(session, access.principal, limit, offset)


@router.post("/programs", status_code=status.HTTP_201_CREATED)
def add_program(body: ProgramCreate, access: CallerDependency) -> ProgramRecord:
    """Create a program (superadmins only); the creator becomes its admin."""
    with access.session(write=True) as session:
        return create_program(
            session, access.principal, body.name, body.description, access.now()
        )


@router.get("/programs/{program_id}")
def get_program(
    program_id: Id, access: CallerDependency, response: Response
) -> ProgramRecord:
    """A program, with the caller's role in it."""
    with access.program(program_id) as scope:
        record = ProgramRepository(scope).get()
    response.headers["ETag"] = record.etag
    return record


@router.patch("/programs/{program_id}")
def update_program(
    program_id: Id,
    body: ProgramUpdate,
    access: CallerDependency,
    response: Response,
    if_match: IfMatch = None,
) -> ProgramRecord:
    """Rename or describe a program (admins; If-Match required)."""
    with access.program(program_id, write=True) as scope:
        record = ProgramRepository(scope).update(if_match, body.name, body.description)
    response.headers["ETag"] = record.etag
    return record


@router.get("/programs/{program_id}/members")
def list_members(
    program_id: Id, access: CallerDependency, limit: Limit = 50, offset: Offset = 0
) -> Page[MemberRecord]:
    """The program's members and roles."""
    with access.program(program_id) as scope:
        return ProgramRepository(scope).members(limit, offset)


@router.post("/programs/{program_id}/members", status_code=status.HTTP_201_CREATED)
def add_member(
    program_id: Id, body: MemberAdd, access: CallerDependency
) -> MemberRecord:
    """Give an account a role in the program (admins)."""
    with access.program(program_id, write=True) as scope:
        return ProgramRepository(scope).add_member(body.username, body.role)


@router.put("/programs/{program_id}/members/{user_id}")
def change_member(
    program_id: Id, user_id: Id, body: MemberRole, access: CallerDependency
) -> MemberRecord:
    """Change a member's role (admins)."""
    with access.program(program_id, write=True) as scope:
        return ProgramRepository(scope).change_role(user_id, body.role)


@router.delete(
    "/programs/{program_id}/members/{user_id}", status_code=status.HTTP_204_NO_CONTENT
)
def remove_member(program_id: Id, user_id: Id, access: CallerDependency) -> None:
    """Take a member out of the program (admins)."""
    with access.program(program_id, write=True) as scope:
        ProgramRepository(scope).remove_member(user_id)


@router.get("/programs/{program_id}/api-tokens")
def list_api_tokens(program_id: Id, access: CallerDependency) -> list[ApiTokenRecord]:
    """The caller's API tokens for this program."""
    with access.program(program_id) as scope:
        return ProgramRepository(scope).api_tokens()


@router.post("/programs/{program_id}/api-tokens", status_code=status.HTTP_201_CREATED)
def add_api_token(
    program_id: Id, body: ApiTokenCreate, access: CallerDependency
) -> NewApiToken:
    """A token for scripts, bound to this program and a role no wider than the caller's.

    The secret is in this response only.
    """
    with access.program(program_id, write=True) as scope:
        return ProgramRepository(scope).create_api_token(
            body.name, body.role, body.days
        )


@router.delete(
    "/programs/{program_id}/api-tokens/{token_id}",
    status_code=status.HTTP_204_NO_CONTENT,
)
def revoke_api_token(program_id: Id, token_id: Id, access: CallerDependency) -> None:
    """Revoke one of the caller's API tokens."""
    with access.program(program_id, write=True) as scope:
        ProgramRepository(scope).revoke_api_token(token_id)
