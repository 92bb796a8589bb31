"""A program's home, its members (admins) and its audit trail (auditors, admins)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from surgeplan.i18n import gettext
from surgeplan.service.access import Access
from surgeplan.service.bodies import Id, Username
from surgeplan.service.csv_export import csv_download
from surgeplan.store.audit_log import AuditLogRepository
from surgeplan.store.audit_verify import verify_trail
from surgeplan.store.programs import ProgramRepository
from surgeplan.store.records import RunKind, RunRecord, RunState
from surgeplan.store.roles import Permission, Role
from surgeplan.store.runs import RunRepository
from surgeplan.store.scenarios import ScenarioRepository
from surgeplan.web.base import Posted, SignedIn, WebRoute, render
from surgeplan.web.run_views import RunView, run_view
from surgeplan.web.summary import Alert, status_alerts, summarise
from surgeplan.web.words import run_kind_label

router = APIRouter(route_class=WebRoute, include_in_schema=False)
RECENT_RUNS = 50
LOOKED_AT_RUNS = 5
AUDIT_ROWS_SHOWN = 200
AUDIT_CSV_COLUMNS = (
    "seq",
    "at",
    "actor",
    "action",
    "object_type",
    "object_id",
    "outcome",
    "row_hash",
)
PLAN_KINDS = (RunKind.PLAN, RunKind.REPORT, RunKind.SIMULATE)


def latest_status(
    access: Access, program_id: int, runs: list[RunRecord]
) -> tuple[RunRecord | None, list[Alert]]:
    """The newest finished status run and its exceptions as alerts."""
    found = next(
        (r for r in runs if r.state is RunState.DONE and r.kind is RunKind.STATUS),
        None,
    )
    if found is None:
        return None, []
    with access.program(program_id) as scope:
        run, view = run_view(scope, found.id)
    access.record_read(program_id, "run.results.read", "run", run.id)
    return run, status_alerts(view.status)


def latest_results(
    access: Access, program_id: int, runs: list[RunRecord]
) -> tuple[RunRecord | None, RunView | None, RunRecord | None, RunView | None]:
    """The newest finished run with a plan, and the newest with a simulation."""
    plan_run = risk_run = None
    plan_view = risk_view = None
    done = [r for r in runs if r.state is RunState.DONE and r.kind in PLAN_KINDS]
    with access.program(program_id) as scope:
        # Look at a few recent runs at most.
        for candidate in done[:LOOKED_AT_RUNS]:
            if plan_run is not None and risk_run is not None:
                break
            run, view = run_view(scope, candidate.id)
            if plan_run is None and view.plan is not None:
                plan_run, plan_view = run, view
            if risk_run is None and view.risk is not None:
                risk_run, risk_view = run, view
    for shown in {r.id for r in (plan_run, risk_run) if r is not None}:
        access.record_read(program_id, "run.results.read", "run", shown)
    return plan_run, plan_view, risk_run, risk_view


@router.get("/programs/{program_id}")
def program_home(request: Request, program_id: Id, access: SignedIn) -> Response:
    """Milestones as traffic lights, the bottleneck, alerts; or what to do next."""
    with access.program(program_id) as scope:
        program = ProgramRepository(scope).get()
        scenarios = ScenarioRepository(scope).page(50, 0).items
        runs = RunRepository(scope).page(RECENT_RUNS, 0, None).items
        may_edit = scope.allows(Permission.EDIT_SCENARIOS)
    plan_run, plan_view, risk_run, risk_view = latest_results(access, program_id, runs)
    failed = [
        gettext("{kind} run {id} failed: {reason}").format(
            kind=run_kind_label(r.kind),
            id=r.id,
            reason=r.failure_reason or gettext("no reason given"),
        )
        for r in runs
        if r.state is RunState.FAILED
    ][:5]
    status_run, exceptions = latest_status(access, program_id, runs)
    summary = summarise(
        plan_view.plan if plan_view else None,
        risk_view.risk if risk_view else None,
        failed,
    )
    summary.alerts.extend(exceptions)
    return render(
        request,
        "program.html",
        access,
        program=program,
        scenarios=scenarios,
        runs=runs[:10],
        summary=summary,
        plan_run=plan_run,
        risk_run=risk_run,
        status_run=status_run,
        may_edit=may_edit,
    )


@router.get("/programs/{program_id}/members")
def members_page(request: Request, program_id: Id, access: SignedIn) -> Response:
    """The program's members; admins add, change and remove them."""
    with access.program(program_id) as scope:
        program = ProgramRepository(scope).get()
        members = ProgramRepository(scope).members(200, 0).items
        may_manage = scope.allows(Permission.MANAGE_MEMBERS)
    return render(
        request,
        "members.html",
        access,
        program=program,
        members=members,
        may_manage=may_manage,
        roles=list(Role),
    )


@router.post("/programs/{program_id}/members")
def add_member(
    program_id: Id,
    access: Posted,
    username: Annotated[Username, Form()],
    role: Annotated[Role, Form()],
) -> Response:
    """Give an existing account a role (admins)."""
    with access.program(program_id, write=True) as scope:
        ProgramRepository(scope).add_member(username, role)
    return RedirectResponse(f"/programs/{program_id}/members", status_code=303)


@router.post("/programs/{program_id}/members/{user_id}")
def change_member(
    program_id: Id,
    user_id: Id,
    access: Posted,
    role: Annotated[Role | None, Form()] = None,
    remove: Annotated[bool, Form()] = False,
) -> Response:
    """Change a member's role or take them out (admins; one admin always stays)."""
    with access.program(program_id, write=True) as scope:
        if remove:
            ProgramRepository(scope).remove_member(user_id)
        elif role is not None:
            ProgramRepository(scope).change_role(user_id, role)
    return RedirectResponse(f"/programs/{program_id}/members", status_code=303)


@router.get("/programs/{program_id}/audit")
def audit_page(request: Request, program_id: Id, access: SignedIn) -> Response:
    """The newest entries of the program's trail, with a verify button."""
    with access.program(program_id) as scope:
        program = ProgramRepository(scope).get()
        log = AuditLogRepository(scope)
        total = log.entries(1, 0).total
        entries = log.entries(AUDIT_ROWS_SHOWN, max(0, total - AUDIT_ROWS_SHOWN))
    access.record_read(program_id, "audit.read", "program", program_id)
    return render(
        request,
        "audit.html",
        access,
        program=program,
        entries=list(reversed(entries.items)),
        total=entries.total,
    )


@router.get("/programs/{program_id}/audit.csv")
def audit_csv(program_id: Id, access: SignedIn) -> Response:
    """The program's trail as CSV (no cell can become a formula)."""
    with access.program(program_id) as scope:
        page = AuditLogRepository(scope).entries(10_000, 0)
    access.record_read(program_id, "audit.export", "program", program_id)
    rows = ([getattr(e, c) for c in AUDIT_CSV_COLUMNS] for e in page.items)
    return csv_download(AUDIT_CSV_COLUMNS, rows, f"audit-program-{program_id}.csv")


@router.post("/programs/{program_id}/audit/verify")
def verify(request: Request, program_id: Id, access: Posted) -> Response:
    """Walk the whole hash chain and the signed checkpoints (auditors, admins)."""
    with access.program(program_id) as scope:
        scope.require(Permission.READ_AUDIT)
    _, checkpoints = access.service.settings.audit_files()
    with access.database.read() as session:
        verdict = verify_trail(session, checkpoints, access.database.audit_key)
    access.record_read(program_id, "audit.verify", "program", program_id)
    return render(request, "fragments/verdict.html", access, verdict=verdict)
