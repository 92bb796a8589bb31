"""A program's audit trail as its auditors and admins read it."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from surgeplan.store.records import AuditEntry, Page
from surgeplan.store.roles import Permission
from surgeplan.store.scope import ProgramScope
from surgeplan.store.tables import AuditRow


def audit_entry(row: AuditRow) -> AuditEntry:
    """A stored row as a record."""
    return AuditEntry(
        seq=row.seq,
        at=row.at,
        actor=row.actor,
        program_id=row.program_id,
        action=row.action,
        object_type=row.object_type,
        object_id=row.object_id,
        version_hash=row.version_hash,
        outcome=row.outcome,
        detail=json.loads(row.detail),
        row_hash=row.row_hash,
    )


class AuditLogRepository:
    """The audit entries of `scope.program_id`, oldest first."""

    def __init__(self, scope: ProgramScope) -> None:
        self.scope = scope

    def entries(
        self, limit: int, offset: int, action: str | None = None
    ) -> Page[AuditEntry]:
        """One page of the program's trail, optionally of one action."""
        self.scope.require(Permission.READ_AUDIT)
        where = [AuditRow.program_id == self.scope.program_id]
        if action:
            where.append(AuditRow.action == action)
        total = self.scope.session.execute(
            select(func.count()).select_from(AuditRow).where(*where)
        ).scalar_one()
        rows = self.scope.session.execute(
            select(AuditRow)
            .where(*where)
            .order_by(AuditRow.seq)
            .limit(limit)
            .offset(offset)
        ).scalars()
        items = [audit_entry(row) for row in rows]
        next_offset = offset + limit if offset + limit < total else None
        return Page(
            items=items,
            total=total,
            limit=limit,
            offset=offset,
            next_offset=next_offset,
        )
