"""plan.xlsx speaks --lang: on `plan` and on `run`, else the scenario's language."""

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner, Result

from surgeplan.cli import main as cli_main

MINIMAL = Path(__file__).resolve().parents[2] / "examples" / "minimal.yaml"


def surgeplan(*args: object) -> Result:
    return CliRunner().invoke(cli_main.app, [str(arg) for arg in args])


def sheet_names(folder: Path) -> list[str]:
    return openpyxl.load_workbook(folder / "plan.xlsx", read_only=True).sheetnames


@pytest.mark.slow
def test_plan_lang_fr_writes_a_french_workbook(tmp_path: Path) -> None:
    result = surgeplan("plan", MINIMAL, "--out", tmp_path, "--lang", "fr", "--quiet")

    assert result.exit_code == 0, result.output
    names = sheet_names(tmp_path)
    assert names[:3] == ["Synthèse", "Production", "Capacité"]
    summary = openpyxl.load_workbook(tmp_path / "plan.xlsx")["Synthèse"]
    assert summary.cell(2, 1).value == "Scénario"


@pytest.mark.slow
def test_run_lang_fr_writes_plan_xlsx_in_french_too(tmp_path: Path) -> None:
    result = surgeplan(
        "run", MINIMAL, "--out", tmp_path, "--lang", "fr", "--no-risk", "--no-brief"
    )

    assert result.exit_code == 0, result.output
    assert sheet_names(tmp_path)[0] == "Synthèse"
    assert '<html lang="fr">' in (tmp_path / "report.html").read_text("utf-8")


@pytest.mark.slow
def test_plan_without_lang_keeps_the_english_workbook(tmp_path: Path) -> None:
    result = surgeplan("plan", MINIMAL, "--out", tmp_path, "--quiet")

    assert result.exit_code == 0, result.output
    assert sheet_names(tmp_path)[:2] == ["Summary", "production"]
