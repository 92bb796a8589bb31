"""`surgeplan validate --lang fr`: every problem said in French, where it was."""

from pathlib import Path

from typer.testing import CliRunner, Result

from surgeplan.cli import main as cli_main
from surgeplan.cli.errors import ExitCode

ROOT = Path(__file__).parents[2]
INVALID = ROOT / "tests" / "data" / "invalid"
MINIMAL = ROOT / "examples" / "minimal.yaml"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli_main.app, list(args))


def test_a_yaml_syntax_error_is_french_and_keeps_its_file_and_line() -> None:
    broken = INVALID / "yaml-syntax-error.yaml"

    result = run("validate", str(broken), "--lang", "fr")

    assert result.exit_code == ExitCode.INVALID_INPUT
    lines = result.stderr.strip().splitlines()
    assert lines[0] == (
        f"{broken}:18: sites: YAML invalide\u202f: ',' ou ']' attendu, mais ':' "
        "trouvé (en lisant une liste […])"
    )
    assert lines[-1].startswith(
        f"1 anomalie trouvée. Corrigez puis relancez `surgeplan validate {broken}`"
    )
    assert "Traceback" not in result.output


def test_a_broken_workbook_is_french_and_keeps_its_sheet_row_and_column() -> None:
    broken = INVALID / "xlsx-problems-in-six-sheets.xlsx"

    result = run("validate", str(broken), "--lang", "fr")

    assert result.exit_code == ExitCode.INVALID_INPUT
    lines = result.stderr.strip().splitlines()
    assert (
        f"{broken}: feuille 'Program', ligne 7, colonne B (value): "
        "program.horizon_buckets: la cellule B7 contient une formule (=20+6)\u202f; "
        "saisissez la valeur"
    ) in lines
    assert any(
        "feuille 'WorkCenters'" in line and "doit être un nombre entier" in line
        for line in lines
    )
    assert lines[-1].startswith("6 anomalies trouvées.")


def test_the_same_file_without_lang_is_explained_in_english() -> None:
    broken = INVALID / "xlsx-problems-in-six-sheets.xlsx"

    result = run("validate", str(broken))

    assert result.exit_code == ExitCode.INVALID_INPUT
    assert (
        f"{broken}: sheet 'Program', row 7, column B (value): "
        "program.horizon_buckets: cell B7 holds a formula (=20+6); type the value"
    ) in result.stderr.splitlines()
    assert "6 problems found." in result.stderr


def test_a_valid_scenario_is_summed_up_in_french() -> None:
    result = run("validate", str(MINIMAL), "--lang", "fr")

    assert result.exit_code == 0
    assert result.stdout.strip() == (
        f"OK {MINIMAL}\u202f: 1 site, 1 poste de charge, 2 articles, 2 jalons"
    )


def test_report_reads_a_broken_scenario_in_the_language_of_its_lang(
    tmp_path: Path,
) -> None:
    broken = INVALID / "unknown-site-in-lane.yaml"

    result = run("report", str(broken), "--lang", "fr", "--out", str(tmp_path))

    assert result.exit_code == ExitCode.INVALID_INPUT
    assert (
        f"{broken}:69: lanes[0].origin: site 'plnt' introuvable\u202f; "
        "vouliez-vous dire 'plant'\u202f?"
    ) in result.stderr.splitlines()
    assert "1 anomalie trouvée. Corrigez puis relancez" in result.stderr
