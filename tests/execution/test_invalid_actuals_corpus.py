"""Every broken actuals case in tests/data/invalid-actuals is refused with located
messages.

A case is a folder (or a workbook) NAME with a NAME.expected beside it: each line of
the .expected is a piece of text the output of `surgeplan status` must contain.
"""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from surgeplan.cli.main import app

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "uav-surge.yaml"
WEEK_20 = ROOT / "examples" / "uav-surge-week-20"

CORPUS = Path(__file__).parents[1] / "data" / "invalid-actuals"
MINIMUM_CASES = 20


def corpus_cases() -> list[Path]:
    return sorted(
        path
        for path in CORPUS.iterdir()
        if path.suffix != ".expected" and path.with_suffix(".expected").exists()
    )


def test_corpus_has_at_least_twenty_cases() -> None:
    assert len(corpus_cases()) >= MINIMUM_CASES


@pytest.mark.parametrize("case", corpus_cases(), ids=lambda case: case.name)
def test_status_refuses_the_case_with_located_messages(
    case: Path, tmp_path: Path
) -> None:
    result = CliRunner().invoke(
        app,
        [
            "status",
            str(EXAMPLE),
            "--plan",
            str(WEEK_20 / "plan.json"),
            "--actuals",
            str(case),
            "--out",
            str(tmp_path),
        ],
    )

    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for line in case.with_suffix(".expected").read_text("utf-8").splitlines():
        if line.strip():
            assert line in result.output, f"{line!r} missing from:\n{result.output}"
    assert not (tmp_path / "status.json").exists()
