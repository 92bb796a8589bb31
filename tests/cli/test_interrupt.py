"""Ctrl-C stops every long command within a second: exit 130, no half file."""

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from surgeplan.cli.exit_codes import ExitCode

ROOT = Path(__file__).resolve().parents[2]
DRONE = str(ROOT / "examples" / "uav-surge.yaml")
VARIANTS = [str(path) for path in sorted((ROOT / "examples" / "variants").glob("*"))]
STARTUP_S = 3.0
"""Time for the interpreter and imports, so that the signal comes mid-solve."""
STOP_WITHIN_S = 1.0

pytestmark = pytest.mark.slow

LONG_COMMANDS = {
    "plan": ["plan", DRONE],
    # Runs enough for a minute on a fast machine: the signal must find it working.
    "simulate": ["simulate", DRONE, "--runs", "200000"],
    "mitigate": ["mitigate", DRONE, "--runs", "100000"],
    "run": ["run", DRONE],
    "sensitivity": ["sensitivity", DRONE],
    "schedule": ["schedule", DRONE, "--site", "chassis-plant", "--start-week", "10",
                 "--weeks", "4", "--demand", "--time-limit", "60"],
    "compare": ["compare", *VARIANTS],
    "solve-shop": ["solve-shop", "{instance}", "--time-limit", "60"],
}  # fmt: skip


def job_shop(path: Path, jobs: int = 50, machines: int = 20) -> Path:
    """A random job-shop instance CP-SAT does not close in a minute."""
    draw = random.Random(7)
    lines = [f"{jobs} {machines}"]
    for _ in range(jobs):
        order = draw.sample(range(machines), machines)
        lines.append(" ".join(f"{m} {draw.randint(1, 99)}" for m in order))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A run folder with the drone plan, for the commands that start from one."""
    out = tmp_path_factory.mktemp("planned")
    subprocess.run(
        [sys.executable, "-m", "surgeplan.cli", "plan", DRONE, "--out", str(out)],
        check=True,
        capture_output=True,
    )
    return out


@pytest.mark.parametrize("name", sorted(LONG_COMMANDS))
def test_ctrl_c_stops_the_command_at_once(
    name: str, planned: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for source in planned.iterdir():
        (out / source.name).write_bytes(source.read_bytes())
    instance = str(job_shop(tmp_path / "shop.txt"))
    arguments = [a.replace("{instance}", instance) for a in LONG_COMMANDS[name]]
    if name != "solve-shop":
        arguments += ["--out", str(out)]
    process = subprocess.Popen(
        [sys.executable, "-m", "surgeplan.cli", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(STARTUP_S)
    assert process.poll() is None, "the command ended before it could be interrupted"

    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=STOP_WITHIN_S)

    assert process.returncode == ExitCode.INTERRUPTED
    assert "Traceback" not in stderr
    assert "interrupted" in stderr
    assert [path.name for path in out.iterdir() if ".part-" in path.name] == []
    for path in out.glob("*.json"):
        json.loads(path.read_text("utf-8"))
