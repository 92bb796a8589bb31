"""Every store and API test runs on SQLite and on PostgreSQL.

`database_url` is parametrized over both. PostgreSQL comes from a throwaway cluster
(scripts/start-test-postgres.sh) started once per test process; each test gets a
fresh database copied from a migrated template. Without PostgreSQL binaries the
PostgreSQL half is skipped with the reason, except under CI=true, where it fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from surgeplan.store.engine import make_engine
from surgeplan.store.migrate import upgrade

REPOSITORY = Path(__file__).resolve().parents[2]
START_SCRIPT = REPOSITORY / "scripts" / "start-test-postgres.sh"
BACKENDS = ("sqlite", "postgresql")
TEMPLATE = "surgeplan_template"


def unavailable(reason: str) -> None:
    """Skip, or fail under CI, where PostgreSQL must be tested."""
    message = f"PostgreSQL tests need a server: {reason}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


class PostgresCluster:
    """A running throwaway cluster and its fresh databases."""

    def __init__(self) -> None:
        completed = subprocess.run(
            ["bash", str(START_SCRIPT), "start"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if completed.returncode != 0:
            raise RuntimeError(completed.stderr.strip() or "the cluster did not start")
        self.url, folder = completed.stdout.split()
        self.folder = folder
        self.has_template = False

    def admin_url(self) -> str:
        return self.url

    def url_of(self, name: str) -> str:
        return self.url.rsplit("/", 1)[0] + "/" + name

    def _execute(self, statement: str) -> None:
        with psycopg.connect(self.url, autocommit=True) as connection:
            connection.execute(statement)

    def fresh_database(self) -> str:
        if not self.has_template:
            self._execute(f"CREATE DATABASE {TEMPLATE}")
            engine = make_engine(self.url_of(TEMPLATE))
            upgrade(engine)
            engine.dispose()
            self.has_template = True
        name = "t_" + uuid.uuid4().hex[:16]
        self._execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE} STRATEGY FILE_COPY")
        return self.url_of(name)

    def stop(self) -> None:
        # On a loaded machine removing the cluster's many test databases can outlast
        # any fixed wait; a cluster told to stop and left in /tmp fails no test.
        try:
            subprocess.run(
                ["bash", str(START_SCRIPT), "stop", self.folder],
                check=False,
                timeout=300,
            )
        except subprocess.TimeoutExpired:
            warnings.warn(
                f"the test PostgreSQL cluster in {self.folder} took over 300 s to "
                "stop; remove the folder by hand",
                stacklevel=1,
            )


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster | str]:
    """The session's cluster, or the reason there is none."""
    try:
        cluster = PostgresCluster()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
        yield str(error)
        return
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file to copy."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


def fresh_url(
    backend: str,
    tmp_path: Path,
    postgres_cluster: PostgresCluster | str,
    sqlite_template: Path,
) -> str:
    """A new, migrated database of the backend."""
    if backend == "sqlite":
        target = tmp_path / "surgeplan.db"
        shutil.copyfile(sqlite_template, target)
        return f"sqlite:///{target}"
    if isinstance(postgres_cluster, str):
        unavailable(postgres_cluster)
        raise AssertionError("unreachable")
    return postgres_cluster.fresh_database()


@pytest.fixture(params=BACKENDS)
def database_url(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    postgres_cluster: PostgresCluster | str,
    sqlite_template: Path,
) -> str:
    """A fresh, migrated database, once on SQLite and once on PostgreSQL."""
    return fresh_url(request.param, tmp_path, postgres_cluster, sqlite_template)
