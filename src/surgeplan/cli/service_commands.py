"""Service commands: serve, db upgrade, user add/disable/reset, audit verify.

Passwords are read from a prompt or, with --password-stdin, from standard input;
never from the command line, where other users could see them.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

EXIT_INVALID_INPUT = 2
EXIT_TAMPERED = 4

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="sqlite:///path or postgresql://… (default: ./surgeplan.db)."
    ),
]
PasswordStdin = Annotated[
    bool,
    typer.Option("--password-stdin", help="Read the password from standard input."),
]
db_app = typer.Typer(help="The service database.", no_args_is_help=True)
user_app = typer.Typer(help="Service accounts.", no_args_is_help=True)
audit_app = typer.Typer(help="The audit trail.", no_args_is_help=True)


def _fail(message: str, code: int = EXIT_INVALID_INPUT) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    dev: Annotated[
        bool, typer.Option("--dev", help="Serve /docs and /openapi.json.")
    ] = False,
    workers: Annotated[
        int, typer.Option(help="Runs executed at once.", min=1, max=64)
    ] = 2,
    processes: Annotated[
        int | None,
        typer.Option(
            help="Server processes (one core each) on the port [default: one per "
            "core].",
            min=1,
            max=32,
            show_default=False,
        ),
    ] = None,
    forwarded_allow_ips: Annotated[
        str | None,
        typer.Option(help="Addresses of trusted reverse proxies (X-Forwarded-*)."),
    ] = None,
    no_access_log: Annotated[
        bool,
        typer.Option(
            "--no-access-log",
            help="No line per request on stderr (method, path, status, duration, "
            "user id).",
        ),
    ] = False,
    demo: Annotated[
        bool,
        typer.Option(
            "--demo",
            help="Serve a demo database (default ./surgeplan-demo.db): the drone "
            "program with its plan, odds, report and brief, and a demo account "
            "printed once. Also serves /docs.",
        ),
    ] = False,
    demo_scenario: Annotated[
        Path,
        typer.Option(help="The demo's scenario.", show_default=True),
    ] = Path("examples/uav-surge.yaml"),
    demo_results: Annotated[
        Path,
        typer.Option(
            help="`make demo`'s output folder, reused when made from that scenario.",
        ),
    ] = Path("out"),
) -> None:
    """Serve the team API (and dashboard) on http://HOST:PORT.

    Prints where it listens, then one line per request on stderr: method, path,
    status, duration and the caller's user id (never a token or a body). The
    database must be migrated first (`surgeplan db upgrade`); exit code 2 if not.

    Example: surgeplan serve --db postgresql://surgeplan@db/surgeplan --port 8000
    """
    from surgeplan.service.server import run_server
    from surgeplan.service.settings import Settings

    settings = Settings(
        db=db, expose_docs=dev, job_workers=workers, access_log=not no_access_log
    )
    if demo:
        settings = _demo_settings(settings, demo_scenario, demo_results, host, port)
    raise typer.Exit(run_server(settings, host, port, forwarded_allow_ips, processes))


def _demo_settings(
    settings: Any, scenario: Path, results: Path, host: str, port: int
) -> Any:
    """Prepare the demo database and say how to sign in; the settings to serve it."""
    from dataclasses import replace

    from surgeplan.service.demo import DEMO_DATABASE, DEMO_USER, DemoError, prepare_demo

    settings = replace(settings, db=settings.db or DEMO_DATABASE, expose_docs=True)
    try:
        prepared = prepare_demo(settings, scenario, results)
    except DemoError as error:
        raise _fail(str(error)) from None
    where = f"http://{host}:{port}/"
    if not prepared.is_new:
        typer.echo(
            f"demo database {settings.db}: sign in at {where} as '{DEMO_USER}' with "
            "the password printed when it was made (delete the database and its "
            ".audit-* files to make a new one)"
        )
        return settings
    source = (
        f"the results of {prepared.reused}"
        if prepared.reused
        else "results computed now"
    )
    typer.echo(
        f"demo database {settings.db}: the drone program, its scenario and a brief "
        f"run (plan, odds, report and brief: {source})"
    )
    typer.echo(
        f"demo account, shown this once: user '{DEMO_USER}', password "
        f"'{prepared.password}'; sign in at {where} (API docs at {where}docs)"
    )
    return settings


def _database(db: str | None, *, signs_audit: bool = True):  # type: ignore[no-untyped-def]
    """The database, with the audit key its changes are signed with (made if new)."""
    from surgeplan.service.settings import Settings
    from surgeplan.store.checkpoints import CheckpointKeyError, load_key
    from surgeplan.store.database import Database
    from surgeplan.store.engine import DatabaseUrlError, database_url, make_engine

    try:
        engine = make_engine(database_url(db), pool_size=1)
        if not signs_audit:
            return Database(engine)
        key_path, _ = Settings(db=db).audit_files()
        return Database(engine, audit_key=load_key(key_path, create=True))
    except (DatabaseUrlError, CheckpointKeyError) as error:
        raise _fail(str(error)) from None


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None) -> None:
    """Create or update the database's tables (safe to run again)."""
    from surgeplan.store.migrate import current_revision, upgrade

    database = _database(db)
    upgrade(database.engine)
    typer.echo(f"database at revision {current_revision(database.engine)}")


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise _fail("the passwords differ")
    return first


@contextmanager
def _signed_write(database: Any, db: str | None) -> Iterator[Any]:
    """A write transaction, then a signed checkpoint of the audit chain it extended.

    Every writer that holds the key anchors its rows at once: `audit verify` refuses
    a trail whose checkpoint file is missing or shorter than the database counted.
    """
    from surgeplan.service.settings import Settings, utc_now
    from surgeplan.store.audit_verify import record_checkpoint

    with database.write() as session:
        yield session
    _, checkpoint_path = Settings(db=db).audit_files()
    record_checkpoint(
        database.engine, checkpoint_path, database.audit_key, utc_now(), -1
    )


def _accounts(db: str | None, *, signs_audit: bool = True):  # type: ignore[no-untyped-def]
    from surgeplan.store.migrate import UnmigratedDatabaseError, require_migrated

    database = _database(db, signs_audit=signs_audit)
    try:
        require_migrated(database.engine, db or "")
    except UnmigratedDatabaseError as error:
        raise _fail(str(error)) from None
    return database


@user_app.command("add")
def user_add(
    username: Annotated[str, typer.Argument(help="The new account's name.")],
    db: DbOption = None,
    superadmin: Annotated[
        bool, typer.Option("--superadmin", help="May create programs.")
    ] = False,
    password_stdin: PasswordStdin = False,
) -> None:
    """Create an account (the first one: with --superadmin, to create programs)."""
    from surgeplan.service.settings import utc_now
    from surgeplan.store.accounts import AccountError, make_password_hasher
    from surgeplan.store.users import add_user

    database = _accounts(db)
    password = _password(password_stdin)
    try:
        with _signed_write(database, db) as session:
            add_user(
                session,
                username,
                password,
                is_superadmin=superadmin,
                hasher=make_password_hasher(),
                now=utc_now(),
            )
    except AccountError as error:
        raise _fail(str(error)) from None
    typer.echo(f"added {username}{' (superadmin)' if superadmin else ''}")


@user_app.command("disable")
def user_disable(
    username: Annotated[str, typer.Argument(help="The account to disable.")],
    db: DbOption = None,
    enable: Annotated[bool, typer.Option("--enable", help="Enable it again.")] = False,
) -> None:
    """Disable an account: its tokens stop working at once."""
    from surgeplan.service.settings import utc_now
    from surgeplan.store.accounts import AccountError
    from surgeplan.store.users import set_disabled

    database = _accounts(db)
    try:
        with _signed_write(database, db) as session:
            set_disabled(session, username, disabled=not enable, now=utc_now())
    except AccountError as error:
        raise _fail(str(error)) from None
    typer.echo(f"{'enabled' if enable else 'disabled'} {username}")


@user_app.command("reset")
def user_reset(
    username: Annotated[str, typer.Argument(help="The account.")],
    db: DbOption = None,
    password_stdin: PasswordStdin = False,
) -> None:
    """Set a new password; every session of the account ends."""
    from surgeplan.service.settings import utc_now
    from surgeplan.store.accounts import AccountError, make_password_hasher
    from surgeplan.store.users import reset_password

    database = _accounts(db)
    password = _password(password_stdin)
    try:
        with _signed_write(database, db) as session:
            reset_password(
                session,
                username,
                password,
                hasher=make_password_hasher(),
                now=utc_now(),
            )
    except AccountError as error:
        raise _fail(str(error)) from None
    typer.echo(f"reset the password of {username}")


@audit_app.command("verify")
def audit_verify(
    db: DbOption = None,
    checkpoints: Annotated[
        Path | None,
        typer.Option(help="Checkpoint file (default: beside the database)."),
    ] = None,
    key: Annotated[Path | None, typer.Option(help="Checkpoint key file.")] = None,
) -> None:
    """Walk the hash chain and compare it with the signed checkpoints.

    Exit code 0: intact. 4: tampered (the first bad row is named). 2: cannot verify.
    """
    from surgeplan.service.settings import Settings
    from surgeplan.store.audit_verify import verify_trail
    from surgeplan.store.checkpoints import CheckpointKeyError, load_key

    database = _accounts(db, signs_audit=False)
    key_path, checkpoint_path = Settings(
        db=db, audit_key_file=key, checkpoint_file=checkpoints
    ).audit_files()
    try:
        secret = load_key(key_path, create=False)
    except CheckpointKeyError as error:
        raise _fail(str(error)) from None
    with database.read() as session:
        verdict = verify_trail(session, checkpoint_path, secret)
    report = verdict.report
    if verdict.checkpoint_problem:
        raise _fail(f"TAMPERED: {verdict.checkpoint_problem}", EXIT_TAMPERED)
    if verdict.first_break is not None:
        raise _fail(
            f"TAMPERED: row {verdict.first_break.seq}: {verdict.first_break.reason}",
            EXIT_TAMPERED,
        )
    typer.echo(
        f"intact: {report.count} rows, last {report.last_seq} "
        f"{report.last_hash[:16]}…, "
        f"{verdict.checkpoints} checkpoints agree"
    )


def register(app: typer.Typer) -> None:
    """Add the service commands to the `surgeplan` app."""
    app.command()(serve)
    app.add_typer(db_app, name="db")
    app.add_typer(user_app, name="user")
    app.add_typer(audit_app, name="audit")
