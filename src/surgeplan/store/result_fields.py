"""The fields of each result format that reveal no money: what a viewer may see.

Each entry was reviewed against the format's documentation (docs/plan-format.md,
docs/risk.md, docs/schedule-format.md). A field is left out when it is money, a
ratio or a derivative of money, or a weight taken from prices:

- plan: every `_eur` amount, the `costs` table, `solver.objective` (the total cost),
  `solver.mip_gap` (a ratio of two objective values), a bottleneck's `shadow_price`
  (objective saved per extra hour); and `scenario_hash`, the digest of a scenario
  whose cost fields the viewer does not see (it would confirm a guessed figure).
- schedule: a batch's `weight` and the weighted tardiness figures (weights come from
  the scenario's late penalties), and the free-text `notes`.
- risk: every field is units, dates or shares of runs, except `plan_hash` and the
  scenario hashes (digests of plans and scenarios whose money the viewer does not see).
- realism: weeks, shares and multiples of the plan's ramp beside public records; only
  the hashes are left out.
- plan.json's `confidence` and `targets`: odds and margins; the confidence record's
  `cost_without_margins_eur` is money. A re-plan's `change`: its cause, weeks and the
  frozen decisions it broke, in units.
- status: plan against actual in units and hours, the re-estimated parameters and
  the forecast's odds and dates; only the hashes are left out.
- plan diff (a re-plan run's plan-diff.json): units, people, weeks and dates.

A format or field missing here is withheld from viewers (`redaction.visible_result`);
tests/store/test_redaction.py checks each path against the format's own types.
"""

from __future__ import annotations

from typing import Any

FieldTree = dict[str, Any]
"""A field name maps to True (a plain value) or to the tree of its object's fields;
a list of objects uses the tree of its items."""


def _leaves(*names: str) -> FieldTree:
    return dict.fromkeys(names, True)


PLAN_FIELDS: FieldTree = {
    **_leaves(
        "format", "scenario_name", "currency", "time_bucket", "allow_core_impact"
    ),
    "created_at": True,
    "solver": _leaves(
        "status",
        "build_seconds",
        "solve_seconds",
        "total_seconds",
        "learning_iterations",
        "learning_change",
        "variables",
        "constraints",
        "nonzeros",
        "highs_version",
    ),
    "buckets": _leaves("index", "start", "end"),
    "production": _leaves(
        "item",
        "operation",
        "site",
        "work_center",
        "bucket",
        "units",
        "hours",
        "labour_hours",
        "hours_per_unit",
    ),
    "capacity": _leaves(
        "site",
        "work_center",
        "bucket",
        "shift_pattern",
        "available_hours",
        "overtime_hours",
        "program_hours",
        "core_hours",
        "utilisation",
    ),
    "labour": _leaves(
        "site",
        "skill",
        "bucket",
        "hours",
        "overtime_hours",
        "available_hours",
        "headcount",
        "trainees",
        "hires",
        "volunteers",
    ),
    "purchases": _leaves(
        "supplier", "item", "site", "bucket", "arrival_bucket", "units"
    ),
    "transfers": _leaves(
        "lane", "item", "origin", "destination", "bucket", "arrival_bucket", "units"
    ),
    "inventory": _leaves("item", "site", "bucket", "units"),
    "deliveries": _leaves("milestone", "item", "delivery_point", "bucket", "units"),
    "milestones": _leaves(
        "id",
        "item",
        "delivery_point",
        "due_date",
        "due_bucket",
        "quantity",
        "delivered_by_due",
        "met_bucket",
        "met_date",
        "weeks_late",
        "earliest_bucket",
        "earliest_date",
        "limited_by",
    ),
    "core": _leaves("item", "site", "bucket", "demand", "produced", "shortfall"),
    "conversions": _leaves(
        "site",
        "work_center",
        "conversion",
        "start_bucket",
        "ready_bucket",
        "ready_date",
    ),
    "shift_changes": _leaves(
        "site", "work_center", "bucket", "from_pattern", "to_pattern"
    ),
    "bottlenecks": _leaves(
        "kind",
        "site",
        "resource",
        "first_bucket",
        "last_bucket",
        "binding_buckets",
        "units_per_extra_hour",
    ),
    "targets": {
        "reserve_share": True,
        "aims": _leaves("milestone", "weeks_ahead", "aim_bucket", "aim_date"),
    },
    # A re-plan's origin: units, weeks, dates and the cause in words; the old plan's
    # hash stays out as every digest does.
    "change": {
        **_leaves("kind", "cause", "status_week", "start_date", "frozen_weeks"),
        "frozen_changes": _leaves(
            "decision", "what", "site", "bucket", "old_units", "new_units"
        ),
    },
    # The odds a plan was made to; `cost_without_margins_eur` is money and stays out.
    "confidence": {
        **_leaves("target", "is_reached", "runs", "seed", "iterations", "reason"),
        "milestones": _leaves(
            "milestone", "is_key", "probability_on_time", "p50_date", "p90_date"
        ),
    },
}

_REACHED = _leaves("quantile", "bucket", "date", "days_late", "is_within_horizon")
_GAINS = (
    "p50_days_gained",
    "p90_days_gained",
    "mean_days_late_gained",
    "mean_days_late_gained_se",
    "probability_gained",
    "probability_gained_se",
    "is_estimated",
)
_CHANGE = _leaves("milestone", *_GAINS)

RISK_FIELDS: FieldTree = {
    **_leaves(
        "format",
        "scenario_name",
        "runs",
        "seed",
        "batch_runs",
        "contribution_runs",
        "horizon_end",
        "key_milestones",
    ),
    "policy": _leaves(
        "carry_backlog",
        "use_spare_capacity",
        "move_production",
        "reaction_delay_weeks",
    ),
    "milestones": {
        **_leaves(
            "id",
            "item",
            "delivery_point",
            "quantity",
            "due_date",
            "due_bucket",
            "due_bucket_end",
            "planned_met_bucket",
            "probability_on_time",
            "mean_days_late",
            "probability_within_horizon",
            "expected_shortfall_at_due",
            "delivered_by_due_p10",
            "delivered_by_due_mean",
        ),
        "reached": _REACHED,
    },
    "fan": _leaves(
        "item",
        "delivery_point",
        "bucket",
        "date",
        "planned",
        "mean",
        "p10",
        "p50",
        "p90",
    ),
    "systematic_risks": _leaves(
        "risk",
        "kind",
        "parameter",
        "where",
        "plan_assumes",
        "expected_low",
        "expected_mean",
        "expected_high",
        "is_optimistic",
        "statement",
    ),
    "contributions": {
        **_leaves("risk", "kind", "is_systematic"),
        "key_milestones": _leaves("milestones", *_GAINS),
        "milestones": _CHANGE,
    },
}

SCHEDULE_FIELDS: FieldTree = {
    **_leaves(
        "format",
        "scenario_name",
        "site",
        "start_week",
        "weeks",
        "window_start",
        "window_end",
        "source",
        "created_at",
    ),
    "solver": _leaves(
        "status",
        "objective",
        "makespan_hours",
        "makespan_lower_bound_hours",
        "heuristic_makespan_hours",
        "lns_iterations",
        "seconds",
        "workers",
        "seed",
        "time_limit_s",
        "ortools_version",
    ),
    "work_centers": {
        **_leaves(
            "id", "capabilities", "stations", "reserved_stations", "shift_patterns"
        ),
        "windows": _leaves("start", "end"),
    },
    "batches": _leaves(
        "id",
        "item",
        "week",
        "units",
        "release",
        "due",
        "completion",
        "status",
        "late_hours",
    ),
    "operations": _leaves(
        "batch",
        "item",
        "operation",
        "capability",
        "units",
        "work_center",
        "station",
        "start",
        "end",
        "start_minute",
        "end_minute",
        "processing_hours",
        "setup_hours",
        "hours_per_unit",
        "is_splittable",
    ),
    "stations": _leaves(
        "station",
        "work_center",
        "operations",
        "busy_hours",
        "changeover_hours",
        "idle_hours",
        "changeovers",
    ),
}

# realism.json: weeks, shares, multiples and learning rates of the plan's ramp beside
# public records; the hashes are left out as for risk.json.
_PRECEDENT = _leaves("program", "name", "value", "reliability", "ranked")
REALISM_FIELDS: FieldTree = {
    **_leaves("format", "product", "flags", "contracts_cut"),
    "measures": {
        **_leaves(
            "measure",
            "label",
            "unit",
            "plan",
            "boldest_program",
            "boldest_value",
            "bolder_than",
            "ranked_count",
            "beyond_record",
            "verdict",
        ),
        "precedents": _PRECEDENT,
    },
    "learning": _leaves(
        "plan_learning_rate",
        "typical_low",
        "typical_high",
        "range_low",
        "range_high",
        "beyond_record",
        "verdict",
    ),
}

# status.json: units, hours, shares, weeks and dates of plan against actual and the
# forecast; the re-estimated parameters are learning rates, OEE factors and shares.
# Only the hashes are left out.
_ODDS = _leaves("probability_on_time", "p50_date", "p90_date", "earliest_credible_date")
STATUS_FIELDS: FieldTree = {
    **_leaves(
        "format",
        "scenario_name",
        "start_date",
        "through_week",
        "status_date",
        "runs",
        "seed",
        "binding_item",
    ),
    "milestones": _leaves(
        "milestone",
        "item",
        "delivery_point",
        "quantity",
        "planned",
        "actual",
        "variance",
        "weeks_behind",
    ),
    "items": _leaves("item", "site", "planned", "actual", "variance"),
    "item_weeks": _leaves("item", "site", "week", "planned", "actual"),
    "work_centers": _leaves(
        "site",
        "work_center",
        "planned_hours",
        "actual_hours",
        "variance_hours",
        "utilisation",
        "binding_weeks",
    ),
    "weeks": _leaves(
        "week", "planned", "actual", "planned_cumulative", "actual_cumulative"
    ),
    "estimates": _leaves(
        "parameter",
        "subject",
        "prior",
        "posterior",
        "low_90",
        "high_90",
        "observations",
        "weeks_behind",
    ),
    "forecast": {
        **_leaves("milestone", "due_date", "quantity", "delivered", "is_met"),
        "before": _ODDS,
        "after": _ODDS,
    },
    "exceptions": _leaves(
        "milestone",
        "behind_units",
        "weeks_behind",
        "since_week",
        "cause",
        "p50_date",
        "due_date",
    ),
}

# plan-diff.json (a re-plan run's diff, service/jobs/plan_diff_result.py): units,
# people, weeks late, dates and the cause; the diff compares no cost.
PLAN_DIFF_FIELDS: FieldTree = {
    "format": True,
    "changes": _leaves(
        "table",
        "what",
        "where",
        "date",
        "old",
        "new",
        "change",
        "old_date",
        "new_date",
        "cause",
    ),
}

VALIDATE_FORMAT = "surgeplan-validate/1"
VALIDATE_FIELDS: FieldTree = _leaves("format", "is_valid")

VIEWER_FIELDS_BY_FORMAT: dict[str, FieldTree] = {
    "surgeplan-plan/1": PLAN_FIELDS,
    "surgeplan-risk/2": RISK_FIELDS,
    "surgeplan-schedule/1": SCHEDULE_FIELDS,
    "surgeplan-realism/1": REALISM_FIELDS,
    VALIDATE_FORMAT: VALIDATE_FIELDS,
    "surgeplan-status/1": STATUS_FIELDS,
    "surgeplan-plan-diff/1": PLAN_DIFF_FIELDS,
}
