"""Each account's dashboard language: stored, cleared, audited, and migrated in place.

Migration 0004 adds the nullable `users.language` column; run down and up again on
a database that already holds an account (SQLite and PostgreSQL), the account
stays and reads "no choice".
"""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, select

from surgeplan.store.accounts import authenticate, issue_tokens, make_password_hasher
from surgeplan.store.database import Database
from surgeplan.store.engine import make_engine
from surgeplan.store.migrate import MIGRATIONS_FOLDER, current_revision, upgrade
from surgeplan.store.tables import AuditRow, User
from surgeplan.store.users import add_user, set_language

NOW = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    database = Database(make_engine(database_url))
    yield database
    database.dispose()


def add(database: Database, name: str = "claire") -> int:
    with database.write() as session:
        return add_user(
            session,
            name,
            "correct horse battery",
            is_superadmin=False,
            hasher=make_password_hasher(fast=True),
            now=NOW,
        ).id


def language_of(database: Database, user_id: int) -> str | None:
    with database.read() as session:
        user = session.get(User, user_id)
        assert user is not None
        return user.language


def test_a_new_account_has_no_language_of_its_own(database: Database) -> None:
    assert language_of(database, add(database)) is None


def test_a_chosen_language_is_kept_cleared_and_written_to_the_trail(
    database: Database,
) -> None:
    user_id = add(database)
    with database.write() as session:
        set_language(session, user_id, "fr", now=NOW)
    assert language_of(database, user_id) == "fr"
    with database.write() as session:
        set_language(session, user_id, None, now=NOW)
    assert language_of(database, user_id) is None
    with database.read() as session:
        actions = session.execute(
            select(AuditRow.action).where(AuditRow.action == "user.language")
        ).all()
    assert len(actions) == 2


def test_the_session_of_a_person_carries_their_language(database: Database) -> None:
    user_id = add(database)
    with database.write() as session:
        set_language(session, user_id, "fr", now=NOW)
        user = session.get(User, user_id)
        assert user is not None
        pair = issue_tokens(session, user, NOW, HOUR, HOUR)
    with database.read() as session:
        principal = authenticate(session, pair.access_token, NOW)
    assert principal is not None
    assert principal.language == "fr"


def _alembic(database: Database, action: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_FOLDER))
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, action)(config, revision)


def test_the_migration_runs_down_and_up_on_a_database_with_accounts(
    database: Database,
) -> None:
    user_id = add(database)
    with database.write() as session:
        set_language(session, user_id, "fr", now=NOW)
    _alembic(database, "downgrade", "0003")
    columns = {c["name"] for c in inspect(database.engine).get_columns("users")}
    assert "language" not in columns
    assert current_revision(database.engine) == "0003"
    upgrade(database.engine)
    columns = {c["name"] for c in inspect(database.engine).get_columns("users")}
    assert "language" in columns
    # The account is still there; its earlier choice went with the column.
    assert language_of(database, user_id) is None
