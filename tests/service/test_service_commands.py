from pathlib import Path

import pytest
import typer
from sqlalchemy import text
from typer.testing import CliRunner, Result

from surgeplan.cli.service_commands import EXIT_TAMPERED, register
from surgeplan.store.engine import make_engine

app = typer.Typer()
register(app)
runner = CliRunner()


def invoke(*arguments: str, stdin: str | None = None) -> Result:
    return runner.invoke(app, list(arguments), input=stdin)


def test_serve_refuses_an_unmigrated_database_naming_the_command(
    tmp_path: Path,
) -> None:
    result = invoke("serve", "--db", str(tmp_path / "new.db"))
    assert result.exit_code == 2
    assert "surgeplan db upgrade" in result.output


def test_users_are_added_from_stdin_and_the_trail_verifies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    db = f"sqlite:///{tmp_path / 'x.db'}"
    assert invoke("db", "upgrade", "--db", db).exit_code == 0
    added = invoke(
        "user",
        "add",
        "alice",
        "--superadmin",
        "--password-stdin",
        "--db",
        db,
        stdin="correct horse battery\n",
    )
    assert added.exit_code == 0, added.output
    short = invoke(
        "user", "add", "bob", "--password-stdin", "--db", db, stdin="short\n"
    )
    assert short.exit_code == 2
    assert invoke("user", "disable", "alice", "--db", db).exit_code == 0
    verified = invoke("audit", "verify", "--db", db)
    assert verified.exit_code == 0, verified.output
    assert "intact: 2 rows" in verified.output


def test_audit_verify_names_the_tampered_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    db = f"sqlite:///{tmp_path / 'x.db'}"
    invoke("db", "upgrade", "--db", db)
    for name in ("alice", "bobby", "carol"):
        invoke(
            "user",
            "add",
            name,
            "--password-stdin",
            "--db",
            db,
            stdin="correct horse battery\n",
        )
    engine = make_engine(db)
    with engine.begin() as connection:
        connection.execute(text("DROP TRIGGER audit_log_no_update"))
        connection.execute(text("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2"))
    engine.dispose()
    result = invoke("audit", "verify", "--db", db)
    assert result.exit_code == EXIT_TAMPERED
    assert "row 2" in result.output


def test_audit_verify_refuses_a_deleted_checkpoint_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    db = f"sqlite:///{tmp_path / 'x.db'}"
    invoke("db", "upgrade", "--db", db)
    invoke(
        "user",
        "add",
        "alice",
        "--password-stdin",
        "--db",
        db,
        stdin="correct horse battery\n",
    )
    assert invoke("audit", "verify", "--db", db).exit_code == 0
    (tmp_path / "x.db.audit-checkpoints").unlink()

    result = invoke("audit", "verify", "--db", db)

    assert result.exit_code == EXIT_TAMPERED
    assert "checkpoint file" in result.output
    assert (tmp_path / "x.db.audit-key").stat().st_mode & 0o777 == 0o600
