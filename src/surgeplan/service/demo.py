"""`surgeplan serve --demo`: a database with the drone program and its results.

The demo database holds one account (`demo`, superadmin and admin of the program, a
random password shown once), the program, the scenario as version 1, and one done
brief run: `surgeplan run` (plan, check, simulate, mitigate, report, brief), as
`make demo` runs it. Its results and files are those of `make demo`'s output folder
when that folder was made from the same scenario (its plan names the scenario's
hash), else the run is computed now with the same command and defaults. The run goes
through the service's own queue (submitted, claimed, finished) and every step is in
the audit trail, as a run of the service would be.
"""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from surgeplan.service.jobs.commands import command_line, run_parameters
from surgeplan.service.jobs.runner import ENTRY, collect
from surgeplan.service.settings import Settings
from surgeplan.store.accounts import Principal, TokenKind, make_password_hasher
from surgeplan.store.audit_verify import record_checkpoint
from surgeplan.store.checkpoints import load_key
from surgeplan.store.database import Database
from surgeplan.store.engine import make_engine
from surgeplan.store.migrate import upgrade
from surgeplan.store.programs import create_program
from surgeplan.store.records import RunKind, RunState
from surgeplan.store.run_queue import RunOutcome, claim_next, finish
from surgeplan.store.runs import RunLimits, RunRepository
from surgeplan.store.scenarios import ScenarioRepository
from surgeplan.store.scope import ProgramScope
from surgeplan.store.tables import User
from surgeplan.store.users import add_user

DEMO_USER = "demo"
DEMO_PROGRAM = "Drone surge (demo)"
DEMO_DATABASE = "sqlite:///surgeplan-demo.db"
RUN_TIMEOUT_S = 1800


class DemoError(Exception):
    """The demo cannot be prepared (no scenario file, a failed run)."""


@dataclass(frozen=True)
class Demo:
    """What `prepare_demo` did."""

    is_new: bool
    password: str | None
    """The demo account's password: only when the database was just made."""
    program_id: int | None
    run_id: int | None
    reused: Path | None
    """The output folder whose results were loaded (None: computed now)."""


def reusable_results(folder: Path, scenario_file: Path) -> bool:
    """Whether `folder` holds `surgeplan run` results made from this scenario."""
    plan_file, run_file = folder / "plan.json", folder / "run.json"
    if not (plan_file.is_file() and run_file.is_file()):
        return False
    from surgeplan.scenario import load_scenario, scenario_hash

    try:
        planned_for = json.loads(plan_file.read_text("utf-8")).get("scenario_hash")
    except ValueError:
        return False
    return bool(planned_for == scenario_hash(load_scenario(scenario_file)))


def prepare_demo(settings: Settings, scenario_file: Path, results: Path) -> Demo:
    """Make the demo database if it has no demo account yet; reuse it otherwise.

    Raises:
        DemoError: the scenario file is missing or the run failed.
    """
    key_path, checkpoint_path = settings.audit_files()
    key = load_key(key_path, create=True)
    database = Database(make_engine(settings.url, pool_size=1), audit_key=key)
    try:
        upgrade(database.engine)
        with database.read() as session:
            exists = session.execute(
                select(User.id).where(User.username == DEMO_USER)
            ).first()
        if exists is not None:
            return Demo(False, None, None, None, None)
        if not scenario_file.is_file():
            raise DemoError(
                f"no scenario at {scenario_file}: run the demo from the project's "
                "folder (examples/uav-surge.yaml) or give --demo-scenario"
            )
        reused = results if reusable_results(results, scenario_file) else None
        outcome = _outcome(scenario_file, reused)
        demo = _seed(database, scenario_file.read_text("utf-8"), outcome, reused)
        record_checkpoint(database.engine, checkpoint_path, key, _now(), -1)
        return demo
    finally:
        database.dispose()


def _now() -> datetime:
    return datetime.now(UTC)


def _parameters() -> dict[str, int | str]:
    from surgeplan.service.bodies import RunCreate

    return run_parameters(RunCreate(kind=RunKind.BRIEF, scenario_id=1))


def _outcome(scenario_file: Path, reused: Path | None) -> RunOutcome:
    """The brief run's outcome: from the reused folder, or computed now."""
    outcome = RunOutcome(RunState.DONE, 0, None)
    if reused is not None:
        collect(reused, outcome)
        return outcome
    print(  # noqa: T201 - a minute of silence would look like a hang
        "computing the demo's results (surgeplan run: plan, simulate, mitigate, "
        "report, brief; about a minute)…",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="surgeplan-demo-") as folder:
        out = Path(folder) / "out"
        arguments = command_line(RunKind.BRIEF, scenario_file, out, _parameters())
        done = subprocess.run(
            [sys.executable, "-c", ENTRY, *arguments],
            capture_output=True,
            text=True,
            check=False,
            timeout=RUN_TIMEOUT_S,
        )
        if done.returncode != 0:
            raise DemoError(
                f"the demo run failed (exit code {done.returncode}): "
                + done.stderr.strip()[-1000:]
            )
        outcome.stdout_tail = done.stdout[-20_000:]
        collect(out, outcome)
    return outcome


def _seed(
    database: Database, content: str, outcome: RunOutcome, reused: Path | None
) -> Demo:
    password = secrets.token_urlsafe(12)
    now = _now()
    with database.write() as session:
        user = add_user(
            session,
            DEMO_USER,
            password,
            is_superadmin=True,
            hasher=make_password_hasher(),
            now=now,
        )
        principal = Principal(user.id, DEMO_USER, True, TokenKind.ACCESS, "demo")
        program = create_program(
            session,
            principal,
            DEMO_PROGRAM,
            "The drone surge of examples/uav-surge.yaml, planned, simulated and "
            "reported (surgeplan serve --demo).",
            now,
        )
        session.flush()
        scope = ProgramScope.open(session, principal, program.id, now)
        scenarios = ScenarioRepository(scope)
        scenario = scenarios.create(
            "uav-surge", "Drone surge: two car plants, one abroad"
        )
        scenarios.save_version(scenario.id, scenario.etag, content, "yaml", "demo")
        run = RunRepository(scope).submit(
            RunKind.BRIEF, scenario.id, None, _parameters(), RunLimits()
        )
    claimed = claim_next(database, "demo", _now())
    if claimed is None or claimed.id != run.id:
        raise DemoError("the demo run could not be claimed: is a service running?")
    finish(database, run.id, outcome, _now())
    return Demo(True, password, program.id, run.id, reused)
