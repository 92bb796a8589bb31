"""The seeded world's program Alpha with actuals, a finished status run and a re-plan.

The status is a real surgeplan-status/1 document (checked by its own model) whose
hashes a viewer must not get; the re-plan holds the world's cost-bearing plan with a
`change` record and a plan-diff.json, as a job worker stores them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from world import RESULTS, World

from surgeplan.execution.status_records import Status
from surgeplan.store.roles import Role
from surgeplan.store.tables import RunResultRow, RunRow, ScenarioVersionRow

HIDDEN_HASH = "0badc0ffee" * 6 + "abcd"
"""The status's plan hash: a digest of a plan whose costs a viewer does not see."""
ACTUALS = {
    "format": "surgeplan-actuals/1",
    "program": "Minimal surge",
    "start_date": "2027-01-04",
    "through_week": 2,
    "completions": [{"week": 1, "item": "widget", "site": "plant", "units": 3}],
}
_ODDS = {
    "probability_on_time": 0.42,
    "p50_date": "2027-03-01",
    "p90_date": "2027-03-29",
    "earliest_credible_date": "2027-02-15",
}
STATUS = Status.model_validate(
    {
        "scenario_name": "minimal",
        "scenario_hash": HIDDEN_HASH,
        "plan_hash": HIDDEN_HASH,
        "start_date": "2027-01-04",
        "through_week": 2,
        "status_date": "2027-01-17",
        "runs": 200,
        "seed": 7,
        "binding_item": "widget",
        "milestones": [
            {
                "milestone": "first-batch",
                "item": "widget",
                "delivery_point": "customer",
                "quantity": 10.0,
                "planned": 8.0,
                "actual": 3.0,
                "variance": -5.0,
                "weeks_behind": 1.5,
            }
        ],
        "items": [],
        "item_weeks": [
            {"item": "widget", "site": "plant", "week": 1, "planned": 4, "actual": 3},
            {"item": "widget", "site": "plant", "week": 2, "planned": 4, "actual": 0},
        ],
        "work_centers": [],
        "weeks": [
            {
                "week": w,
                "planned": 4.0,
                "actual": a,
                "planned_cumulative": 4.0 * w,
                "actual_cumulative": c,
            }
            for w, a, c in ((1, 3.0, 3.0), (2, 0.0, 3.0))
        ],
        "estimates": [
            {
                "parameter": "learning_rate",
                "subject": "widget",
                "prior": 0.85,
                "posterior": 0.88,
                "low_90": 0.84,
                "high_90": 0.92,
                "observations": 2,
            }
        ],
        "forecast": [
            {
                "milestone": "first-batch",
                "due_date": "2027-02-14",
                "quantity": 10.0,
                "delivered": 3.0,
                "is_met": False,
                "before": {**_ODDS, "probability_on_time": 0.9},
                "after": _ODDS,
            }
        ],
        "exceptions": [
            {
                "milestone": "first-batch",
                "behind_units": 5.0,
                "weeks_behind": 1.5,
                "since_week": 2,
                "cause": "assembly at plant bound in week 2",
                "p50_date": "2027-03-01",
                "due_date": "2027-02-14",
            }
        ],
    }
)
CAUSE = "actuals to week 2: widget delivered 3 of 8 planned"
REPLANNED = {
    **RESULTS,
    "change": {
        "kind": "replan",
        "cause": CAUSE,
        "based_on_plan_hash": HIDDEN_HASH,
        "status_week": 2,
        "start_date": "2027-01-18",
        "frozen_weeks": 2,
        "frozen_changes": [],
    },
}
DIFF = {
    "format": "surgeplan-plan-diff/1",
    "changes": [
        {
            "table": "production",
            "what": "widget",
            "where": "plant",
            "date": "2027-01-18",
            "old": 4.0,
            "new": 9.0,
            "change": 5.0,
            "old_date": None,
            "new_date": None,
            "cause": CAUSE,
        }
    ],
}


@dataclass(frozen=True)
class ExecutionIds:
    """Program Alpha's status and re-plan runs."""

    status_run: int
    replan_run: int


def _finished_run(world: World, kind: str, results: dict[str, object]) -> int:
    a = world.a
    with world.database.write() as session:
        version_id = session.execute(
            ScenarioVersionRow.__table__.select()
            .with_only_columns(ScenarioVersionRow.id)
            .where(ScenarioVersionRow.scenario_id == a.scenario)
        ).scalar_one()
        run = RunRow(
            program_id=a.program,
            version_id=version_id,
            kind=kind,
            parameters={"actuals_version": 1, "plan_run_id": a.run},
            state="done",
            created_by=a.user_by_role[Role.PLANNER],
            created_at=world.clock(),
            attempts=1,
            cancel_requested=False,
            progress="done",
            stdout_tail="",
            stderr_tail="",
            exit_code=0,
        )
        session.add(run)
        session.flush()
        for name, document in results.items():
            text = document if isinstance(document, str) else json.dumps(document)
            session.add(
                RunResultRow(
                    program_id=a.program, run_id=run.id, name=name, content=text
                )
            )
        return int(run.id)


def seed_execution(world: World) -> ExecutionIds:
    """Actuals version 1 of Alpha, a finished status run and a finished re-plan."""
    uploaded = world.client.post(
        f"/api/v1/programs/{world.a.program}/actuals",
        json={
            "scenario_id": world.a.scenario,
            "scenario_version": 1,
            "actuals": ACTUALS,
        },
        headers=world.as_role(Role.PLANNER),
    )
    assert uploaded.status_code == 201, uploaded.text
    return ExecutionIds(
        status_run=_finished_run(world, "status", {"status.json": STATUS.to_json()}),
        replan_run=_finished_run(
            world, "replan", {"plan.json": REPLANNED, "plan-diff.json": DIFF}
        ),
    )
