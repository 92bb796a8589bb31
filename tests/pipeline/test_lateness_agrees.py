"""A milestone due mid-bucket has one verdict in plan.json, `check`, risk.json,
report.html and the brief.

The one-line plant makes at most 10 drones a week, planned week by week for 4 weeks
and in merged buckets after (each due week ends one). Four milestones, due on
Tuesdays: inside a weekly bucket, inside a 3-week bucket, one whose quantity is
reached only in the 4-week bucket after its due week, and the last.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from planning_cases import ONE_LINE
from typer.testing import CliRunner, Result

from surgeplan.cli import main as cli_main
from surgeplan.cli.exit_codes import ExitCode
from surgeplan.planning import Plan, load_plan
from surgeplan.risk.report import RiskReport, load_risk_report

pytestmark = pytest.mark.slow

DUE = {
    # id: (due date, quantity, on time, weeks late by the plan's buckets)
    "weekly-tuesday": (dt.date(2027, 1, 19), 25, True, 0.0),
    "merged-tuesday": (dt.date(2027, 2, 16), 70, True, 0.0),
    "late-into-four-weeks": (dt.date(2027, 3, 2), 110, False, 4.0),
    "last": (dt.date(2027, 4, 20), 150, True, 0.0),
}


def run(*arguments: object) -> Result:
    return CliRunner().invoke(cli_main.app, [str(argument) for argument in arguments])


@pytest.fixture(scope="module")
def scenario_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = copy.deepcopy(ONE_LINE)
    data["program"].update({"horizon_buckets": 16, "detailed_weeks": 4})
    data["demand"]["milestones"] = [
        {
            "id": milestone_id,
            "item": "drone",
            "delivery_point": "customer",
            "due_date": due.isoformat(),
            "cumulative_quantity": quantity,
        }
        for milestone_id, (due, quantity, _, _) in DUE.items()
    ]
    path = tmp_path_factory.mktemp("tuesdays") / "scenario.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    return path


@pytest.fixture(scope="module")
def folder(scenario_file: Path) -> Path:
    """Planned, checked, simulated (no risks: the plan reproduced) and reported."""
    out = scenario_file.parent / "run"
    for arguments in (
        ("plan", scenario_file, "--out", out, "--time-limit", "30"),
        ("check", scenario_file, "--out", out),
        ("simulate", scenario_file, "--out", out, "--runs", 20),
        ("report", scenario_file, "--out", out),
        ("brief", scenario_file, "--out", out),
    ):
        result = run(*arguments)
        assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def plan(folder: Path) -> Plan:
    return load_plan(folder / "plan.json")


@pytest.fixture(scope="module")
def risk(folder: Path) -> RiskReport:
    return load_risk_report(folder / "risk.json")


def test_the_plan_counts_a_milestone_reached_in_its_due_week_on_time(
    plan: Plan,
) -> None:
    records = {record.id: record for record in plan.milestones}
    spans = {bucket.index: bucket for bucket in plan.buckets}

    for milestone_id, (due, _, on_time, weeks_late) in DUE.items():
        record = records[milestone_id]
        due_bucket = spans[record.due_bucket]
        assert due_bucket.start <= due <= due_bucket.end
        assert due.weekday() == 1  # a Tuesday
        assert (record.weeks_late == 0) is on_time
        assert record.weeks_late == weeks_late
        assert record.met_bucket is not None
        assert record.met_date == spans[record.met_bucket].end
    # Reached by the Sunday after its Tuesday: on time, though met after the due day.
    weekly = records["weekly-tuesday"]
    assert weekly.met_date == dt.date(2027, 1, 24)
    assert spans[records["merged-tuesday"].due_bucket].start == dt.date(2027, 2, 1)
    late = records["late-into-four-weeks"]
    assert late.met_bucket is not None
    assert (spans[late.met_bucket].start, late.met_date) == (
        dt.date(2027, 3, 8),
        dt.date(2027, 4, 4),
    )


def test_the_simulation_without_risks_gives_each_milestone_the_plans_verdict(
    plan: Plan, risk: RiskReport
) -> None:
    records = {record.id: record for record in plan.milestones}
    spans = {bucket.index: bucket for bucket in plan.buckets}

    for milestone_id, (_, _, on_time, _) in DUE.items():
        odds = risk.milestone(milestone_id)
        record = records[milestone_id]
        assert odds.due_bucket_end == spans[record.due_bucket].end
        assert odds.probability_on_time == (1.0 if on_time else 0.0)
        if on_time:
            assert [reached.days_late for reached in odds.reached] == [0, 0, 0]
            assert odds.mean_days_late == 0.0
            continue
        # Late in every run, within the bucket the plan meets it in: the simulation
        # runs weekly, so it says in which of the bucket's weeks (at most the plan's).
        assert record.met_bucket is not None
        assert record.weeks_late is not None
        met = spans[record.met_bucket]
        for reached in odds.reached:
            assert reached.date is not None
            assert met.start <= reached.date <= met.end
            assert reached.days_late is not None
            assert 0 < reached.days_late <= 7 * record.weeks_late


def cells(row: Tag) -> list[str]:
    return [" ".join(cell.get_text(" ").split()) for cell in row.find_all("td")]


def test_the_report_tables_give_the_same_verdicts_and_state_the_granularity(
    folder: Path,
) -> None:
    page = BeautifulSoup((folder / "report.html").read_text("utf-8"), "html.parser")
    plan_rows = {
        cells(row)[0]: row
        for row in page.select("#part-deliveries table tbody tr")
        if row.find("td")
    }
    risk_rows = {
        cells(row)[0]: cells(row)
        for table in page.find_all("table")
        if "chance on time" in table.get_text()
        for row in table.select("tbody tr")
    }

    for milestone_id, (_, _, on_time, _) in DUE.items():
        row = plan_rows[milestone_id]
        late_cell = row.find_all("td")[6]
        assert ("good" in late_cell["class"]) is on_time
        assert risk_rows[milestone_id][2] == ("100 %" if on_time else "0 %")
    assert cells(plan_rows["weekly-tuesday"])[6] == "0 weeks"
    late = cells(plan_rows["late-into-four-weeks"])
    assert late[6] == "at most 4 weeks"
    assert "4-week bucket from" in late[5]
    note = page.select_one("#milestone-granularity")
    assert note is not None
    assert "weeks until 2027-02-01" in note.get_text()
    assert "whatever the weekday" in note.get_text()
    assert page.select_one("#risk-granularity") is not None


def test_the_brief_gives_the_same_verdicts(folder: Path) -> None:
    page = BeautifulSoup((folder / "brief.html").read_text("utf-8"), "html.parser")
    rows = {
        cells(row)[0]: row
        for table in page.find_all("table")
        if "met in the plan" in table.get_text()
        for row in table.select("tbody tr")
    }

    assert set(rows) == set(DUE)
    for milestone_id, (_, _, on_time, _) in DUE.items():
        met_cell = rows[milestone_id].find_all("td")[3]
        assert ("good" in met_cell["class"]) is on_time
        assert cells(rows[milestone_id])[4] == ("100 %" if on_time else "0 %")
    assert "at most 4 weeks late" in cells(rows["late-into-four-weeks"])[3]


def test_check_refuses_a_plan_that_calls_a_late_milestone_on_time(
    scenario_file: Path, folder: Path, tmp_path: Path
) -> None:
    data = json.loads((folder / "plan.json").read_text("utf-8"))
    for record in data["milestones"]:
        if record["id"] == "late-into-four-weeks":
            record["weeks_late"] = 0.0
        if record["id"] == "weekly-tuesday":
            # Met on the due day: finer than the plan's weekly bucket can say.
            record["met_date"] = "2027-01-19"
    tampered = tmp_path / "plan.json"
    tampered.write_text(json.dumps(data), "utf-8")

    result = run("check", scenario_file, tampered)

    assert result.exit_code == ExitCode.VIOLATIONS
    assert "late-into-four-weeks" in result.output
    assert "weekly-tuesday" in result.output
    assert "4.0 weeks late" in result.output
