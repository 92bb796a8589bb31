import os
import stat
from pathlib import Path

from sqlalchemy import text

from surgeplan.store.engine import make_engine
from surgeplan.store.migrate import upgrade


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_sqlite_database_and_its_wal_files_are_private(tmp_path: Path) -> None:
    path = tmp_path / "surgeplan.db"
    old_umask = os.umask(0o022)
    try:
        engine = make_engine(f"sqlite:///{path}")
        upgrade(engine)
        with engine.connect() as connection:
            connection.execute(text("SELECT count(*) FROM users"))
            companions = [
                tmp_path / ("surgeplan.db" + suffix) for suffix in ("-wal", "-shm")
            ]
            assert all(p.exists() for p in companions)
            assert {mode(p) for p in [path, *companions]} == {0o600}
        engine.dispose()
    finally:
        os.umask(old_umask)


def test_an_existing_database_readable_by_others_is_made_private(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    path.chmod(0o644)

    make_engine(f"sqlite:///{path}").dispose()

    assert mode(path) == 0o600
