import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from surgeplan.cli.solve_shop import register
from surgeplan.scheduling.shop import (
    ScheduledOperation,
    ShopSolution,
    ShopStatus,
    check_shop_solution,
    read_shop_instance,
)

BENCHMARKS = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks"


def benchmark_file(relative: str) -> Path:
    path = BENCHMARKS / relative
    if not path.exists():
        pytest.skip(f"benchmark instance {path} is missing (../shared/benchmarks)")
    return path


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.callback()
    def main() -> None:
        """Keep solve-shop a sub-command, as in the surgeplan app."""

    return app


def solution_from_json(document: dict[str, Any]) -> ShopSolution:
    schedule = tuple(
        tuple(ScheduledOperation(op["machine"], op["start"], op["end"]) for op in job)
        for job in document["schedule"]
    )
    return ShopSolution(
        document["makespan"],
        document["lower_bound"],
        ShopStatus(document["status"]),
        document["seconds"],
        schedule,
    )


def test_ft06_as_json_has_makespan_55_and_a_valid_schedule(app: typer.Typer) -> None:
    path = benchmark_file("jsp/ft06.txt")

    result = CliRunner().invoke(
        app, ["solve-shop", str(path), "--time-limit", "20", "--json"]
    )

    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["makespan"] == 55
    assert document["status"] == "optimal"
    assert document["format"] == "jsp"
    assert {"lower_bound", "seconds"} <= document.keys()
    solution = solution_from_json(document)
    assert check_shop_solution(read_shop_instance(path), solution) == []
    assert min(op.machine for job in solution.operations_by_job for op in job) == 0


def test_flexible_instance_keeps_machines_numbered_from_one(
    app: typer.Typer, tmp_path: Path
) -> None:
    path = tmp_path / "tiny.fjs"
    path.write_text("2 2 1.5\n2 1 1 3 2 1 2 2 4\n1 1 2 5\n")

    result = CliRunner().invoke(
        app, ["solve-shop", str(path), "--time-limit", "5", "--json"]
    )

    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["format"] == "fjsp"
    assert document["makespan"] == 5
    machines = {op["machine"] for job in document["schedule"] for op in job}
    assert machines <= {1, 2}


def test_without_json_a_summary_table_is_printed(app: typer.Typer) -> None:
    path = benchmark_file("jsp/ft06.txt")

    result = CliRunner().invoke(app, ["solve-shop", str(path), "--time-limit", "20"])

    assert result.exit_code == 0, result.output
    assert "makespan" in result.stdout
    assert "55" in result.stdout


def test_a_malformed_file_gives_one_located_line_and_exit_code_2(
    app: typer.Typer, tmp_path: Path
) -> None:
    path = tmp_path / "broken.txt"
    path.write_text("2 2\n0 3 1 2\n1 4 0\n")

    result = CliRunner().invoke(app, ["solve-shop", str(path), "--json"])

    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert f"{path}:3:" in lines[0]
    assert "Traceback" not in result.output


def test_a_missing_file_gives_exit_code_2(app: typer.Typer, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["solve-shop", str(tmp_path / "gone.txt")])

    assert result.exit_code == 2
    assert "gone.txt: no such file" in result.stderr


def test_format_option_overrides_the_extension(
    app: typer.Typer, tmp_path: Path
) -> None:
    path = tmp_path / "flexible.txt"
    path.write_text("1 2 1\n1 2 1 3 2 2\n")

    result = CliRunner().invoke(
        app, ["solve-shop", str(path), "--format", "fjsp", "--json"]
    )

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["makespan"] == 2
