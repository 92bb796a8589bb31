"""What `simulate` prints for people, for scripts (`--json`) and in full (`--wide`)."""

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from surgeplan.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[2]
DRONE = ROOT / "examples" / "uav-surge.yaml"

pytestmark = pytest.mark.slow


def run(*arguments: object, columns: int = 80) -> Result:
    return CliRunner().invoke(
        cli_main.app, [str(a) for a in arguments], env={"COLUMNS": str(columns)}
    )


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("drone")
    assert run("plan", DRONE, "--out", out, "--quiet").exit_code == 0
    return out


def test_simulate_json_prints_the_risk_file(planned: Path) -> None:
    result = run("simulate", DRONE, "--out", planned, "--runs", 300, "--json")

    assert result.exit_code == 0, result.output
    assert result.stdout == (planned / "risk.json").read_text("utf-8")


def test_the_odds_fit_the_width_given_and_wide_prints_whole_lines(
    planned: Path,
) -> None:
    common = ("simulate", DRONE, "--out", planned, "--runs", 300, "--no-contributions")

    narrow = run(*common, columns=100)
    wide = run(*common, "--wide", columns=100)

    assert max(len(line) for line in narrow.stdout.splitlines()) <= 100
    assert max(len(line) for line in wide.stdout.splitlines()) > 100
    assert "abroad-first-series" in wide.stdout
    assert "…" not in narrow.stdout + wide.stdout
