"""The same scenario and defaults give the same files through API, CLI and service."""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from surgeplan.pipeline import plans, risks
from surgeplan.pipeline.folder import RunFolder
from surgeplan.pipeline.options import PlanOptions
from surgeplan.pipeline.risk_options import SimulationOptions
from surgeplan.scenario import load_scenario
from surgeplan.service.bodies import RunCreate
from surgeplan.service.jobs.commands import run_parameters
from surgeplan.service.jobs.runner import RunProcess
from surgeplan.store.records import RunKind, RunState
from surgeplan.store.run_queue import ClaimedRun

pytestmark = pytest.mark.slow

MINIMAL = Path(__file__).resolve().parents[2] / "examples" / "minimal.yaml"
SERVICE_TIMEOUT_S = 300


def decisions(plan_text: str) -> dict[str, object]:
    """A plan file without when and how fast it was solved."""
    content: dict[str, object] = json.loads(plan_text)
    del content["created_at"], content["solver"]
    return content


def through_the_api(out: Path) -> dict[str, str]:
    scenario = load_scenario(MINIMAL)
    folder = RunFolder(out, MINIMAL)
    folder.prepare()
    used = plans.make_plan(scenario, folder, PlanOptions())
    risks.simulate(scenario, used, folder, SimulationOptions())
    return {
        name: (out / name).read_text("utf-8") for name in ("plan.json", "risk.json")
    }


def through_the_cli(out: Path) -> dict[str, str]:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "surgeplan.cli",
            "simulate",
            str(MINIMAL),
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    return {
        name: (out / name).read_text("utf-8") for name in ("plan.json", "risk.json")
    }


def through_the_service() -> dict[str, str]:
    parameters = run_parameters(RunCreate(kind=RunKind.SIMULATE, scenario_id=1))
    claimed = ClaimedRun(
        id=1,
        program_id=1,
        kind=RunKind.SIMULATE.value,
        parameters=parameters,
        content=MINIMAL.read_text("utf-8"),
        version_sha256="",
        attempt=1,
    )
    run = RunProcess(claimed, timeout_s=SERVICE_TIMEOUT_S)
    while (code := run.poll()) is None:
        time.sleep(0.1)
    outcome = run.outcome(code)
    assert outcome.state is RunState.DONE, outcome.stderr_tail
    return outcome.results


def test_api_cli_and_service_write_the_same_plan_and_risk_files(tmp_path: Path) -> None:
    api = through_the_api(tmp_path / "api")
    cli = through_the_cli(tmp_path / "cli")
    service = through_the_service()

    assert decisions(api["plan.json"]) == decisions(cli["plan.json"])
    assert decisions(api["plan.json"]) == decisions(service["plan.json"])
    assert api["risk.json"] == cli["risk.json"] == service["risk.json"]
