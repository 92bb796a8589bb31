"""A run's result tables as CSV: program-scoped, no costs for viewers, no formulas."""

from __future__ import annotations

import csv
import io

from world import World

from surgeplan.store.roles import Role


def tables_path(world: World, suffix: str = "") -> str:
    return f"/api/v1/programs/{world.a.program}/runs/{world.a.run}/tables{suffix}"


def download(world: World, table: str, role: Role) -> tuple[int, list[list[str]]]:
    response = world.client.get(
        tables_path(world, f"/{table}.csv"), headers=world.as_role(role)
    )
    if response.status_code != 200:
        return response.status_code, []
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["content-disposition"]
    return 200, list(csv.reader(io.StringIO(response.text)))


def test_a_planner_downloads_the_production_table_with_its_costs(world: World) -> None:
    status, rows = download(world, "plan.production", Role.PLANNER)

    assert status == 200
    assert rows[0] == ["item", "site", "bucket", "units", "unit_cost", "limited_by"]
    assert rows[1][2:5] == ["0", "12.5", "100.0"]
    assert rows[2][3] == "-0.5"  # a number is never taken for a formula


def test_cells_that_a_spreadsheet_would_evaluate_are_neutralised(world: World) -> None:
    _, rows = download(world, "plan.production", Role.PLANNER)

    assert rows[1][0] == '\'=HYPERLINK("http://evil")'
    assert rows[1][5] == "labour; @SUM(A1)"
    assert rows[2][1] == "'\tplant"


def test_a_viewer_gets_the_table_without_cost_columns(world: World) -> None:
    status, rows = download(world, "plan.production", Role.VIEWER)

    assert status == 200
    assert rows[0] == ["item", "site", "bucket", "units"]
    assert all(len(row) == 4 for row in rows)


def test_a_viewer_is_refused_a_table_of_costs(world: World) -> None:
    assert download(world, "plan.costs", Role.VIEWER)[0] == 403
    assert download(world, "plan.costs", Role.AUDITOR)[1][1] == ["labour", "1200000.0"]


def test_the_listing_names_only_the_tables_and_columns_the_caller_may_see(
    world: World,
) -> None:
    seen = world.client.get(tables_path(world), headers=world.as_role(Role.VIEWER))
    full = world.client.get(tables_path(world), headers=world.as_role(Role.PLANNER))

    assert {t["name"] for t in seen.json()} == {
        "plan.production",
        "plan.transfers",
        "plan.milestones",
        "plan.bottlenecks",
    }
    columns = {t["name"]: t["columns"] for t in seen.json()}
    assert "unit_cost" not in columns["plan.production"]
    assert "shadow_price" not in columns["plan.bottlenecks"]
    assert {t["name"]: t["rows"] for t in full.json()} == {
        "plan.production": 2,
        "plan.milestones": 1,
        "plan.bottlenecks": 1,
        "plan.costs": 1,
        "plan.transfers": 0,
    }


def test_an_empty_table_is_an_empty_file(world: World) -> None:
    assert download(world, "plan.transfers", Role.VIEWER) == (200, [[]])


def test_an_unknown_table_is_not_found(world: World) -> None:
    assert download(world, "plan.inventory", Role.PLANNER)[0] == 404
    assert download(world, "plan.summary", Role.PLANNER)[0] == 404


def test_a_table_of_another_programs_run_is_not_found(world: World) -> None:
    path = f"/api/v1/programs/{world.a.program}/runs/{world.b.run}/tables"
    response = world.client.get(
        path + "/plan.production.csv", headers=world.as_role(Role.ADMIN)
    )

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
