"""Runs go through the worker pool as `surgeplan` subprocesses and are never lost."""

from __future__ import annotations

import itertools
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from world import World, build_world

from surgeplan.service.jobs.supervisor import JobSupervisor
from surgeplan.service.settings import utc_now
from surgeplan.store.roles import Role

pytestmark = pytest.mark.slow


@pytest.fixture
def busy_world(database_url: str, tmp_path: Path) -> Iterator[World]:
    built = build_world(database_url, tmp_path, start_jobs=True)
    built.clock.now = __import__("datetime").datetime.now(__import__("datetime").UTC)
    built.settings.clock = __import__(
        "surgeplan.service.settings"
    ).service.settings.utc_now
    with built.client:
        yield built
    built.database.dispose()


def submit(
    world: World, role: Role = Role.PLANNER, kind: str = "validate"
) -> httpx.Response:
    response: httpx.Response = world.client.post(
        f"/api/v1/programs/{world.a.program}/runs",
        json={"kind": kind, "scenario_id": world.a.scenario},
        headers=world.as_role(role),
    )
    return response


def wait_for(
    world: World,
    run_id: int,
    states: tuple[str, ...] = ("done", "failed", "cancelled"),
    timeout: float = 30.0,
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run: dict[str, Any] = world.client.get(
            f"/api/v1/programs/{world.a.program}/runs/{run_id}",
            headers=world.as_role(Role.ADMIN),
        ).json()
        if run["state"] in states:
            return run
        time.sleep(0.1)
    raise AssertionError(f"run {run_id} still {run['state']}")


def test_a_validate_run_finishes_with_its_result(busy_world: World) -> None:
    run = submit(busy_world).json()
    finished = wait_for(busy_world, run["id"])
    assert (finished["state"], finished["exit_code"], finished["attempts"]) == (
        "done",
        0,
        1,
    )
    path = f"/api/v1/programs/{busy_world.a.program}/runs/{run['id']}/results"
    results = busy_world.client.get(path, headers=busy_world.as_role(Role.PLANNER))
    assert results.json()["results"]["validate.json"]["summary"].startswith("OK")
    # The summary is free text a viewer does not get; the verdict it does.
    seen = busy_world.client.get(path, headers=busy_world.as_role(Role.VIEWER))
    assert seen.json()["results"]["validate.json"] == {
        "format": "surgeplan-validate/1",
        "is_valid": True,
    }


def test_a_missing_command_fails_with_a_clean_reason(
    busy_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from surgeplan.service.jobs import commands
    from surgeplan.store.records import RunKind

    monkeypatch.setitem(
        commands.COMMANDS, RunKind.VALIDATE, lambda s, o, p: ["no-such-command", str(s)]
    )
    finished = wait_for(busy_world, submit(busy_world).json()["id"])
    assert finished["state"] == "failed"
    assert "not available" in finished["failure_reason"]
    assert "Traceback" not in finished["failure_reason"]


def test_a_user_gets_at_most_two_active_runs_and_the_queue_is_bounded(
    database_url: str, tmp_path: Path
) -> None:
    world = build_world(database_url, tmp_path)
    world.settings.run_limits = type(world.settings.run_limits)(max_queue=3)
    with world.client:
        assert [submit(world).status_code for _ in range(2)] == [201, 201]
        third = submit(world)
        assert third.status_code == 429
        assert int(third.headers["Retry-After"]) > 0
        assert submit(world, Role.ADMIN).status_code == 201
        full = submit(world, Role.ADMIN)
        assert full.status_code == 503
        assert int(full.headers["Retry-After"]) > 0
    world.database.dispose()


def test_a_killed_worker_is_retried_once_then_failed_with_the_reason(
    busy_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from surgeplan.service.jobs import commands
    from surgeplan.store.records import RunKind

    monkeypatch.setitem(
        commands.COMMANDS,
        RunKind.VALIDATE,
        lambda s, o, p: ["init", str(o / "x"), "--help"],
    )
    supervisor: JobSupervisor = busy_world.app.state.supervisor
    monkeypatch.setattr(supervisor.settings, "job_workers", 1)
    run_id = submit(busy_world).json()["id"]
    for attempt in (1, 2):
        deadline = time.monotonic() + 20
        while not supervisor.active and time.monotonic() < deadline:
            time.sleep(0.01)
        process = next(iter(supervisor.active.values()))
        os.killpg(process.process.pid, signal.SIGKILL)
        time.sleep(0.3 if attempt == 1 else 0)
    finished = wait_for(busy_world, run_id)
    assert finished["state"] == "failed"
    assert finished["attempts"] == 2
    assert "worker process died" in finished["failure_reason"]


def test_runs_left_running_by_a_dead_service_are_taken_back(
    database_url: str, tmp_path: Path
) -> None:
    world = build_world(database_url, tmp_path)
    with world.client:
        run_id = submit(world).json()["id"]
    import socket

    from surgeplan.store.run_queue import claim_next

    claim_next(world.database, f"{socket.gethostname()}:999999:gone", world.clock())
    world.database.dispose()
    from fastapi.testclient import TestClient

    from surgeplan.service.app import create_app

    world.settings.start_jobs = True
    world.settings.clock = utc_now
    with TestClient(create_app(world.settings)) as client:
        world.client = client
        finished = wait_for(world, run_id)
    assert (finished["state"], finished["attempts"]) == ("done", 2)


def test_cancelling_a_queued_run_is_immediate(
    database_url: str, tmp_path: Path
) -> None:
    world = build_world(database_url, tmp_path)
    with world.client:
        run_id = submit(world).json()["id"]
        cancelled = world.client.post(
            f"/api/v1/programs/{world.a.program}/runs/{run_id}/cancel",
            headers=world.as_role(Role.PLANNER),
        ).json()
    assert cancelled["state"] == "cancelled"
    world.database.dispose()


def test_run_ids_count_nothing_and_the_queue_stays_first_in_first_out(
    database_url: str, tmp_path: Path
) -> None:
    from surgeplan.store.run_queue import claim_next

    world = build_world(database_url, tmp_path)
    with world.client:
        submitted = []
        for role in (Role.PLANNER, Role.PLANNER, Role.ADMIN, Role.ADMIN):
            world.clock.advance(seconds=1)
            submitted.append(submit(world, role).json()["id"])
        claims = [
            claim_next(world.database, "test-worker", world.clock()) for _ in submitted
        ]
        claimed = [claim.id for claim in claims if claim is not None]
    world.database.dispose()
    # Ids are random: consecutive runs are not neighbours, so a member of another
    # program cannot count this program's runs from the ids it is given.
    gaps = [abs(b - a) for a, b in itertools.pairwise(submitted)]
    assert all(gap > 1 for gap in gaps)
    assert claimed == submitted


def test_a_plan_run_plans_to_the_odds_asked_and_viewers_see_the_odds(
    busy_world: World,
) -> None:
    run = busy_world.client.post(
        f"/api/v1/programs/{busy_world.a.program}/runs",
        json={
            "kind": "plan",
            "scenario_id": busy_world.a.scenario,
            "confidence": "0.8",
        },
        headers=busy_world.as_role(Role.PLANNER),
    ).json()

    finished = wait_for(busy_world, run["id"], timeout=120.0)

    assert finished["state"] == "done", finished
    path = f"/api/v1/programs/{busy_world.a.program}/runs/{run['id']}/results"
    planner = busy_world.client.get(path, headers=busy_world.as_role(Role.PLANNER))
    confidence = planner.json()["results"]["plan.json"]["confidence"]
    assert (confidence["target"], confidence["is_reached"]) == (0.8, True)
    assert confidence["cost_without_margins_eur"] is not None
    viewer = busy_world.client.get(path, headers=busy_world.as_role(Role.VIEWER))
    seen = viewer.json()["results"]["plan.json"]["confidence"]
    assert seen["target"] == 0.8
    assert "cost_without_margins_eur" not in seen


def test_a_malformed_confidence_is_refused_before_anything_runs(
    busy_world: World,
) -> None:
    refused = busy_world.client.post(
        f"/api/v1/programs/{busy_world.a.program}/runs",
        json={"kind": "plan", "scenario_id": busy_world.a.scenario, "confidence": "2"},
        headers=busy_world.as_role(Role.PLANNER),
    )

    assert refused.status_code == 422
    assert refused.headers["content-type"].startswith("application/problem+json")
