"""Every broken scenario in tests/data/invalid is refused with located messages.

A case is a file NAME.ext (or a folder NAME holding scenario.yaml) with a NAME.expected
beside it: each line of the .expected is a piece of text the output of
`surgeplan validate NAME.ext` must contain.
"""

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from surgeplan.cli.main import app

CORPUS = Path(__file__).parents[1] / "data" / "invalid"
SURGEPLAN = Path(sys.executable).parent / "surgeplan"
MINIMUM_CASES = 40


def corpus_cases() -> list[Path]:
    return sorted(
        path
        for path in CORPUS.iterdir()
        if path.suffix != ".expected" and path.with_suffix(".expected").exists()
    )


def expected_lines(case: Path) -> list[str]:
    text = case.with_suffix(".expected").read_text("utf-8")
    return [line for line in text.splitlines() if line.strip()]


def assert_refused(case: Path, exit_code: int, output: str) -> None:
    assert exit_code == 2, output
    assert "Traceback" not in output
    for line in expected_lines(case):
        assert line in output, f"{line!r} missing from:\n{output}"


def test_corpus_has_enough_cases() -> None:
    assert len(corpus_cases()) >= MINIMUM_CASES


def test_every_case_file_has_expectations() -> None:
    for case in corpus_cases():
        assert expected_lines(case), f"{case.name}: empty .expected"


@pytest.mark.parametrize("case", corpus_cases(), ids=lambda case: case.name)
def test_validate_refuses_the_case_with_located_messages(case: Path) -> None:
    result = CliRunner().invoke(app, ["validate", str(case)])

    assert_refused(case, result.exit_code, result.output)
    assert result.stdout == ""


@pytest.mark.parametrize(
    "name",
    [
        "unknown-site-in-supplier.yaml",
        "billion-laughs.yaml",
        "json-trailing-comma.json",
    ],
)
def test_the_installed_command_refuses_the_case(name: str) -> None:
    case = CORPUS / name

    completed = subprocess.run(
        [str(SURGEPLAN), "validate", str(case)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert_refused(case, completed.returncode, completed.stdout + completed.stderr)
    assert completed.stdout == ""
