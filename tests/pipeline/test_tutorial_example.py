"""The tutorial example through the command line: validate, plan, check, simulate,
report.

examples/tutorial-consortium.yaml uses an opening stock, a gate, a family milestone
and a shared pool of technicians; each is checked where a user would look for it
(plan.json, risk.json, the terminal), against figures worked out by hand in the
example's comments.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from typer.testing import CliRunner, Result

from surgeplan.cli import main as cli_main
from surgeplan.planning import Plan, load_plan
from surgeplan.planning import plan as plan_scenario
from surgeplan.risk.report import RiskReport, load_risk_report
from surgeplan.scenario import Scenario, load_scenario

pytestmark = pytest.mark.slow

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "tutorial-consortium.yaml"
RUNS = 4_000


def run(*arguments: object) -> Result:
    return CliRunner().invoke(cli_main.app, [str(argument) for argument in arguments])


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(EXAMPLE)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example validated, planned, checked and simulated into one run folder."""
    out = tmp_path_factory.mktemp("tutorial") / "run"
    validated = run("validate", EXAMPLE)
    assert validated.exit_code == 0, validated.output
    planned = run("plan", EXAMPLE, "--out", out, "--time-limit", "30")
    assert planned.exit_code == 0, planned.output
    checked = run("check", EXAMPLE, "--out", out)
    assert checked.exit_code == 0, checked.output
    assert "every constraint holds" in checked.output
    simulated = run("simulate", EXAMPLE, "--out", out, "--runs", RUNS, "--seed", 7)
    assert simulated.exit_code == 0, simulated.output
    (out / "simulate.txt").write_text(simulated.output, "utf-8")
    reported = run("report", EXAMPLE, "--out", out)
    assert reported.exit_code == 0, reported.output
    return out


@pytest.fixture(scope="module")
def plan(folder: Path) -> Plan:
    return load_plan(folder / "plan.json")


@pytest.fixture(scope="module")
def risk(folder: Path) -> RiskReport:
    return load_risk_report(folder / "risk.json")


def made_by_bucket(plan: Plan, item: str, site: str | None = None) -> dict[int, float]:
    """Units of an item through its last operation (test), by bucket."""
    units: dict[int, float] = defaultdict(float)
    for record in plan.production:
        is_here = site is None or record.site == site
        if record.item == item and record.operation == "test" and is_here:
            units[record.bucket] += record.units
    return units


def delivered(plan: Plan, item: str) -> dict[int, float]:
    units: dict[int, float] = defaultdict(float)
    for record in plan.deliveries:
        if record.item == item:
            units[record.bucket] += record.units
    return units


def test_no_compact_ventilator_is_made_before_the_week_after_its_approval(
    scenario: Scenario, plan: Plan
) -> None:
    (gate,) = scenario.gates
    starts = {bucket.index: bucket.start for bucket in plan.buckets}
    compact = {
        b: u for b, u in made_by_bucket(plan, "compact-ventilator").items() if u > 0
    }
    assemble = [
        record.bucket
        for record in plan.production
        if record.item == "compact-ventilator" and record.units > 1e-6
    ]

    # Approved Thursday 22 Apr 2027: the first week open to it starts Monday 26 Apr.
    assert gate.date == dt.date(2027, 4, 22)
    assert all(starts[bucket] >= gate.date for bucket in assemble)
    assert min(compact) == 4
    assert starts[4] == dt.date(2027, 4, 26)
    # The order needs the compact model: both halls make it from then on.
    assert made_by_bucket(plan, "compact-ventilator", "hall-a")[4] > 0
    assert made_by_bucket(plan, "compact-ventilator", "hall-b")[4] > 0


def test_the_pilot_runs_stock_and_kits_are_delivered_in_the_first_week(
    plan: Plan,
) -> None:
    made = made_by_bucket(plan, "ventilator")
    shipped = delivered(plan, "ventilator")

    # No purchase arrives in week 1 (a week's lead time): the 60 kits in stock make
    # 60 units, and the 40 finished units in stock go out with them.
    assert made[0] == pytest.approx(60.0)
    assert shipped[0] == pytest.approx(100.0)
    assert sum(shipped.values()) == pytest.approx(sum(made.values()) + 40.0)
    assert not [p for p in plan.purchases if p.arrival_bucket == 0 and p.units > 0]


def test_the_family_milestone_is_met_by_both_models_together(plan: Plan) -> None:
    order = next(record for record in plan.milestones if record.id == "national-order")
    due = order.due_bucket
    by_due = {
        item: sum(
            units for bucket, units in delivered(plan, item).items() if bucket <= due
        )
        for item in ("ventilator", "compact-ventilator")
    }

    assert order.quantity == 1_800
    assert order.weeks_late == 0
    assert order.delivered_by_due == pytest.approx(sum(by_due.values()), abs=1e-6)
    assert sum(by_due.values()) >= 1_800 - 1e-6
    # Neither model alone would meet it.
    assert all(units < 1_800 for units in by_due.values())
    assert min(by_due.values()) > 0


def test_technicians_lent_by_firm_a_work_in_firm_bs_hall(
    scenario: Scenario, plan: Plan
) -> None:
    (loan,) = scenario.labour_loans
    borrowed = {r.bucket: r for r in plan.labour if r.site == "hall-b"}
    lent = {r.bucket: r.people_lent for r in plan.labour if r.site == "hall-a"}
    (own,) = scenario.site("hall-b").workforce
    own_hours = own.headcount * own.hours_per_week * (1 + own.overtime_share_max)
    working = [b for b, r in borrowed.items() if r.people_borrowed > 1e-6]

    assert working, "the plan borrows nobody"
    for bucket in working:
        record = borrowed[bucket]
        # Away from hall A a week before they work in hall B.
        assert lent[bucket - loan.lead_time_weeks] == pytest.approx(
            record.people_borrowed
        )
        assert record.people_borrowed <= loan.people_max + 1e-6
        # Hall B works more hours than its own two technicians have.
        assert record.hours + record.overtime_hours > own_hours + 1.0
    assert not [b for b in borrowed if b < loan.lead_time_weeks and lent.get(b, 0)]


def test_without_the_loans_the_order_is_not_met(scenario: Scenario) -> None:
    alone = scenario.model_copy(update={"labour_loans": []})

    result = plan_scenario(alone, time_limit_s=30)

    order = next(r for r in result.milestones if r.id == "national-order")
    # Firm B's two technicians make 11 ventilators or 15 compact ones a week.
    assert order.met_bucket is None
    assert order.delivered_by_due < 1_700


def test_the_approvals_slip_leaves_the_order_on_time_in_about_half_the_runs(
    risk: RiskReport,
) -> None:
    order = risk.milestone("national-order")
    batch = risk.milestone("clinical-batch")

    # The order is on time only if the approval comes before Monday 26 Apr, 4 days
    # (4/7 week) after its date; the slip is triangular(0, 0, 2) weeks:
    # P = 1 - (2 - 4/7)^2 / 4 = 0.4898.
    expected = 1 - (2 - 4 / 7) ** 2 / 4
    standard_error = (expected * (1 - expected) / RUNS) ** 0.5
    assert abs(order.probability_on_time - expected) < 4 * standard_error
    assert order.quantity == 1_800
    # The clinical batch is full ventilators, which no gate holds back.
    assert batch.probability_on_time == 1.0
    gate = next(c for c in risk.contributions if c.risk == "compact-approval")
    assert gate.key_milestones.probability_gained > 0.4


def test_the_delivery_fan_tells_the_two_models_at_the_depot_apart(
    folder: Path, risk: RiskReport, plan: Plan
) -> None:
    last = {
        point.item: point
        for point in risk.fan
        if point.delivery_point == "national-depot"
        and point.bucket == len(plan.buckets) - 1
    }
    rows = [
        line.split()
        for line in (folder / "simulate.txt").read_text("utf-8").splitlines()
        if "national-depot" in line and "2027-06-20" in line
    ]

    assert set(last) == {"ventilator", "compact-ventilator"}
    assert last["ventilator"].planned == pytest.approx(
        sum(delivered(plan, "ventilator").values())
    )
    # The terminal's fan table starts each row with its item.
    assert sorted(row[0] for row in rows) == ["compact-ventilator", "ventilator"]
    planned = {row[0]: float(row[3].replace(",", "")) for row in rows}
    assert planned == pytest.approx(
        {item: round(point.planned) for item, point in last.items()}
    )


def test_the_reports_fan_and_the_fan_table_name_each_model(
    folder: Path, risk: RiskReport
) -> None:
    page = BeautifulSoup((folder / "report.html").read_text("utf-8"), "html.parser")
    block = page.find("script", id="fig-risk-fan")
    assert block is not None
    assert block.string is not None
    medians = {
        trace["name"].removesuffix(": median"): trace["y"]
        for trace in json.loads(block.string)["data"]
        if trace["name"].endswith(": median")
    }
    table = risk.table("fan")
    last = table[table.index == table.index.max()]

    assert sorted(medians) == [
        "compact-ventilator → national-depot",
        "ventilator → national-depot",
    ]
    assert sorted(last["item"]) == ["compact-ventilator", "ventilator"]
    for item, p50 in zip(last["item"], last["p50"], strict=True):
        assert medians[f"{item} → national-depot"][-1] == pytest.approx(p50, abs=1)
