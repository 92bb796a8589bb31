"""A program request's first statement: the token's principal and its role at once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from surgeplan.store.accounts import (
    Principal,
    authenticate,
    issue_tokens,
    make_password_hasher,
)
from surgeplan.store.database import Database
from surgeplan.store.engine import make_engine
from surgeplan.store.programs import create_program
from surgeplan.store.scope import authenticate_in_program
from surgeplan.store.tables import User
from surgeplan.store.users import add_user

NOW = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    database = Database(make_engine(database_url))
    yield database
    database.dispose()


def signed_in(database: Database, name: str, *, is_superadmin: bool) -> str:
    with database.write() as session:
        user = add_user(
            session,
            name,
            "correct horse battery",
            is_superadmin=is_superadmin,
            hasher=make_password_hasher(fast=True),
            now=NOW,
        )
        found = session.get(User, user.id)
        assert found is not None
        return issue_tokens(session, found, NOW, HOUR, HOUR).access_token


def principal(database: Database, token: str) -> Principal:
    with database.read() as session:
        found = authenticate(session, token, NOW)
    assert found is not None
    return found


def test_a_member_gets_the_principal_and_the_role_in_one_statement(
    database: Database,
) -> None:
    admin_token = signed_in(database, "ada", is_superadmin=True)
    outsider_token = signed_in(database, "otto", is_superadmin=False)
    with database.write() as session:
        program = create_program(
            session, principal(database, admin_token), "Alpha", "", NOW
        ).id

    with database.read() as session:
        admin, admin_role = authenticate_in_program(session, admin_token, program, NOW)
        outsider, outsider_role = authenticate_in_program(
            session, outsider_token, program, NOW
        )
        nobody, nobody_role = authenticate_in_program(session, "spa_nope", program, NOW)
        expired, _ = authenticate_in_program(
            session, admin_token, program, NOW + 2 * HOUR
        )

    assert admin == principal(database, admin_token)
    assert admin_role == "admin"
    assert outsider == principal(database, outsider_token)
    assert outsider_role is None
    assert (nobody, nobody_role) == (None, None)
    assert expired is None
