"""Apply the packaged Alembic migrations, and check a database is up to date.

No alembic.ini is needed: the script location is this package's `migrations` folder.
Checking is plain SQL against `alembic_version`, so that `serve` starts without
importing Alembic.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text

from surgeplan.store.errors import StoreError

HEAD_REVISION = "0004"
MIGRATIONS_FOLDER = Path(__file__).with_name("migrations")


class UnmigratedDatabaseError(StoreError):
    """The database lacks tables or has an older schema: run `surgeplan db upgrade`."""


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to `revision` (the newest by default)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_FOLDER))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def script_head() -> str:
    """The newest revision among the packaged migration scripts."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_FOLDER))
    head = ScriptDirectory.from_config(config).get_current_head()
    return head or ""


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None when it was never migrated."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(
            text("SELECT version_num FROM alembic_version")
        ).scalar_one_or_none()


def require_migrated(engine: Engine, db_argument: str) -> None:
    """Refuse a database that is not at the newest revision.

    Raises:
        UnmigratedDatabaseError: with the command that fixes it.
    """
    revision = current_revision(engine)
    if revision == HEAD_REVISION:
        return
    state = "has no tables" if revision is None else f"is at revision {revision}"
    target = f" --db {db_argument}" if db_argument else ""
    raise UnmigratedDatabaseError(
        f"the database {state}, this version needs {HEAD_REVISION}: "
        f"run `surgeplan db upgrade{target}` first"
    )
