"""A seeded service: two programs, one user per role in each, and their objects.

Program A and program B each hold a scenario with one version, a finished run with
cost-bearing results and a file, and an API token per member. Seeding goes through
the store directly (fast password hashing); requests go through the real app.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from surgeplan.service.app import create_app
from surgeplan.service.settings import Settings
from surgeplan.store.accounts import (
    Principal,
    TokenKind,
    issue_tokens,
    make_password_hasher,
)
from surgeplan.store.database import Database
from surgeplan.store.engine import make_engine
from surgeplan.store.programs import ProgramRepository, create_program
from surgeplan.store.roles import Role
from surgeplan.store.scenarios import ScenarioRepository
from surgeplan.store.scope import ProgramScope
from surgeplan.store.tables import (
    Membership,
    RunArtifactRow,
    RunResultRow,
    RunRow,
    User,
)
from surgeplan.store.users import add_user

REPOSITORY = Path(__file__).resolve().parents[2]
MINIMAL = (REPOSITORY / "examples" / "minimal.yaml").read_text("utf-8")
PASSWORD = "correct horse battery"
ROLES = (Role.VIEWER, Role.AUDITOR, Role.PLANNER, Role.ADMIN)
START = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)
# A plan-shaped result: its cost figures hide behind names that do not say so
# (`solver.objective` is the total cost, `mip_gap` a ratio of costs, `shadow_price`
# money per hour), beside an undeclared field a viewer must not get either.
TOTAL_COST_KEUR = 266_050.5
RESULTS = {
    "format": "surgeplan-plan/1",
    "scenario_name": "minimal",
    "scenario_hash": "f" * 64,
    "solver": {
        "status": "optimal",
        "objective": TOTAL_COST_KEUR,
        "mip_gap": 0.0004,
        "variables": 7661,
    },
    "summary": {"units": 5000, "total": 1.5e8},
    "production": [
        {
            "item": '=HYPERLINK("http://evil")',
            "site": "plant",
            "bucket": 0,
            "units": 12.5,
            "unit_cost": 100.0,
            "limited_by": ["labour", "@SUM(A1)"],
        },
        {
            "item": "drone",
            "site": "\tplant",
            "bucket": 1,
            "units": -0.5,
            "unit_cost": 90.0,
            "limited_by": [],
        },
    ],
    "milestones": [
        {"id": "m1", "quantity": 100.0, "limited_by": ["labour", "@SUM(A1)"]}
    ],
    "bottlenecks": [
        {"resource": "press", "units_per_extra_hour": 0.5, "shadow_price": 812.0}
    ],
    "costs": [{"kind": "labour", "amount_eur": 1.2e6}],
    "transfers": [],
}


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class ProgramIds:
    program: int = 0
    scenario: int = 0
    run: int = 0
    artifact: int = 0
    spare_user: int = 0
    user_by_role: dict[Role, int] = field(default_factory=dict)
    token_id_by_role: dict[Role, int] = field(default_factory=dict)
    access_by_role: dict[Role, str] = field(default_factory=dict)
    api_token_by_role: dict[Role, str] = field(default_factory=dict)


@dataclass
class World:
    client: TestClient
    clock: FakeClock
    settings: Settings
    database: Database
    a: ProgramIds
    b: ProgramIds
    root_token: str

    @property
    def app(self) -> FastAPI:
        """The service's application (the test client types it as any ASGI app)."""
        app = self.client.app
        assert isinstance(app, FastAPI)
        return app

    def headers(self, token: str, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}", **extra}

    def as_role(self, role: Role, program: str = "a") -> dict[str, str]:
        ids = self.a if program == "a" else self.b
        return self.headers(ids.access_by_role[role])


def _principal(user: User) -> Principal:
    return Principal(
        user.id, user.username, user.is_superadmin, TokenKind.ACCESS, "seed"
    )


def _seed_program(
    database: Database, root: User, name: str, clock: FakeClock
) -> ProgramIds:
    hasher = make_password_hasher(fast=True)
    ids = ProgramIds()
    with database.write() as session:
        ids.program = create_program(session, _principal(root), name, "", clock()).id
        users = {}
        for role in ROLES:
            user = add_user(
                session,
                f"{name.lower()}-{role.value}",
                PASSWORD,
                is_superadmin=False,
                hasher=hasher,
                now=clock(),
            )
            session.add(Membership(program_id=ids.program, user_id=user.id, role=role))
            users[role] = user
            ids.user_by_role[role] = user.id
        spare = add_user(
            session,
            f"{name.lower()}-spare",
            PASSWORD,
            is_superadmin=False,
            hasher=hasher,
            now=clock(),
        )
        session.add(
            Membership(program_id=ids.program, user_id=spare.id, role=Role.VIEWER)
        )
        ids.spare_user = spare.id
        session.flush()
        scope = ProgramScope.open(session, _principal(root), ids.program, clock())
        scenarios = ScenarioRepository(scope)
        scenario = scenarios.create("base", "")
        version = scenarios.save_version(
            scenario.id, scenario.etag, MINIMAL, "yaml", ""
        )
        ids.scenario = scenario.id
        run = RunRow(
            program_id=ids.program,
            version_id=version.id,
            kind="plan",
            parameters={},
            state="done",
            created_by=users[Role.PLANNER].id,
            created_at=clock(),
            attempts=1,
            cancel_requested=False,
            progress="done",
            stdout_tail="",
            stderr_tail="secret trace",
            exit_code=0,
        )
        session.add(run)
        session.flush()
        ids.run = run.id
        session.add(
            RunResultRow(
                program_id=ids.program,
                run_id=run.id,
                name="plan.json",
                content=json.dumps(RESULTS),
            )
        )
        artifact = RunArtifactRow(
            program_id=ids.program,
            run_id=run.id,
            name="plan.xlsx",
            media_type="application/octet-stream",
            sha256="0" * 64,
            size=3,
            content=b"abc",
        )
        session.add(artifact)
        session.flush()
        ids.artifact = artifact.id
        for role, user in users.items():
            ids.access_by_role[role] = issue_tokens(
                session, user, clock(), timedelta(minutes=15), timedelta(hours=12)
            ).access_token
            member_scope = ProgramScope.open(
                session, _principal(user), ids.program, clock()
            )
            token = ProgramRepository(member_scope).create_api_token(
                "seed", Role.VIEWER, 30
            )
            ids.token_id_by_role[role] = token.id
            ids.api_token_by_role[role] = token.token
    return ids


def build_world(database_url: str, tmp_path: Path, **settings_changes: object) -> World:
    clock = FakeClock()
    settings = Settings(
        db=database_url,
        expose_docs=True,
        start_jobs=False,
        clock=clock,
        fast_password_hashing=True,
        audit_key_file=tmp_path / "audit.key",
        checkpoint_file=tmp_path / "audit.checkpoints",
        poll_interval_s=0.05,
        heartbeat_interval_s=0.2,
    )
    for name, value in settings_changes.items():
        setattr(settings, name, value)
    database = Database(make_engine(database_url))
    with database.write() as session:
        root = add_user(
            session,
            "root",
            PASSWORD,
            is_superadmin=True,
            hasher=make_password_hasher(fast=True),
            now=clock(),
        )
    a = _seed_program(database, root, "Alpha", clock)
    b = _seed_program(database, root, "Bravo", clock)
    with database.write() as session:
        root_token = issue_tokens(
            session,
            session.get_one(User, root.id),
            clock(),
            timedelta(minutes=15),
            timedelta(hours=12),
        ).access_token
    client = TestClient(create_app(settings, database), raise_server_exceptions=False)
    return World(client, clock, settings, database, a, b, root_token)
