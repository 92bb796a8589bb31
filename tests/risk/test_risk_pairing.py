"""A risk file knows the plan it was made from; mismatched pairs are refused."""

import json
from pathlib import Path

import numpy as np
import pytest
import yaml
from risk_cases import line_plan, line_scenario_data, site_outage
from typer.testing import CliRunner, Result

from surgeplan.cli import main as cli_main
from surgeplan.cli.errors import ExitCode
from surgeplan.planning.results.plan import Plan, load_plan, plan_hash
from surgeplan.risk import (
    PairingError,
    RiskFileError,
    check_pairing,
    load_risk_report,
    simulate,
)
from surgeplan.scenario import Scenario

HORIZON = 20


def run(*args: object) -> Result:
    return CliRunner().invoke(cli_main.app, [str(arg) for arg in args])


def make_plan(scenario: Scenario, weekly_units: float = 20.0) -> Plan:
    return line_plan(scenario, {"plant": np.full(HORIZON, weekly_units)})


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Scenario]:
    data = line_scenario_data(
        horizon=HORIZON,
        risks={"site_disruptions": [site_outage(probability=0.1)]},
        milestones=(("all", 19, 300),),
    )
    scenario_file = tmp_path / "scenario.yaml"
    scenario_file.write_text(yaml.safe_dump(data), encoding="utf-8")
    scenario = Scenario.model_validate(data)
    plan_file = make_plan(scenario).save(tmp_path / "plan.json")
    return scenario_file, plan_file, scenario


def test_the_plan_hash_ignores_when_and_how_fast_the_plan_was_made(
    files: tuple[Path, Path, Scenario],
) -> None:
    _, plan_file, scenario = files
    plan = load_plan(plan_file)
    later = plan.model_copy(
        update={
            "created_at": plan.created_at.replace(year=2030),
            "solver": plan.solver.model_copy(update={"solve_seconds": 99.0}),
        }
    )

    assert plan_hash(later) == plan_hash(plan) == plan_hash(make_plan(scenario))
    assert plan_hash(make_plan(scenario, 21.0)) != plan_hash(plan)


def test_risk_json_records_the_plan_it_was_made_from(
    files: tuple[Path, Path, Scenario], tmp_path: Path
) -> None:
    _, plan_file, scenario = files
    plan = load_plan(plan_file)

    report = simulate(scenario, plan, runs=50, seed=1, contributions=False)

    assert load_risk_report(report.save(tmp_path / "risk.json")).plan_hash == (
        plan_hash(plan)
    )
    check_pairing(report, plan, result_file=tmp_path / "risk.json", plan_file="p")
    with pytest.raises(PairingError, match="surgeplan simulate SCENARIO --plan"):
        check_pairing(
            report,
            make_plan(scenario, 21.0),
            result_file=tmp_path / "risk.json",
            plan_file="other.json",
        )


def test_simulate_refuses_a_plan_made_from_another_scenario_version(
    files: tuple[Path, Path, Scenario], tmp_path: Path
) -> None:
    scenario_file, plan_file, _ = files
    data = yaml.safe_load(scenario_file.read_text(encoding="utf-8"))
    data["demand"]["milestones"][0]["cumulative_quantity"] = 320
    changed = tmp_path / "changed.yaml"
    changed.write_text(yaml.safe_dump(data), encoding="utf-8")

    result = run("simulate", changed, "--plan", plan_file, "--out", tmp_path / "r")

    assert result.exit_code == ExitCode.INVALID_INPUT
    message = " ".join(result.output.split())
    assert f"'{plan_file}' was made from another version of '{changed}'" in message
    assert f"make a matching one with `surgeplan plan {changed} --out" in message
    assert not (tmp_path / "r" / "risk.json").exists()


def test_report_refuses_a_risk_file_made_from_another_plan(
    files: tuple[Path, Path, Scenario], tmp_path: Path
) -> None:
    scenario_file, plan_file, scenario = files
    other_plan = make_plan(scenario, 21.0).save(tmp_path / "other-plan.json")
    simulated = run(
        "simulate",
        scenario_file,
        "--plan",
        other_plan,
        "--runs",
        50,
        "--out",
        tmp_path / "r",
    )
    assert simulated.exit_code == 0, simulated.output
    risk_file = tmp_path / "r" / "risk.json"

    for command in ("report", "brief"):
        result = run(
            command,
            scenario_file,
            "--plan",
            plan_file,
            "--risk",
            risk_file,
            "--out",
            tmp_path / command,
        )

        assert result.exit_code == ExitCode.INVALID_INPUT, result.output
        message = " ".join(result.output.split())
        assert f"'{risk_file}' was made from another plan than '{plan_file}'" in message
        assert "make a matching one with `surgeplan simulate" in message


def test_an_old_risk_file_is_named_as_such(
    files: tuple[Path, Path, Scenario], tmp_path: Path
) -> None:
    _, plan_file, scenario = files
    report = simulate(scenario, load_plan(plan_file), runs=20, seed=1)
    data = json.loads(report.to_json())
    data["format"] = "surgeplan-risk/1"
    old = tmp_path / "old-risk.json"
    old.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(RiskFileError) as refused:
        load_risk_report(old)

    assert "older format 'surgeplan-risk/1'" in str(refused.value)
    assert "surgeplan simulate" in str(refused.value)


def test_report_refuses_a_mitigation_ranking_made_from_another_plan(
    files: tuple[Path, Path, Scenario], tmp_path: Path
) -> None:
    scenario_file, plan_file, scenario = files
    data = yaml.safe_load(scenario_file.read_text(encoding="utf-8"))
    data["mitigations"] = [
        {
            "id": "guards",
            "cost": 1_000_000,
            "effects": [
                {"risk": "outage", "parameter": "probability_per_week", "multiply": 0.5}
            ],
        }
    ]
    scenario_file.write_text(yaml.safe_dump(data), encoding="utf-8")
    scenario = Scenario.model_validate(data)
    plan_file = make_plan(scenario).save(plan_file)
    other_plan = make_plan(scenario, 21.0).save(tmp_path / "other-plan.json")
    out = tmp_path / "r"
    for command, plan in (("simulate", plan_file), ("mitigate", other_plan)):
        made = run(command, scenario_file, "--plan", plan, "--runs", 50, "--out", out)
        assert made.exit_code == 0, made.output

    result = run(
        "report",
        scenario_file,
        "--plan",
        plan_file,
        "--risk",
        out / "risk.json",
        "--out",
        tmp_path / "report",
    )

    assert result.exit_code == ExitCode.INVALID_INPUT, result.output
    message = " ".join(result.output.split())
    assert f"'{out / 'mitigations.json'}' was made from another plan than" in message
    assert "make a matching one with `surgeplan mitigate" in message
