import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from threading import Barrier

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from surgeplan.store.accounts import (
    Refresh,
    RefreshOutcome,
    authenticate,
    issue_tokens,
    make_password_hasher,
    refresh_tokens,
    revoke_session,
)
from surgeplan.store.database import Database
from surgeplan.store.engine import database_url, make_engine
from surgeplan.store.migrate import (
    HEAD_REVISION,
    UnmigratedDatabaseError,
    require_migrated,
    script_head,
)
from surgeplan.store.redaction import is_money_key, redact_costs
from surgeplan.store.tables import Base, User
from surgeplan.store.users import add_user, set_disabled

NOW = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)
MINUTES_15 = timedelta(minutes=15)
HOURS_12 = timedelta(hours=12)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    database = Database(make_engine(database_url))
    yield database
    database.dispose()


def add(database: Database, name: str = "alice", superadmin: bool = False) -> User:
    with database.write() as session:
        return add_user(
            session,
            name,
            "correct horse battery",
            is_superadmin=superadmin,
            hasher=make_password_hasher(fast=True),
            now=NOW,
        )


def test_the_packaged_head_is_the_one_serve_checks() -> None:
    assert script_head() == HEAD_REVISION


def test_migrations_create_exactly_the_tables_of_the_code(database: Database) -> None:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_an_unmigrated_database_is_refused_with_the_command_to_run(
    tmp_path: Path,
) -> None:
    engine = make_engine(database_url(str(tmp_path / "empty.db")))
    with pytest.raises(UnmigratedDatabaseError, match="surgeplan db upgrade --db x"):
        require_migrated(engine, "x")


def test_postgresql_urls_use_psycopg_3() -> None:
    url = database_url("postgresql://planner@db.example/surgeplan")
    assert url.drivername == "postgresql+psycopg"


def test_sqlite_runs_in_wal_with_full_sync_and_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(database_url(str(tmp_path / "x.db")))
    with engine.connect() as connection:
        pragmas = [
            connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys")
        ]
    assert pragmas == ["wal", 2, 1]


def test_there_is_no_default_account(database: Database) -> None:
    with database.read() as session:
        assert session.query(User).count() == 0


def test_passwords_are_stored_as_argon2id(database: Database) -> None:
    user = add(database)
    assert user.password_hash.startswith("$argon2id$")


def test_an_access_token_expires_after_its_lifetime(database: Database) -> None:
    user = add(database)
    with database.write() as session:
        pair = issue_tokens(session, user, NOW, MINUTES_15, HOURS_12)
    with database.read() as session:
        assert authenticate(session, pair.access_token, NOW + timedelta(minutes=14))
        assert authenticate(session, pair.access_token, NOW + MINUTES_15) is None


def test_a_refresh_token_works_once_and_its_reuse_ends_the_session(
    database: Database,
) -> None:
    user = add(database)
    with database.write() as session:
        pair = issue_tokens(session, user, NOW, MINUTES_15, HOURS_12)
    with database.write() as session:
        second = refresh_tokens(session, pair.refresh_token, NOW, MINUTES_15, HOURS_12)
    assert second.outcome is RefreshOutcome.RENEWED
    assert second.pair is not None
    with database.write() as session:
        again = refresh_tokens(session, pair.refresh_token, NOW, MINUTES_15, HOURS_12)
    assert again.outcome is RefreshOutcome.REUSED
    assert again.pair is None
    with database.read() as session:
        assert authenticate(session, second.pair.access_token, NOW) is None


def test_concurrent_reuse_of_a_refresh_token_renews_once_and_ends_the_session(
    database: Database,
) -> None:
    user = add(database)
    for _ in range(5):
        with database.write() as session:
            pair = issue_tokens(session, user, NOW, MINUTES_15, HOURS_12)
        start = threading.Barrier(6)

        def spend(raw: str = pair.refresh_token, start: Barrier = start) -> Refresh:
            start.wait(timeout=10)
            with database.write() as session:
                return refresh_tokens(session, raw, NOW, MINUTES_15, HOURS_12)

        with ThreadPoolExecutor(max_workers=6) as pool:
            refreshes = list(pool.map(lambda _: spend(), range(6)))
        renewed = [r for r in refreshes if r.outcome is RefreshOutcome.RENEWED]
        assert len(renewed) == 1
        renewed_pair = renewed[0].pair
        assert renewed_pair is not None
        with database.read() as session:
            assert authenticate(session, renewed_pair.access_token, NOW) is None
            assert (
                refresh_tokens(
                    session, renewed_pair.refresh_token, NOW, MINUTES_15, HOURS_12
                ).pair
                is None
            )


def test_logout_and_disabling_stop_tokens_at_once(database: Database) -> None:
    user = add(database)
    with database.write() as session:
        first = issue_tokens(session, user, NOW, MINUTES_15, HOURS_12)
        second = issue_tokens(session, user, NOW, MINUTES_15, HOURS_12)
    with database.write() as session:
        principal = authenticate(session, first.access_token, NOW)
        assert principal is not None
        revoke_session(session, principal.session_id, NOW)

    with database.write() as session:
        assert authenticate(session, first.access_token, NOW) is None
        assert authenticate(session, second.access_token, NOW) is not None
        set_disabled(session, "alice", disabled=True, now=NOW)
    with database.read() as session:
        assert authenticate(session, second.access_token, NOW) is None


@pytest.mark.parametrize(
    ("key", "is_money"),
    [
        ("unit_cost", True),
        ("hourly_cost", True),
        ("capex", True),
        ("npv", True),
        ("contract_unit_price", True),
        ("discount_rate", True),
        ("economics", True),
        ("grossMargin", True),
        ("totalCost", True),
        ("stations", False),
        ("efficiency", False),
        ("europe_site", False),
        ("name", False),
        ("headcount", False),
    ],
)
def test_the_cost_rule_names_money_keys(key: str, is_money: bool) -> None:
    assert is_money_key(key) is is_money


def test_redaction_removes_money_keys_at_every_depth() -> None:
    data = {
        "sites": [{"id": "plant", "fixed_cost_per_week": 5, "x": {"npv": 1}}],
        "economics": {"discount_rate": 0.08},
        "total_cost_eur": 9,
    }
    assert redact_costs(data) == {"sites": [{"id": "plant", "x": {}}]}
