"""Results show themselves briefly: one-line repr, small HTML table, dated tables."""

from pathlib import Path

import pandas as pd
import pytest

import surgeplan
from surgeplan import BusinessCase, MitigationReport, Plan, RiskReport, Scenario

EXAMPLES = Path(__file__).parents[2] / "examples"
# A repr is for reading at a prompt: one line (pydantic's default printed every
# record: 19,719 characters for a plan in issue 16).
SHORT_REPR = 300


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    minimal = surgeplan.load_scenario(EXAMPLES / "minimal.yaml")
    return minimal.updated(
        {
            "risks": {
                "supplier_risks": [
                    {
                        "id": "kit-fire",
                        "supplier": "kit-supplier",
                        "kind": "failure",
                        "probability_per_week": 0.05,
                        "duration_weeks": {"distribution": "fixed", "value": 3},
                    }
                ]
            },
            "mitigations": [
                {
                    "id": "kit-buffer",
                    "cost": 100_000,
                    "buffer_stock": [{"item": "kit", "site": "plant", "units": 200}],
                }
            ],
        }
    )


@pytest.fixture(scope="module")
def plan(scenario: Scenario) -> Plan:
    return surgeplan.plan(scenario, time_limit_s=30)


@pytest.fixture(scope="module")
def risk(scenario: Scenario, plan: Plan) -> RiskReport:
    return surgeplan.simulate(scenario, plan, runs=500, seed=7)


@pytest.fixture(scope="module")
def mitigations(scenario: Scenario, plan: Plan) -> MitigationReport:
    return surgeplan.mitigate(scenario, plan, runs=500, seed=7)


def assert_brief(result: object, *figures: str) -> None:
    text = repr(result)
    assert len(text) < SHORT_REPR, text
    assert "\n" not in text
    assert str(result) == text
    for figure in figures:
        assert figure in text, text
    html = result._repr_html_()  # type: ignore[attr-defined]
    assert html.startswith("<div><strong>")
    assert "<table>" in html


def test_a_scenario_shows_its_program_and_base(scenario: Scenario) -> None:
    assert_brief(scenario, "'Minimal surge'", "product widget", "sites 1", "risks 1")


@pytest.mark.slow
def test_a_plan_shows_status_units_cost_and_milestones(plan: Plan) -> None:
    assert_brief(plan, "<Plan 'Minimal surge'", "units delivered 500", "EUR")
    assert "full-order" in plan._repr_html_()


@pytest.mark.slow
def test_a_risk_report_shows_the_odds_of_the_key_milestone(risk: RiskReport) -> None:
    assert_brief(risk, "runs 500", "seed 7", "P(on time) of full-order")


@pytest.mark.slow
def test_a_mitigation_report_shows_the_best_buy(
    mitigations: MitigationReport,
) -> None:
    assert_brief(
        mitigations, "key milestones first-batch, full-order", "best buy of P90 days"
    )
    assert "kit-buffer" in mitigations._repr_html_()


@pytest.mark.slow
def test_a_business_case_shows_npv_in_the_scenarios_currency(
    scenario: Scenario, plan: Plan
) -> None:
    case: BusinessCase = surgeplan.business_case(scenario, plan)

    assert_brief(case, "NPV", "EUR", "payback years")


@pytest.mark.slow
def test_plan_tables_are_indexed_by_the_start_date_of_their_bucket(plan: Plan) -> None:
    production = plan.table("production")

    assert isinstance(production.index, pd.DatetimeIndex)
    assert production.index.name == "bucket_start"
    starts = {bucket.index: pd.Timestamp(bucket.start) for bucket in plan.buckets}
    assert [starts[bucket] for bucket in production["bucket"]] == list(production.index)
    assert production["units"].sum() == pytest.approx(plan.units_delivered)


@pytest.mark.slow
def test_tables_without_buckets_keep_a_plain_index(plan: Plan) -> None:
    assert not isinstance(plan.table("costs").index, pd.DatetimeIndex)


@pytest.mark.slow
def test_risk_tables_are_indexed_by_date(risk: RiskReport) -> None:
    odds = risk.table("milestones")
    fan = risk.table("fan")

    assert list(odds.index) == [pd.Timestamp(m.due_date) for m in risk.milestones]
    assert {"p10_date", "p50_date", "p90_date"} <= set(odds.columns)
    assert fan.index.is_monotonic_increasing
    assert fan.index[0] == pd.Timestamp(risk.fan[0].date)


@pytest.mark.slow
def test_an_unknown_risk_table_names_the_tables(risk: RiskReport) -> None:
    with pytest.raises(KeyError, match="milestones, fan"):
        risk.table("odds")
