"""Each run kind runs the `surgeplan` command a person would type, with its defaults."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from world import MINIMAL, REPOSITORY, World, build_world

from surgeplan.pipeline import defaults
from surgeplan.service.bodies import RunCreate
from surgeplan.service.jobs.commands import command_line, run_parameters
from surgeplan.service.problems import ProblemError
from surgeplan.service.settings import utc_now
from surgeplan.store.records import RunKind
from surgeplan.store.roles import Role

SCENARIO, OUT = Path("s.yaml"), Path("out")


def line(kind: str, **fields: Any) -> list[str]:
    body = RunCreate(kind=RunKind(kind), scenario_id=1, **fields)
    return command_line(body.kind, SCENARIO, OUT, run_parameters(body))


def test_a_mitigate_run_ranks_with_the_cli_defaults() -> None:
    assert line("mitigate") == [
        "mitigate",
        "s.yaml",
        "--out",
        "out",
        "--runs",
        str(defaults.MITIGATION_RUNS),
        "--seed",
        str(defaults.SEED),
    ]


def test_a_report_run_plans_and_reports_without_risk_unless_asked() -> None:
    assert line("report") == [
        "run",
        "s.yaml",
        "--out",
        "out",
        "--no-risk",
        "--no-brief",
    ]
    with_risk = line("report", with_risk=True, runs=500)
    assert with_risk == [
        "run",
        "s.yaml",
        "--out",
        "out",
        "--runs",
        "500",
        "--mitigation-runs",
        str(defaults.MITIGATION_RUNS),
        "--seed",
        str(defaults.SEED),
        "--no-brief",
    ]


def test_a_brief_run_is_the_whole_flow_with_risk_as_surgeplan_run() -> None:
    assert line("brief") == [
        "run",
        "s.yaml",
        "--out",
        "out",
        "--runs",
        str(defaults.SIMULATION_RUNS),
        "--mitigation-runs",
        str(defaults.MITIGATION_RUNS),
        "--seed",
        str(defaults.SEED),
    ]
    assert line("brief", with_risk=False, confidence="0.8") == [
        "run",
        "s.yaml",
        "--out",
        "out",
        "--confidence",
        "0.8",
        "--no-risk",
    ]


def test_a_compare_run_needs_the_versions_to_compare_with() -> None:
    with pytest.raises(ProblemError) as refused:
        line("compare")
    assert "compare_with" in refused.value.detail


def test_parameters_a_kind_does_not_use_are_dropped() -> None:
    body = RunCreate(kind=RunKind.PLAN, scenario_id=1, runs=5, with_risk=True)
    assert run_parameters(body) == {}


# --- real runs through the worker pool -------------------------------------------


@pytest.fixture
def busy_world(database_url: str, tmp_path: Path) -> Iterator[World]:
    built = build_world(database_url, tmp_path, start_jobs=True)
    built.clock.now = datetime.now(UTC)
    built.settings.clock = utc_now
    with built.client:
        yield built
    built.database.dispose()


def submit(world: World, **body: Any) -> dict[str, Any]:
    response = world.client.post(
        f"/api/v1/programs/{world.a.program}/runs",
        json={"scenario_id": world.a.scenario, **body},
        headers=world.as_role(Role.PLANNER),
    )
    assert response.status_code == 201, response.text
    submitted: dict[str, Any] = response.json()
    return submitted


def finished(world: World, run_id: int, timeout_s: float = 240.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        run: dict[str, Any] = world.client.get(
            f"/api/v1/programs/{world.a.program}/runs/{run_id}",
            headers=world.as_role(Role.ADMIN),
        ).json()
        if run["state"] in ("done", "failed", "cancelled"):
            return run
        time.sleep(0.2)
    raise AssertionError(f"run {run_id} did not finish")


def comparable(document: Any) -> Any:
    """A result without what changes from one run to the next (time stamps, timings)."""
    if isinstance(document, dict):
        return {
            key: comparable(value)
            for key, value in document.items()
            if key != "created_at" and not key.endswith("_seconds")
        }
    if isinstance(document, list):
        return [comparable(value) for value in document]
    return document


@pytest.mark.slow
@pytest.mark.parametrize(
    ("body", "typed"),
    [
        ({"kind": "simulate"}, ["simulate"]),
        (
            {"kind": "report", "with_risk": True, "runs": 500, "mitigation_runs": 200},
            ["run", "--no-brief", "--runs", "500", "--mitigation-runs", "200"],
        ),
    ],
    ids=["simulate-with-defaults", "report-with-risk"],
)
def test_the_service_gives_the_result_files_the_command_line_gives(
    busy_world: World, tmp_path: Path, body: dict[str, Any], typed: list[str]
) -> None:
    run = finished(busy_world, submit(busy_world, **body)["id"])
    assert run["state"] == "done", run["failure_reason"]
    results = busy_world.client.get(
        f"/api/v1/programs/{busy_world.a.program}/runs/{run['id']}/results",
        headers=busy_world.as_role(Role.PLANNER),
    ).json()["results"]
    scenario = tmp_path / "scenario.yaml"
    scenario.write_text(MINIMAL, "utf-8")
    out = tmp_path / "cli"
    command = [sys.executable, "-m", "surgeplan.cli", typed[0], str(scenario)]
    command += ["--out", str(out), *typed[1:]]
    subprocess.run(command, check=True, capture_output=True, cwd=REPOSITORY)
    typed_results = {
        path.name: json.loads(path.read_text("utf-8")) for path in out.glob("*.json")
    }
    assert sorted(results) == sorted(typed_results)
    assert "plan.json" in results
    assert "risk.json" in results
    for name, document in typed_results.items():
        assert comparable(results[name]) == comparable(document), name


@pytest.mark.slow
def test_a_compare_run_plans_two_versions_side_by_side(busy_world: World) -> None:
    program = busy_world.a.program
    path = f"/api/v1/programs/{program}/scenarios/{busy_world.a.scenario}"
    planner = busy_world.as_role(Role.PLANNER)
    etag = busy_world.client.get(path, headers=planner).headers["ETag"]
    saved = busy_world.client.post(
        path + "/versions",
        json={"content": MINIMAL + "\n# a variant\n", "message": "variant"},
        headers={**planner, "If-Match": etag},
    )
    assert saved.status_code == 201, saved.text
    run = submit(
        busy_world,
        kind="compare",
        version=1,
        compare_with=[{"scenario_id": busy_world.a.scenario, "version": 2}],
    )
    assert run["parameters"]["compare_with"] == f"{busy_world.a.scenario}:2"
    done = finished(busy_world, run["id"])
    assert done["state"] == "done", done["failure_reason"]
    files = busy_world.client.get(
        f"/api/v1/programs/{program}/runs/{run['id']}/artifacts", headers=planner
    ).json()
    assert {"compare.csv", "compare.html"} <= {file["name"] for file in files}
    csv_file = next(file for file in files if file["name"] == "compare.csv")
    text = busy_world.client.get(
        f"/api/v1/programs/{program}/runs/{run['id']}/artifacts/{csv_file['id']}",
        headers=planner,
    ).text
    assert "base-v1" in text
    assert "base-v2" in text


def test_a_compare_run_with_a_version_of_another_program_is_not_found(
    world: World,
) -> None:
    response = world.client.post(
        f"/api/v1/programs/{world.a.program}/runs",
        json={
            "kind": "compare",
            "scenario_id": world.a.scenario,
            "compare_with": [{"scenario_id": world.b.scenario}],
        },
        headers=world.as_role(Role.PLANNER),
    )
    assert response.status_code == 404
