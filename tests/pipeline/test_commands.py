from pathlib import Path

import pytest

from surgeplan.cli import main as cli_main
from surgeplan.pipeline import defaults
from surgeplan.pipeline.commands import Stage, command_line, shown
from surgeplan.service.bodies import RunCreate
from surgeplan.service.jobs import commands as service_commands
from surgeplan.store.records import RunKind

SCENARIO = Path("s.yaml")
OUT = Path("out")


def _default(command: str, option: str) -> object:
    import typer.main

    group = typer.main.get_command(cli_main.app)
    found = group.commands[command]  # type: ignore[attr-defined]
    (parameter,) = [p for p in found.params if option in p.opts]
    return parameter.default


def test_the_service_simulates_with_the_command_lines_defaults() -> None:
    parameters = service_commands.run_parameters(
        RunCreate(kind=RunKind.SIMULATE, scenario_id=1)
    )

    assert parameters == {"runs": defaults.SIMULATION_RUNS, "seed": defaults.SEED}
    assert _default("simulate", "--runs") == defaults.SIMULATION_RUNS
    assert _default("simulate", "--seed") == defaults.SEED


@pytest.mark.parametrize(
    ("command", "option", "value"),
    [
        ("plan", "--time-limit", defaults.PLAN_TIME_LIMIT_S),
        ("plan", "--threads", defaults.PLAN_THREADS),
        ("mitigate", "--runs", defaults.MITIGATION_RUNS),
        ("simulate", "--contribution-runs", defaults.CONTRIBUTION_RUNS),
        ("schedule", "--seed", defaults.SEED),
        ("schedule", "--threads", defaults.SCHEDULE_THREADS),
        ("run", "--runs", defaults.SIMULATION_RUNS),
        ("run", "--mitigation-runs", defaults.MITIGATION_RUNS),
    ],
)
def test_every_command_takes_its_defaults_from_the_pipeline(
    command: str, option: str, value: object
) -> None:
    assert _default(command, option) == value


PARAMETERS: dict[RunKind, dict[str, int | str]] = {
    RunKind.SCHEDULE: {"site": "plant", "start_week": 2, "weeks": 1},
    RunKind.STATUS: {"runs": 2000, "seed": 7},
}


def test_each_run_kind_is_the_command_line_of_its_stage() -> None:
    lines = {
        kind: service_commands.command_line(
            kind,
            SCENARIO,
            OUT,
            PARAMETERS.get(kind, {}),
        )
        for kind in RunKind
    }
    inputs = Path("inputs")

    assert lines[RunKind.VALIDATE] == ["validate", "s.yaml"]
    assert lines[RunKind.PLAN] == ["plan", "s.yaml", "--out", "out"]
    assert lines[RunKind.SIMULATE] == ["simulate", "s.yaml", "--out", "out"]
    assert lines[RunKind.REPORT] == [
        *command_line(Stage.RUN, SCENARIO, OUT),
        "--no-risk",
        "--no-brief",
    ]
    assert lines[RunKind.SCHEDULE] == [
        "schedule", "s.yaml", "--out", "out",
        "--site", "plant", "--start-week", "2", "--weeks", "1",
    ]  # fmt: skip
    # Status and re-plan read the plan and actuals the runner copies beside the
    # scenario; a status run's forecast takes its runs and seed from the run.
    assert lines[RunKind.STATUS] == [
        "status", "s.yaml",
        "--plan", str(inputs / "plan.json"), "--actuals", str(inputs / "actuals.json"),
        "--out", "out", "--runs", "2000", "--seed", "7",
    ]  # fmt: skip
    assert lines[RunKind.REPLAN] == [
        "replan", "s.yaml",
        "--plan", str(inputs / "plan.json"), "--actuals", str(inputs / "actuals.json"),
        "--out", "out",
    ]  # fmt: skip


def test_a_shown_command_is_what_a_person_types() -> None:
    assert shown(Stage.SIMULATE, Path("my surge.yaml"), OUT) == (
        "surgeplan simulate 'my surge.yaml' --out out"
    )
