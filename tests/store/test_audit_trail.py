import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from surgeplan.store.audit import AuditEvent, Outcome, append
from surgeplan.store.audit_verify import TrailVerdict, record_checkpoint, verify_trail
from surgeplan.store.checkpoints import load_key
from surgeplan.store.database import Database
from surgeplan.store.engine import make_engine

CHAIN_LENGTH = 40
TAMPERS = 1000
EDITABLE = (
    "at",
    "actor",
    "program_id",
    "action",
    "object_type",
    "object_id",
    "version_hash",
    "outcome",
    "detail",
    "prev_hash",
    "row_hash",
)
COLUMNS = ("seq", *EDITABLE)
START = datetime(2027, 1, 4, 8, 0, tzinfo=UTC)


def fill_chain(database: Database, count: int) -> None:
    for index in range(count):
        with database.write() as session:
            append(
                session,
                AuditEvent(
                    actor=f"user{index % 3}",
                    action=random.Random(index).choice(["run.submit", "auth.login"]),
                    program_id=index % 2 + 1,
                    object_type="run",
                    object_id=str(index),
                    outcome=Outcome.OK if index % 5 else Outcome.DENIED,
                    detail={"n": index, "note": "é"},
                ),
                START + timedelta(seconds=index),
            )


@pytest.fixture
def chain(database_url: str, tmp_path: Path) -> Iterator[tuple[Database, Path, bytes]]:
    database = Database(make_engine(database_url))
    fill_chain(database, CHAIN_LENGTH)
    key = load_key(tmp_path / "key", create=True)
    checkpoints = tmp_path / "checkpoints"
    record_checkpoint(database.engine, checkpoints, key, START, -1)
    yield database, checkpoints, key
    database.dispose()


def verdict_in(connection: Connection, checkpoints: Path, key: bytes) -> TrailVerdict:
    with Session(bind=connection) as session:
        return verify_trail(session, checkpoints, key)


def disable_triggers(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        connection.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
    else:
        connection.exec_driver_sql("ALTER TABLE audit_log DISABLE TRIGGER USER")


def row(connection: Connection, seq: int) -> dict[str, object]:
    found = connection.execute(
        text(f"SELECT {', '.join(COLUMNS)} FROM audit_log WHERE seq = :seq"),
        {"seq": seq},
    ).one()
    return dict(found._mapping)


def write_row(connection: Connection, seq: int, values: dict[str, object]) -> None:
    assignments = ", ".join(f"{column} = :{column}" for column in EDITABLE)
    connection.execute(
        text(f"UPDATE audit_log SET {assignments} WHERE seq = :seq"),
        {**{c: values[c] for c in EDITABLE}, "seq": seq},
    )


def changed(value: object, rng: random.Random) -> object:
    if isinstance(value, int):
        return value + rng.randint(1, 9)
    if value is None:
        return 7
    text_value = str(value)
    if not text_value:
        return "x"
    position = rng.randrange(len(text_value))
    replacement = "0" if text_value[position] != "0" else "1"
    return text_value[:position] + replacement + text_value[position + 1 :]


def tamper(connection: Connection, rng: random.Random) -> tuple[str, int]:
    """Apply one random tamper; return its kind and the first row it breaks."""
    kind = rng.choice(["edit", "delete", "swap", "truncate", "edit_and_rehash"])
    if kind == "edit":
        seq = rng.randint(1, CHAIN_LENGTH)
        values = row(connection, seq)
        column = rng.choice(EDITABLE)
        values[column] = changed(values[column], rng)
        write_row(connection, seq, values)
        return kind, seq
    if kind == "delete":
        seq = rng.randint(1, CHAIN_LENGTH - 1)
        connection.execute(text("DELETE FROM audit_log WHERE seq = :seq"), {"seq": seq})
        return kind, seq
    if kind == "swap":
        first, second = sorted(rng.sample(range(1, CHAIN_LENGTH + 1), 2))
        values_first, values_second = row(connection, first), row(connection, second)
        write_row(connection, first, values_second)
        write_row(connection, second, values_first)
        return kind, first
    if kind == "truncate":
        keep = rng.randint(0, CHAIN_LENGTH - 1)
        connection.execute(
            text("DELETE FROM audit_log WHERE seq > :keep"), {"keep": keep}
        )
        return kind, keep + 1
    from surgeplan.store.audit import compute_hash

    seq = rng.randint(1, CHAIN_LENGTH)
    values = row(connection, seq)
    values["actor"] = "mallory"
    values["row_hash"] = compute_hash(
        {k: v for k, v in values.items() if k != "row_hash"}
    )
    write_row(connection, seq, values)
    return kind, min(seq + 1, CHAIN_LENGTH)


def test_an_untouched_trail_is_intact(chain: tuple[Database, Path, bytes]) -> None:
    database, checkpoints, key = chain
    with database.read() as session:
        verdict = verify_trail(session, checkpoints, key)
    assert verdict.is_intact
    assert verdict.report.count == CHAIN_LENGTH
    assert verdict.checkpoints == 1


def test_triggers_refuse_update_and_delete(chain: tuple[Database, Path, bytes]) -> None:
    database, _, _ = chain
    for statement in (
        "UPDATE audit_log SET actor = 'mallory' WHERE seq = 1",
        "DELETE FROM audit_log WHERE seq = 1",
    ):
        with (
            pytest.raises(DBAPIError, match="append-only"),
            database.write() as session,
        ):
            session.execute(text(statement))


@pytest.mark.slow
def test_every_random_tamper_is_detected_at_its_first_bad_row(
    chain: tuple[Database, Path, bytes],
) -> None:
    database, checkpoints, key = chain
    rng = random.Random(20270104)
    misses: list[tuple[int, str, int, object]] = []
    with database.engine.connect() as connection:
        for attempt in range(TAMPERS):
            transaction = connection.begin()
            disable_triggers(connection)
            kind, expected = tamper(connection, rng)
            verdict = verdict_in(connection, checkpoints, key)
            found = verdict.first_break.seq if verdict.first_break else None
            if found != expected:
                misses.append((attempt, kind, expected, found))
            transaction.rollback()
    assert misses == []


def test_a_forged_checkpoint_is_refused(
    chain: tuple[Database, Path, bytes], tmp_path: Path
) -> None:
    database, checkpoints, key = chain
    lines = checkpoints.read_text().splitlines()
    checkpoints.write_text(lines[0].replace('"count": 40', '"count": 41') + "\n")
    with database.read() as session:
        verdict = verify_trail(session, checkpoints, key)
    assert verdict.checkpoint_problem == "checkpoint line 1 has a bad signature"
    assert not verdict.is_intact


def test_the_key_file_is_private(tmp_path: Path) -> None:
    load_key(tmp_path / "new-key", create=True)
    assert (tmp_path / "new-key").stat().st_mode & 0o777 == 0o600


@pytest.fixture
def keyed_chain(
    database_url: str, tmp_path: Path
) -> Iterator[tuple[Database, Path, bytes]]:
    """A trail written with the audit key, checkpointed after row 30 of 40."""
    key = load_key(tmp_path / "key", create=True)
    database = Database(make_engine(database_url), audit_key=key)
    checkpoints = tmp_path / "checkpoints"
    fill_chain(database, 30)
    record_checkpoint(database.engine, checkpoints, key, START, -1)
    fill_chain(database, 10)
    yield database, checkpoints, key
    database.dispose()


def forge_next_row(connection: Connection, mac: str | None) -> None:
    """Append a row as someone with database access but no key would."""
    from surgeplan.store.audit import compute_hash

    last = row(connection, CHAIN_LENGTH)
    forged = {
        **last,
        "seq": CHAIN_LENGTH + 1,
        "actor": "mallory",
        "action": "user.add",
        "prev_hash": last["row_hash"],
    }
    forged["row_hash"] = compute_hash(
        {k: v for k, v in forged.items() if k != "row_hash"}
    )
    columns = [*COLUMNS, "mac"]
    connection.execute(
        text(
            f"INSERT INTO audit_log ({', '.join(columns)}) "
            f"VALUES ({', '.join(':' + c for c in columns)})"
        ),
        {**forged, "mac": mac},
    )


def test_rows_after_the_last_checkpoint_verify_by_their_mac(
    keyed_chain: tuple[Database, Path, bytes],
) -> None:
    database, checkpoints, key = keyed_chain
    with database.read() as session:
        verdict = verify_trail(session, checkpoints, key)
    assert verdict.is_intact
    assert verdict.report.count == CHAIN_LENGTH


@pytest.mark.parametrize("mac", [None, "0" * 64])
def test_a_row_appended_with_a_recomputed_hash_is_detected(
    keyed_chain: tuple[Database, Path, bytes], mac: str | None
) -> None:
    database, checkpoints, key = keyed_chain
    with database.engine.connect() as connection:
        transaction = connection.begin()
        forge_next_row(connection, mac)
        verdict = verdict_in(connection, checkpoints, key)
        transaction.rollback()
    assert verdict.first_break is not None
    assert verdict.first_break.seq == CHAIN_LENGTH + 1


def test_a_row_rewritten_and_rehashed_after_the_checkpoint_is_detected(
    keyed_chain: tuple[Database, Path, bytes],
) -> None:
    database, checkpoints, key = keyed_chain
    from surgeplan.store.audit import compute_hash

    with database.engine.connect() as connection:
        transaction = connection.begin()
        disable_triggers(connection)
        values = row(connection, CHAIN_LENGTH)
        values["actor"] = "mallory"
        values["row_hash"] = compute_hash(
            {k: v for k, v in values.items() if k != "row_hash"}
        )
        write_row(connection, CHAIN_LENGTH, values)
        verdict = verdict_in(connection, checkpoints, key)
        transaction.rollback()
    assert verdict.first_break is not None
    assert verdict.first_break.seq == CHAIN_LENGTH
    assert "MAC" in verdict.first_break.reason


@pytest.mark.parametrize("damage", ["delete", "empty", "drop_last_line"])
def test_a_missing_or_shortened_checkpoint_file_is_refused(
    keyed_chain: tuple[Database, Path, bytes], damage: str
) -> None:
    database, checkpoints, key = keyed_chain
    record_checkpoint(database.engine, checkpoints, key, START, -1)
    assert len(checkpoints.read_text().splitlines()) == 2
    if damage == "delete":
        checkpoints.unlink()
    elif damage == "empty":
        checkpoints.write_text("")
    else:
        checkpoints.write_text(checkpoints.read_text().splitlines()[0] + "\n")
    with database.engine.connect() as connection:
        transaction = connection.begin()
        disable_triggers(connection)
        # The attacker also cuts the rows the lost checkpoint covered.
        connection.execute(text("DELETE FROM audit_log WHERE seq > 30"))
        verdict = verdict_in(connection, checkpoints, key)
        transaction.rollback()
    assert verdict.checkpoint_problem is not None
    assert not verdict.is_intact


def test_rows_appended_in_one_batch_chain_and_verify_like_single_rows(
    keyed_chain: tuple[Database, Path, bytes],
) -> None:
    from surgeplan.store.audit import append_many

    database, checkpoints, key = keyed_chain
    events = [
        (AuditEvent(actor=f"reader{i}", action="run.results.read", program_id=1), START)
        for i in range(5)
    ]
    with database.write() as session:
        append_many(session, events)
    fill_chain(database, 1)
    with database.read() as session:
        verdict = verify_trail(session, checkpoints, key)
    assert verdict.is_intact, verdict.first_break
    assert verdict.report.count == CHAIN_LENGTH + 6


def keyed_tamper(connection: Connection, rng: random.Random) -> tuple[str, int]:
    """A tamper by someone without the key, on a keyed trail; its first bad row."""
    kind = rng.choice(
        ["plain", "truncate", "rehash", "rehash_drop_mac", "append", "append_no_mac"]
    )
    if kind == "plain":
        found_kind, expected = tamper(connection, rng)
        if found_kind == "truncate" and expected > 31:
            return "after_the_checkpoint", 0  # the documented gap: not counted
        if found_kind != "edit_and_rehash":
            return found_kind, expected
        # The MAC of the rehashed row itself no longer matches: caught one row earlier.
        # (`tamper` capped its expectation at the last row.)
        return found_kind, expected - 1 if expected < CHAIN_LENGTH else -1
    if kind == "truncate":
        # Rows up to the checkpoint (30); a tail after it is the documented gap.
        keep = rng.randint(0, 29)
        connection.execute(
            text("DELETE FROM audit_log WHERE seq > :keep"), {"keep": keep}
        )
        return kind, keep + 1
    from surgeplan.store.audit import compute_hash

    if kind.startswith("append"):
        forge_next_row(connection, None if kind == "append_no_mac" else "f" * 64)
        return kind, CHAIN_LENGTH + 1
    seq = rng.randint(1, CHAIN_LENGTH)
    values = row(connection, seq)
    values["actor"] = "mallory"
    values["row_hash"] = compute_hash(
        {k: v for k, v in values.items() if k != "row_hash"}
    )
    write_row(connection, seq, values)
    if kind == "rehash_drop_mac":
        connection.execute(
            text("UPDATE audit_log SET mac = NULL WHERE seq = :seq"), {"seq": seq}
        )
    # At or before the checkpoint (row 30) the checkpoint or the next row's link
    # catches it first; after it, the row's own MAC.
    if seq <= 30 and kind == "rehash_drop_mac":
        return kind, min(seq + 1, CHAIN_LENGTH)
    return kind, seq


@pytest.mark.slow
def test_every_random_tamper_without_the_key_is_detected_on_a_keyed_trail(
    keyed_chain: tuple[Database, Path, bytes],
) -> None:
    database, checkpoints, key = keyed_chain
    rng = random.Random(20261207)
    misses: list[tuple[int, str, int, object]] = []
    with database.engine.connect() as connection:
        for attempt in range(300):
            transaction = connection.begin()
            disable_triggers(connection)
            kind, expected = keyed_tamper(connection, rng)
            if kind == "after_the_checkpoint":
                transaction.rollback()
                continue
            verdict = verdict_in(connection, checkpoints, key)
            found = verdict.first_break.seq if verdict.first_break else None
            if expected == -1:  # the last row, edited: caught at 39 or 40
                expected = found if found in (CHAIN_LENGTH - 1, CHAIN_LENGTH) else 0
            if found != expected:
                misses.append((attempt, kind, expected, found))
            transaction.rollback()
    assert misses == []
