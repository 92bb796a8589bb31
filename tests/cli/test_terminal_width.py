"""`plan` and `simulate` on a 100-column terminal: no line longer, nothing cut."""

from pathlib import Path

import pytest
from terminal import run_in_terminal

ROOT = Path(__file__).resolve().parents[2]
DRONE = ROOT / "examples" / "uav-surge.yaml"
COLUMNS = 100

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def plan_lines(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    # A short relative run folder: the paths the command prints are not cut either,
    # but a long temporary path alone would pass 100 columns.
    cwd = tmp_path_factory.mktemp("drone")
    lines = run_in_terminal(
        ["plan", str(DRONE), "--out", "run"], columns=COLUMNS, cwd=cwd
    )
    return cwd, lines


def assert_nothing_cut(lines: list[str]) -> None:
    assert max(len(line) for line in lines) <= COLUMNS
    assert [line for line in lines if "…" in line] == []


def test_the_plan_summary_fits_a_100_column_terminal(
    plan_lines: tuple[Path, list[str]],
) -> None:
    _, lines = plan_lines

    assert_nothing_cut(lines)
    assert any(line.startswith("Plan for") for line in lines)


def test_the_simulation_tables_fit_a_100_column_terminal(
    plan_lines: tuple[Path, list[str]],
) -> None:
    cwd, _ = plan_lines

    lines = run_in_terminal(
        ["simulate", str(DRONE), "--out", "run", "--runs", "500"],
        columns=COLUMNS,
        cwd=cwd,
    )

    assert_nothing_cut(lines)
    text = "\n".join(lines)
    assert "2028-12-24" in text
    assert "wrote run/risk.json" in text
