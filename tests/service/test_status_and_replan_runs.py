"""Status and re-plan runs: queued on actuals and a plan run, as the CLI runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from httpx import Response
from test_actuals_routes import BODY, upload
from test_run_kinds import comparable, finished, line, submit
from world import MINIMAL, REPOSITORY, World, build_world

from surgeplan.execution.status_records import DEFAULT_RUNS
from surgeplan.pipeline import defaults
from surgeplan.service.problems import ProblemError
from surgeplan.service.settings import utc_now
from surgeplan.store.roles import Role


def test_a_status_run_is_surgeplan_status_with_its_defaults() -> None:
    assert line("status", actuals_version=2, plan_run_id=5) == [
        "status",
        "s.yaml",
        "--plan",
        "inputs/plan.json",
        "--actuals",
        "inputs/actuals.json",
        "--out",
        "out",
        "--runs",
        str(DEFAULT_RUNS),
        "--seed",
        str(defaults.SEED),
    ]


def test_a_replan_run_is_surgeplan_replan_from_the_actuals() -> None:
    assert line("replan", actuals_version=1, plan_run_id=3, runs=900) == [
        "replan",
        "s.yaml",
        "--plan",
        "inputs/plan.json",
        "--actuals",
        "inputs/actuals.json",
        "--out",
        "out",
    ]


@pytest.mark.parametrize("kind", ["status", "replan"])
def test_a_status_or_replan_run_needs_actuals_and_a_plan_run(kind: str) -> None:
    with pytest.raises(ProblemError) as refused:
        line(kind, actuals_version=1)
    assert "plan_run_id" in refused.value.detail


def test_a_status_run_refuses_runs_the_command_would_refuse() -> None:
    with pytest.raises(ProblemError) as refused:
        line("status", actuals_version=1, plan_run_id=2, runs=50)
    assert "from 100 to 100,000" in refused.value.detail


def _submit(world: World, program: str = "a", **body: Any) -> Response:
    ids = world.a if program == "a" else world.b
    response: Response = world.client.post(
        f"/api/v1/programs/{ids.program}/runs",
        json={"scenario_id": ids.scenario, **body},
        headers=world.as_role(Role.PLANNER, program),
    )
    return response


def test_actuals_of_another_program_are_not_found(world: World) -> None:
    upload(world, BODY)  # program a's actuals version 1

    answer = _submit(
        world, "b", kind="status", actuals_version=1, plan_run_id=world.b.run
    )

    assert answer.status_code == 404
    assert "no actuals version 1" in answer.json()["detail"]


def test_a_plan_run_of_another_program_is_not_found(world: World) -> None:
    upload(world, BODY)

    answer = _submit(world, kind="replan", actuals_version=1, plan_run_id=world.b.run)

    assert answer.status_code == 404
    assert f"no run {world.b.run}" in answer.json()["detail"]


def test_actuals_of_another_scenario_version_are_refused_with_a_reason(
    world: World,
) -> None:
    upload(world, BODY)  # against version 1
    path = f"/api/v1/programs/{world.a.program}/scenarios/{world.a.scenario}"
    planner = world.as_role(Role.PLANNER)
    etag = world.client.get(path, headers=planner).headers["ETag"]
    saved = world.client.post(
        path + "/versions",
        json={"content": MINIMAL + "\n# version 2\n"},
        headers={**planner, "If-Match": etag},
    )
    assert saved.status_code == 201, saved.text

    answer = _submit(
        world, kind="status", version=2, actuals_version=1, plan_run_id=world.a.run
    )

    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    assert "another scenario version" in answer.json()["detail"]


def test_a_viewer_may_not_start_a_status_run(world: World) -> None:
    upload(world, BODY)

    answer = world.client.post(
        f"/api/v1/programs/{world.a.program}/runs",
        json={
            "scenario_id": world.a.scenario,
            "kind": "status",
            "actuals_version": 1,
            "plan_run_id": world.a.run,
        },
        headers=world.as_role(Role.VIEWER),
    )

    assert answer.status_code == 403


def test_the_submission_names_its_actuals_and_plan_run_in_the_audit_trail(
    world: World,
) -> None:
    upload(world, BODY)

    answer = _submit(world, kind="status", actuals_version=1, plan_run_id=world.a.run)
    trail = world.client.get(
        f"/api/v1/programs/{world.a.program}/audit",
        headers=world.as_role(Role.AUDITOR),
    ).json()

    assert answer.status_code == 201, answer.text
    assert answer.json()["parameters"] == {
        "runs": DEFAULT_RUNS,
        "seed": defaults.SEED,
        "actuals_version": 1,
        "plan_run_id": world.a.run,
    }
    submitted = [row for row in trail["items"] if row["action"] == "run.submit"]
    assert submitted[0]["detail"]["actuals_version"] == 1
    assert submitted[0]["detail"]["plan_run_id"] == world.a.run


# --- real runs through the worker pool -------------------------------------------


@pytest.fixture
def busy_world(database_url: str, tmp_path: Path) -> Iterator[World]:
    built = build_world(database_url, tmp_path, start_jobs=True)
    built.clock.now = datetime.now(UTC)
    built.settings.clock = utc_now
    with built.client:
        yield built
    built.database.dispose()


def _results(world: World, run_id: int, role: Role = Role.PLANNER) -> dict[str, Any]:
    answer = world.client.get(
        f"/api/v1/programs/{world.a.program}/runs/{run_id}/results",
        headers=world.as_role(role),
    )
    assert answer.status_code == 200, answer.text
    results: dict[str, Any] = answer.json()["results"]
    return results


def _planned(world: World) -> int:
    run = finished(world, submit(world, kind="plan")["id"])
    assert run["state"] == "done", run["failure_reason"]
    assert upload(world, BODY).status_code == 201
    return int(run["id"])


def _typed(tmp_path: Path, world: World, plan_run: int, *command: str) -> Path:
    """Run the same command by hand on the same files: the CLI's output folder."""
    scenario = tmp_path / "scenario.yaml"
    scenario.write_text(MINIMAL, "utf-8")
    plan = tmp_path / "old-plan.json"
    plan.write_text(json.dumps(_results(world, plan_run)["plan.json"]), "utf-8")
    actuals = tmp_path / "actuals.json"
    actuals.write_text(json.dumps(BODY), "utf-8")
    out = tmp_path / "cli"
    arguments = [command[0], str(scenario), "--plan", str(plan)]
    arguments += ["--actuals", str(actuals), "--out", str(out), *command[1:]]
    subprocess.run(
        [sys.executable, "-m", "surgeplan.cli", *arguments],
        check=True,
        capture_output=True,
        cwd=REPOSITORY,
    )
    return out


@pytest.mark.slow
def test_a_status_run_gives_the_status_the_command_line_gives(
    busy_world: World, tmp_path: Path
) -> None:
    plan_run = _planned(busy_world)

    run = submit(
        busy_world, kind="status", actuals_version=1, plan_run_id=plan_run, runs=300
    )
    done = finished(busy_world, run["id"])

    assert done["state"] == "done", done["failure_reason"]
    results = _results(busy_world, run["id"])
    out = _typed(tmp_path, busy_world, plan_run, "status", "--runs", "300")
    typed = json.loads((out / "status.json").read_text("utf-8"))
    assert comparable(results["status.json"]) == comparable(typed)
    program = busy_world.a.program
    files = busy_world.client.get(
        f"/api/v1/programs/{program}/runs/{run['id']}/artifacts",
        headers=busy_world.as_role(Role.PLANNER),
    ).json()
    assert "status-exceptions.csv" in {file["name"] for file in files}
    seen = _results(busy_world, run["id"], Role.VIEWER)["status.json"]
    assert "plan_hash" not in seen
    assert "scenario_hash" not in seen
    assert seen["forecast"] == typed["forecast"]
    table = busy_world.client.get(
        f"/api/v1/programs/{program}/runs/{run['id']}/tables/status.milestones.csv",
        headers=busy_world.as_role(Role.VIEWER),
    )
    assert table.status_code == 200
    assert table.text.splitlines()[0].startswith('"milestone","item"')


@pytest.mark.slow
def test_a_replan_run_stores_the_new_plan_and_its_diff(
    busy_world: World, tmp_path: Path
) -> None:
    plan_run = _planned(busy_world)

    run = submit(busy_world, kind="replan", actuals_version=1, plan_run_id=plan_run)
    done = finished(busy_world, run["id"])

    assert done["state"] == "done", done["failure_reason"]
    results = _results(busy_world, run["id"])
    out = _typed(tmp_path, busy_world, plan_run, "replan")
    typed = json.loads((out / "plan.json").read_text("utf-8"))
    assert comparable(results["plan.json"]) == comparable(typed)
    assert results["plan.json"]["change"]["status_week"] == BODY["through_week"]
    diff = results["plan-diff.json"]
    assert diff["format"] == "surgeplan-plan-diff/1"
    typed_diff = (out / "plan-diff.csv").read_text("utf-8").splitlines()
    assert len(diff["changes"]) == len(typed_diff) - 1
    assert all("actuals to week 2" in change["cause"] for change in diff["changes"])
    seen = _results(busy_world, run["id"], Role.VIEWER)
    assert seen["plan-diff.json"] == diff
    assert "costs" not in seen["plan.json"]
    assert seen["plan.json"]["change"]["cause"] == typed["change"]["cause"]
    assert "based_on_plan_hash" not in seen["plan.json"]["change"]


@pytest.mark.slow
def test_a_status_run_on_a_plan_it_cannot_read_fails_with_a_clean_reason(
    busy_world: World,
) -> None:
    # The world's seeded run holds a plan-shaped document that is no real plan.
    assert upload(busy_world, BODY).status_code == 201

    run = submit(
        busy_world, kind="status", actuals_version=1, plan_run_id=busy_world.a.run
    )
    done = finished(busy_world, run["id"])

    assert done["state"] == "failed"
    assert done["failure_reason"].startswith("invalid input")
    assert "Traceback" not in done["failure_reason"]
