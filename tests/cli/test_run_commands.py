"""`run` does the whole flow into one folder; `sensitivity` feeds the tornado."""

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from surgeplan.cli import main as cli_main
from surgeplan.pipeline.folder import MANIFEST_FILE, read_manifest

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "examples" / "minimal.yaml"

pytestmark = pytest.mark.slow


def run(*arguments: object) -> Result:
    return CliRunner().invoke(cli_main.app, [str(a) for a in arguments])


def test_run_writes_every_result_of_the_flow_into_one_folder(tmp_path: Path) -> None:
    result = run("run", MINIMAL, "--out", tmp_path, "--runs", 300, "--no-brief")

    assert result.exit_code == 0, result.output
    names = {path.name for path in tmp_path.iterdir()}
    assert {"plan.json", "plan.xlsx", "risk.json", "report.html", MANIFEST_FILE} <= (
        names
    )
    origins = read_manifest(tmp_path).origins
    assert origins["risk.json"].plan_hash == origins["report.html"].plan_hash
    assert "Delivered 500 units" in result.stdout
    assert "plan " in result.stderr
    assert "report " in result.stderr


def test_the_report_shows_the_tornado_once_sensitivity_ran(tmp_path: Path) -> None:
    assert run("plan", MINIMAL, "--out", tmp_path, "--quiet").exit_code == 0
    assert run("report", MINIMAL, "--out", tmp_path).exit_code == 0
    without = (tmp_path / "report.html").read_text("utf-8")

    assert run("sensitivity", MINIMAL, "--out", tmp_path).exit_code == 0
    assert run("report", MINIMAL, "--out", tmp_path).exit_code == 0
    with_it = (tmp_path / "report.html").read_text("utf-8")

    assert 'id="fig-tornado"' not in without
    assert 'id="fig-tornado"' in with_it
