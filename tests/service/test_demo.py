"""`serve --demo`: a database with a program, its scenario and a done brief run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from world import REPOSITORY

from surgeplan.service.demo import (
    DEMO_PROGRAM,
    DEMO_USER,
    prepare_demo,
    reusable_results,
)
from surgeplan.service.settings import Settings
from surgeplan.store.audit_verify import verify_trail
from surgeplan.store.checkpoints import load_key
from surgeplan.store.database import Database
from surgeplan.store.engine import make_engine

MINIMAL = REPOSITORY / "examples" / "minimal.yaml"
UAV = REPOSITORY / "examples" / "uav-surge.yaml"


@pytest.fixture(scope="module")
def made_demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `make demo` leaves, for the small example (fewer runs: quicker)."""
    out = tmp_path_factory.mktemp("demo") / "out"
    command = [sys.executable, "-m", "surgeplan.cli", "run", str(MINIMAL)]
    command += ["--out", str(out), "--runs", "300", "--mitigation-runs", "100"]
    subprocess.run(command, check=True, capture_output=True, cwd=REPOSITORY)
    return out


def settings_in(folder: Path) -> Settings:
    return Settings(db=f"sqlite:///{folder / 'demo.db'}", start_jobs=False)


def test_results_made_from_another_scenario_are_not_reused(
    made_demo_folder: Path, tmp_path: Path
) -> None:
    assert reusable_results(made_demo_folder, MINIMAL)
    assert not reusable_results(made_demo_folder, UAV)
    assert not reusable_results(tmp_path, MINIMAL)


@pytest.mark.slow
def test_the_demo_serves_the_made_results_to_the_account_it_printed(
    made_demo_folder: Path, tmp_path: Path
) -> None:
    from surgeplan.service.app import create_app

    settings = settings_in(tmp_path)
    demo = prepare_demo(settings, MINIMAL, made_demo_folder)
    assert demo.is_new
    assert demo.reused == made_demo_folder
    assert demo.password is not None
    with TestClient(create_app(settings)) as client:
        login = client.post(
            "/api/v1/auth/login",
            json={"username": DEMO_USER, "password": demo.password},
        )
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        programs = client.get("/api/v1/programs", headers=headers).json()["items"]
        assert [p["name"] for p in programs] == [DEMO_PROGRAM]
        base = f"/api/v1/programs/{demo.program_id}/runs/{demo.run_id}"
        run = client.get(base, headers=headers).json()
        assert (run["kind"], run["state"]) == ("brief", "done")
        results = client.get(base + "/results", headers=headers).json()["results"]
        assert {"plan.json", "risk.json", "run.json"} <= set(results)
        files = {
            f["name"] for f in client.get(base + "/artifacts", headers=headers).json()
        }
        assert {"report.html", "brief.pdf"} <= files
    database = Database(make_engine(settings.url))
    key_path, checkpoints = settings.audit_files()
    with database.read() as session:
        verdict = verify_trail(session, checkpoints, load_key(key_path, create=False))
    assert verdict.is_intact
    database.dispose()


@pytest.mark.slow
def test_a_second_start_reuses_the_demo_and_prints_no_password(
    made_demo_folder: Path, tmp_path: Path
) -> None:
    settings = settings_in(tmp_path)
    assert prepare_demo(settings, MINIMAL, made_demo_folder).is_new
    again = prepare_demo(settings, MINIMAL, made_demo_folder)
    assert (again.is_new, again.password) == (False, None)
