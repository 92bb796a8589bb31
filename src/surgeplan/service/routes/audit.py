"""A program's audit trail, for its auditors and admins, as JSON or CSV."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from surgeplan.service.access import CallerDependency
from surgeplan.service.bodies import Id, Limit, Offset
from surgeplan.service.csv_export import csv_download
from surgeplan.store.audit_log import AuditLogRepository
from surgeplan.store.records import AuditEntry, Page

router = APIRouter(tags=["audit"])
Action = Annotated[str | None, Query(max_length=64, pattern=r"^[a-z_.]+$")]
CSV_COLUMNS = (
    "seq",
    "at",
    "actor",
    "action",
    "object_type",
    "object_id",
    "version_hash",
    "outcome",
    "row_hash",
)
CSV_MAX_ROWS = 10_000


@router.get("/programs/{program_id}/audit")
def list_audit(
    program_id: Id,
    access: CallerDependency,
    limit: Limit = 50,
    offset: Offset = 0,
    action: Action = None,
) -> Page[AuditEntry]:
    """The program's audit entries, oldest first, optionally of one action."""
    with access.program(program_id) as scope:
        entries = AuditLogRepository(scope).entries(limit, offset, action)
    access.record_read(program_id, "audit.read", "program", program_id)
    return entries


@router.get(
    "/programs/{program_id}/audit.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def export_audit(
    program_id: Id, access: CallerDependency, offset: Offset = 0, action: Action = None
) -> Response:
    """Up to 10,000 audit entries as CSV; no cell can become a spreadsheet formula."""
    with access.program(program_id) as scope:
        page = AuditLogRepository(scope).entries(CSV_MAX_ROWS, offset, action)
    access.record_read(program_id, "audit.export", "program", program_id)
    rows = ([getattr(entry, column) for column in CSV_COLUMNS] for entry in page.items)
    return csv_download(CSV_COLUMNS, rows, f"audit-program-{program_id}.csv")
