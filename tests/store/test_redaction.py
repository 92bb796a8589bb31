import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from surgeplan.planning.results.plan import Plan
from surgeplan.realism.comparison import RealismReport
from surgeplan.risk.report import RiskReport
from surgeplan.scheduling.site.result import Schedule
from surgeplan.store.redaction import visible_result
from surgeplan.store.result_fields import (
    PLAN_FIELDS,
    REALISM_FIELDS,
    RISK_FIELDS,
    SCHEDULE_FIELDS,
    FieldTree,
)

REPOSITORY = Path(__file__).resolve().parents[2]


def _model_of(annotation: Any) -> type[BaseModel] | None:
    for candidate in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        for inner in getattr(candidate, "__args__", ()):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return None


def _unknown_paths(
    tree: FieldTree, model: type[BaseModel], prefix: str = ""
) -> Iterator[str]:
    for name, subtree in tree.items():
        field = model.model_fields.get(name)
        if field is None:
            yield prefix + name
        elif isinstance(subtree, dict):
            inner = _model_of(field.annotation)
            if inner is None:
                yield prefix + name + " (not an object)"
            else:
                yield from _unknown_paths(subtree, inner, prefix + name + ".")


@pytest.mark.parametrize(
    ("tree", "model"),
    [
        (PLAN_FIELDS, Plan),
        (RISK_FIELDS, RiskReport),
        (SCHEDULE_FIELDS, Schedule),
        (REALISM_FIELDS, RealismReport),
    ],
)
def test_every_field_a_viewer_may_see_exists_in_its_result_format(
    tree: FieldTree, model: type[BaseModel]
) -> None:
    assert list(_unknown_paths(tree, model)) == []


def test_the_objective_gap_and_shadow_prices_are_hidden_whatever_their_names() -> None:
    document = {
        "format": "surgeplan-plan/1",
        "solver": {"status": "optimal", "objective": 266050.5, "mip_gap": 0.01},
        "bottlenecks": [{"resource": "press", "shadow_price": 812.0}],
        "costs": [{"kind": "labour", "amount_eur": 1.0}],
        "purchases": [{"supplier": "s", "units": 3.0, "cost": 30.0}],
    }

    seen = visible_result(document)

    assert seen == {
        "format": "surgeplan-plan/1",
        "solver": {"status": "optimal"},
        "bottlenecks": [{"resource": "press"}],
        "purchases": [{"supplier": "s", "units": 3.0}],
    }


def test_a_field_nobody_reviewed_is_withheld_even_with_a_harmless_name() -> None:
    document = {
        "format": "surgeplan-plan/1",
        "solver": {"status": "optimal", "total": 9.0},
        "milestones": [{"id": "m1", "value": 5.0, "limited_by": {"a": 1}}],
        "extra": {"units": 1},
    }

    assert visible_result(document) == {
        "format": "surgeplan-plan/1",
        "solver": {"status": "optimal"},
        "milestones": [{"id": "m1"}],
    }


def test_a_document_of_an_unknown_format_is_withheld_whole() -> None:
    assert visible_result({"format": "surgeplan-business-case/1", "units": 3}) is None
    assert visible_result({"units": 3}) is None
    assert visible_result([1, 2]) is None


def _numbers(data: object) -> Iterator[float]:
    if isinstance(data, dict):
        for value in data.values():
            yield from _numbers(value)
    elif isinstance(data, list):
        for value in data:
            yield from _numbers(value)
    elif isinstance(data, float | int) and not isinstance(data, bool):
        yield float(data)


@pytest.mark.slow
def test_no_cost_figure_of_a_real_plan_reaches_a_viewer() -> None:
    from surgeplan.planning import plan
    from surgeplan.scenario import load_scenario

    scenario = load_scenario(REPOSITORY / "examples" / "minimal.yaml")
    document = json.loads(plan(scenario).model_dump_json())
    money = {document["solver"]["objective"]}
    money |= {record["amount_eur"] for record in document["costs"]}
    money |= {sum(record["amount_eur"] for record in document["costs"])}
    money |= {record["shadow_price"] for record in document["bottlenecks"]}
    money = {round(value, 6) for value in money if abs(value) > 1}

    seen = visible_result(document)

    assert money, "the example plan has cost figures to hide"
    assert seen is not None
    assert seen["production"], "the viewer still sees what is made"
    assert not money & {round(value, 6) for value in _numbers(seen)}


def test_every_money_field_of_the_scenario_format_is_hidden_from_viewers() -> None:
    from surgeplan.scenario import load_scenario
    from surgeplan.scenario.money_fields import money_field_names
    from surgeplan.store.redaction import redact_costs

    data = load_scenario(REPOSITORY / "examples" / "uav-surge.yaml").to_dict()
    seen: set[str] = set()

    def keys(value: object) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                seen.add(key)
                keys(inner)
        elif isinstance(value, list):
            for inner in value:
                keys(inner)

    keys(data)
    assert {"hourly_cost", "capex", "unit_cost"} <= money_field_names() & seen
    seen.clear()
    keys(redact_costs(data))
    assert "work_centers" in seen
    assert not seen & money_field_names()


def test_a_field_named_like_money_in_the_scenario_is_declared_money() -> None:
    from surgeplan.scenario.money_fields import money_field_names
    from surgeplan.scenario.schema_doc import scenario_json_schema
    from surgeplan.store.redaction import is_money_key

    schema = scenario_json_schema()
    names = {
        name
        for definition in schema.get("$defs", {}).values()
        for name in definition.get("properties", {})
    } | set(schema.get("properties", {}))
    # Named like money but not an amount: shares, rates, durations and counts of the
    # contract's terms (withheld whole with the economics section all the same).
    not_amounts = {
        "economics",
        "overhead_share",
        "discount_rate",
        "tax_rate",
        "contract_duration_years",
        "contract_duration_months",
        "contract_duration_weeks",
        "cash_flow_period",
        "contract_units_total",
        "depreciation_years",
    }
    undeclared = {
        name for name in names if is_money_key(name) and name not in money_field_names()
    } - not_amounts

    assert not undeclared


def _dataclass_paths(
    tree: FieldTree, record: type[Any], prefix: str = ""
) -> Iterator[str]:
    """Paths of the tree that a status record (a dataclass) does not have."""
    import dataclasses
    import typing

    hints = typing.get_type_hints(record)
    names = {field.name for field in dataclasses.fields(record)}
    for name, subtree in tree.items():
        if name not in names:
            yield prefix + name
        elif isinstance(subtree, dict):
            yield from _dataclass_paths(subtree, hints[name], prefix + name + ".")


def test_every_status_field_a_viewer_may_see_exists_and_only_hashes_are_withheld() -> (
    None
):
    import typing

    from surgeplan.execution.status_records import Status
    from surgeplan.store.result_fields import STATUS_FIELDS

    hints = typing.get_type_hints(Status)
    unknown = [name for name in STATUS_FIELDS if name not in Status.model_fields]
    for name, subtree in STATUS_FIELDS.items():
        if isinstance(subtree, dict):
            (record,) = typing.get_args(hints[name])
            unknown += list(_dataclass_paths(subtree, record, name + "."))

    assert unknown == []
    assert set(Status.model_fields) - set(STATUS_FIELDS) == {
        "scenario_hash",
        "plan_hash",
    }


def test_every_plan_diff_column_is_shown_and_nothing_else() -> None:
    from surgeplan.planning.results.diff import COLUMNS
    from surgeplan.store.result_fields import PLAN_DIFF_FIELDS

    assert tuple(PLAN_DIFF_FIELDS["changes"]) == COLUMNS
    document = {
        "format": "surgeplan-plan-diff/1",
        "changes": [{"table": "production", "old": 3.0, "cost": 9.0}],
        "total_cost": 1.0,
    }
    assert visible_result(document) == {
        "format": "surgeplan-plan-diff/1",
        "changes": [{"table": "production", "old": 3.0}],
    }


def test_a_replans_change_record_reaches_a_viewer_without_the_old_plans_hash() -> None:
    document = {
        "format": "surgeplan-plan/1",
        "change": {
            "kind": "replan",
            "cause": "actuals to week 20: 300 behind",
            "based_on_plan_hash": "a" * 64,
            "status_week": 20,
            "frozen_changes": [
                {"decision": "production", "old_units": 4.0, "new_units": 2.0}
            ],
        },
    }

    seen = visible_result(document)
    assert seen is not None
    assert seen["change"] == {
        "kind": "replan",
        "cause": "actuals to week 20: 300 behind",
        "status_week": 20,
        "frozen_changes": [
            {"decision": "production", "old_units": 4.0, "new_units": 2.0}
        ],
    }
