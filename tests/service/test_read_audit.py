"""Need-to-know: every read of program content leaves an audit row naming who."""

from sqlalchemy import select
from world import World

from surgeplan.store.roles import Role
from surgeplan.store.tables import AuditRow


def reads(world: World) -> dict[str, tuple[Role, str]]:
    p = f"/api/v1/programs/{world.a.program}"
    s = f"{p}/scenarios/{world.a.scenario}"
    r = f"{p}/runs/{world.a.run}"
    return {
        "scenario.version.read": (Role.VIEWER, f"{s}/versions/1"),
        "scenario.version.download": (Role.PLANNER, f"{s}/versions/1/download"),
        "scenario.diff.read": (Role.VIEWER, f"{s}/diff?from=1&to=1"),
        "run.results.read": (Role.VIEWER, f"{r}/results"),
        "run.table.read": (Role.VIEWER, f"{r}/tables/plan.production.csv"),
        "run.file.read": (Role.PLANNER, f"{r}/artifacts/{world.a.artifact}"),
        "run.log.read": (Role.ADMIN, f"{r}/log"),
        "audit.read": (Role.AUDITOR, f"{p}/audit"),
        "audit.export": (Role.AUDITOR, f"{p}/audit.csv"),
    }


def test_each_read_of_program_content_is_audited_with_its_reader(world: World) -> None:
    for action, (role, path) in reads(world).items():
        response = world.client.get(path, headers=world.as_role(role))
        assert response.status_code == 200, (action, response.text)

    with world.database.read() as session:
        rows = session.execute(
            select(AuditRow.action, AuditRow.actor, AuditRow.program_id).where(
                AuditRow.action.in_(list(reads(world)))
            )
        ).all()
    assert sorted(rows) == sorted(
        (action, f"alpha-{role.value}", world.a.program)
        for action, (role, _) in reads(world).items()
    )


def test_a_refused_read_is_audited_as_denied_and_not_as_read(world: World) -> None:
    path = f"/api/v1/programs/{world.a.program}/runs/{world.a.run}/log"

    refused = world.client.get(path, headers=world.as_role(Role.VIEWER))

    assert refused.status_code == 403
    with world.database.read() as session:
        actions = session.execute(
            select(AuditRow.action).where(
                AuditRow.actor == "alpha-viewer", AuditRow.action != "api_token.create"
            )
        ).scalars()
        assert list(actions) == ["access.denied"]
