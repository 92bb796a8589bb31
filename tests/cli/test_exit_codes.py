"""One exit-code table: the same in `--help`, docs/cli.md and README.md."""

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from surgeplan.cli import main as cli_main
from surgeplan.cli.exit_codes import MEANINGS, ExitCode, help_text

ROOT = Path(__file__).resolve().parents[2]


def _table(document: Path) -> dict[int, str]:
    """The exit-code table of a Markdown document: code -> meaning."""
    text = document.read_text("utf-8")
    section = text[text.index("Exit codes") :]
    rows = re.findall(r"^\| (\d+) \| (.+?) \|$", section, flags=re.MULTILINE)
    return {int(code): meaning for code, meaning in rows}


@pytest.mark.parametrize("document", ["docs/cli.md", "README.md"])
def test_the_documents_show_the_table_of_the_code(document: str) -> None:
    assert _table(ROOT / document) == {
        code.value: meaning.detail for code, meaning in MEANINGS.items()
    }


def test_help_ends_with_the_table() -> None:
    result = CliRunner().invoke(cli_main.app, ["--help"], env={"COLUMNS": "200"})

    assert help_text() in " ".join(result.stdout.split())


def test_ctrl_c_is_the_shells_code_for_an_interrupt() -> None:
    assert ExitCode.INTERRUPTED == 128 + 2


def test_no_command_exits_with_a_bare_number() -> None:
    sources = (ROOT / "src" / "surgeplan" / "cli").glob("*.py")
    bare = [
        f"{path.name}: {line.strip()}"
        for path in sources
        if path.name != "service_commands.py"
        for line in path.read_text("utf-8").splitlines()
        if re.search(r"Exit\(\d", line)
    ]

    assert bare == []


def test_a_plan_that_breaks_a_constraint_is_code_4_for_every_command() -> None:
    import typer

    from surgeplan.cli.errors import reported_input_errors
    from surgeplan.pipeline.errors import PlanBreaksConstraintsError

    with pytest.raises(typer.Exit) as stopped, reported_input_errors():
        raise PlanBreaksConstraintsError("1 constraints broken", ["capacity: x"])

    assert stopped.value.exit_code == ExitCode.VIOLATIONS
