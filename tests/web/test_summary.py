"""The program home's traffic lights, bottleneck and alerts from result documents."""

from __future__ import annotations

from surgeplan.i18n import Language, speaking
from surgeplan.web.summary import Light, summarise

PLAN = {
    "milestones": [
        {
            "id": "early",
            "due_date": "2027-03-01",
            "met_date": "2027-02-01",
            "weeks_late": 0,
            "quantity": 10,
        },
        {
            "id": "late",
            "due_date": "2027-06-01",
            "met_date": "2027-07-01",
            "weeks_late": 4,
            "quantity": 500,
        },
        {
            "id": "shaky",
            "due_date": "2027-09-01",
            "met_date": "2027-08-01",
            "weeks_late": 0,
            "quantity": 900,
        },
    ],
    "bottlenecks": [
        {
            "kind": "supplier",
            "resource": "avionics",
            "binding_buckets": 3,
            "first_bucket": 1,
            "last_bucket": 3,
        },
        {
            "kind": "capacity",
            "resource": "paint",
            "site": "fr",
            "binding_buckets": 9,
            "first_bucket": 2,
            "last_bucket": 10,
        },
    ],
}
RISK = {
    "key_milestones": ["early"],
    "milestones": [
        {
            "id": "early",
            "probability_on_time": 0.93,
            "reached": [
                {"quantile": 0.5, "date": "2027-02-20", "is_within_horizon": True},
                {"quantile": 0.9, "date": "2027-03-01", "is_within_horizon": True},
            ],
        },
        {"id": "late", "probability_on_time": 0.9, "reached": []},
        {
            "id": "shaky",
            "probability_on_time": 0.6,
            "reached": [{"quantile": 0.9, "date": "", "is_within_horizon": False}],
        },
    ],
}


def test_each_milestone_gets_a_light_from_its_odds_and_its_planned_lateness() -> None:
    summary = summarise(PLAN, RISK, [])
    lights = {m.id: m.light for m in summary.milestones}
    assert lights == {"early": Light.GREEN, "late": Light.RED, "shaky": Light.AMBER}
    early = summary.milestones[0]
    assert early.is_key
    assert (early.p50_date, early.p90_date) == ("2027-02-20", "2027-03-01")
    assert summary.milestones[2].p90_date == "after the horizon"


def test_the_bottleneck_is_the_resource_binding_in_most_weeks() -> None:
    assert summarise(PLAN, None, []).bottleneck.startswith("capacity paint at fr")


def test_late_milestones_low_odds_and_failed_runs_are_alerts() -> None:
    alerts = [a.text for a in summarise(PLAN, RISK, ["plan run 7 failed: x"]).alerts]
    assert alerts[0] == "plan run 7 failed: x"
    assert any(text.startswith("late is planned 4 weeks late") for text in alerts)
    assert "shaky: 60 % odds of being on time" in alerts
    assert not any(text.startswith("early") for text in alerts)


def test_without_a_simulation_only_the_plans_lateness_decides() -> None:
    lights = [m.light for m in summarise(PLAN, None, []).milestones]
    assert lights == [Light.GREEN, Light.RED, Light.GREEN]
    assert summarise(None, None, []).milestones == []


def test_in_french_the_alerts_and_the_bottleneck_are_french_sentences() -> None:
    with speaking(Language.FR):
        summary = summarise(PLAN, RISK, [])
    alerts = [a.text for a in summary.alerts]
    assert any(
        text.startswith("late est planifié avec 4 semaines de retard (échéance le ")
        for text in alerts
    ), alerts
    assert "shaky\u202f: 60\u202f% de probabilité d'être dans les délais" in alerts
    assert summary.milestones[2].p90_date == "au-delà de l'horizon"
    assert summary.bottleneck.startswith("capacity paint à fr\u202f: limitant pendant")
