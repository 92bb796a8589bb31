"""Scenarios of one program and their immutable versions.

A scenario's ETag names its metadata revision and head version; updates must send it
in If-Match, so two planners saving at once cannot overwrite each other: the second
gets 412 and reloads.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from surgeplan.i18n import N_
from surgeplan.store.errors import (
    NotFoundError,
    PreconditionFailedError,
    PreconditionRequiredError,
)
from surgeplan.store.records import (
    Page,
    ScenarioRecord,
    VersionContent,
    VersionDiff,
    VersionRecord,
)
from surgeplan.store.roles import Permission
from surgeplan.store.scenario_diff import (
    changed_paths,
    unified_diff,
    version_data,
    without_costs,
)
from surgeplan.store.scope import ProgramScope
from surgeplan.store.tables import ScenarioRow, ScenarioVersionRow, User


def scenario_etag(row: ScenarioRow) -> str:
    """The entity tag of a scenario's current state."""
    return f'"scenario-{row.id}-r{row.revision}-v{row.head_number}"'


def etag_matches(if_match: str, current: str) -> bool:
    """RFC 9110 If-Match: `*` or any listed tag (weak prefixes ignored)."""
    tags = [tag.strip().removeprefix("W/") for tag in if_match.split(",")]
    return "*" in tags or current in tags


def check_if_match(if_match: str | None, current: str) -> None:
    """Stop an update that does not name the current state.

    Raises:
        PreconditionRequiredError: no If-Match header.
        PreconditionFailedError: it names an older state.
    """
    if if_match is None:
        raise PreconditionRequiredError(
            N_("send If-Match with the ETag you last read, so no change is overwritten")
        )
    if not etag_matches(if_match, current):
        raise PreconditionFailedError(
            N_(
                "the object changed since you read it: reload it and apply your "
                "change again"
            ),
            current,
        )


def _record(row: ScenarioRow) -> ScenarioRecord:
    return ScenarioRecord(
        id=row.id,
        program_id=row.program_id,
        name=row.name,
        description=row.description,
        head_version=row.head_number or None,
        created_at=row.created_at,
        updated_at=row.updated_at,
        etag=scenario_etag(row),
    )


def _version(row: ScenarioVersionRow, author: str) -> VersionRecord:
    return VersionRecord(
        id=row.id,
        scenario_id=row.scenario_id,
        number=row.number,
        sha256=row.sha256,
        source_format=row.source_format,
        message=row.message,
        created_by=author,
        created_at=row.created_at,
    )


# The reads every dashboard page and API client repeat, built once (see
# `accounts._PRINCIPAL_OF_TOKEN`): values travel as bound parameters.
_SCENARIO = select(ScenarioRow).where(
    ScenarioRow.id == bindparam("scenario_id"),
    ScenarioRow.program_id == bindparam("program_id"),
)
_SCENARIO_FOR_UPDATE = _SCENARIO.with_for_update()
_SCENARIO_COUNT = (
    select(func.count())
    .select_from(ScenarioRow)
    .where(ScenarioRow.program_id == bindparam("program_id"))
)
_SCENARIO_PAGE = (
    select(ScenarioRow)
    .where(ScenarioRow.program_id == bindparam("program_id"))
    .order_by(ScenarioRow.created_at, ScenarioRow.id)
    .limit(bindparam("limit"))
    .offset(bindparam("offset"))
)
_VERSION_WITH_AUTHOR = (
    select(ScenarioVersionRow, User.username)
    .join(User, User.id == ScenarioVersionRow.created_by)
    .where(
        ScenarioVersionRow.program_id == bindparam("program_id"),
        ScenarioVersionRow.scenario_id == bindparam("scenario_id"),
        ScenarioVersionRow.number == bindparam("number"),
    )
)


class ScenarioRepository:
    """Scenarios and versions, always inside `scope.program_id`."""

    def __init__(self, scope: ProgramScope) -> None:
        self.scope = scope
        self.session: Session = scope.session

    def _row(self, scenario_id: int, *, for_update: bool = False) -> ScenarioRow:
        statement = _SCENARIO_FOR_UPDATE if for_update else _SCENARIO
        row = self.session.execute(
            statement,
            {"scenario_id": scenario_id, "program_id": self.scope.program_id},
        ).scalar_one_or_none()
        if row is None:
            raise NotFoundError(
                N_("there is no scenario {scenario_id} in this program"),
                scenario_id=scenario_id,
            )
        return row

    def page(self, limit: int, offset: int) -> Page[ScenarioRecord]:
        """The program's scenarios, oldest first."""
        self.scope.require(Permission.READ)
        program = {"program_id": self.scope.program_id}
        total = self.session.execute(_SCENARIO_COUNT, program).scalar_one()
        rows = self.session.execute(
            _SCENARIO_PAGE, {**program, "limit": limit, "offset": offset}
        ).scalars()
        items = [_record(row) for row in rows]
        next_offset = offset + limit if offset + limit < total else None
        return Page(
            items=items,
            total=total,
            limit=limit,
            offset=offset,
            next_offset=next_offset,
        )

    def get(self, scenario_id: int) -> ScenarioRecord:
        """One scenario's metadata."""
        self.scope.require(Permission.READ)
        return _record(self._row(scenario_id))

    def create(self, name: str, description: str) -> ScenarioRecord:
        """A new, empty scenario (its first version comes with the first save)."""
        self.scope.require(Permission.EDIT_SCENARIOS)
        now = self.scope.now
        row = ScenarioRow(
            program_id=self.scope.program_id,
            name=name,
            description=description,
            revision=1,
            head_number=0,
            created_at=now,
            updated_at=now,
        )
        self.session.add(row)
        self.session.flush()
        self.scope.record("scenario.create", "scenario", row.id, detail={"name": name})
        return _record(row)

    def update(
        self,
        scenario_id: int,
        if_match: str | None,
        name: str | None,
        description: str | None,
    ) -> ScenarioRecord:
        """Change a scenario's name or description (If-Match required)."""
        row = self._row(scenario_id, for_update=True)
        self.scope.require(Permission.EDIT_SCENARIOS)
        check_if_match(if_match, scenario_etag(row))
        if name is not None:
            row.name = name
        if description is not None:
            row.description = description
        row.revision += 1
        row.updated_at = self.scope.now
        self.scope.record("scenario.update", "scenario", row.id)
        return _record(row)

    def check_may_save(self, scenario_id: int | None) -> None:
        """Stop before any parsing unless the caller may save to this scenario.

        Raises:
            NotFoundError: no such scenario in the program.
            MissingRoleError: the caller's role does not edit scenarios.
        """
        if scenario_id is not None:
            self._row(scenario_id)
        self.scope.require(Permission.EDIT_SCENARIOS)

    def save_version(
        self,
        scenario_id: int,
        if_match: str | None,
        content: str,
        source_format: str,
        message: str,
    ) -> VersionRecord:
        """Store validated YAML text as the next version (If-Match required)."""
        row = self._row(scenario_id, for_update=True)
        self.scope.require(Permission.EDIT_SCENARIOS)
        check_if_match(if_match, scenario_etag(row))
        sha256 = hashlib.sha256(content.encode("utf-8")).hexdigest()
        version = ScenarioVersionRow(
            program_id=self.scope.program_id,
            scenario_id=row.id,
            number=row.head_number + 1,
            sha256=sha256,
            content=content,
            source_format=source_format,
            message=message,
            created_by=self.scope.principal.user_id,
            created_at=self.scope.now,
        )
        self.session.add(version)
        row.head_number = version.number
        row.updated_at = self.scope.now
        self.session.flush()
        self.scope.record(
            "scenario.version.save",
            "scenario_version",
            f"{row.id}/{version.number}",
            version_hash=sha256,
            detail={"format": source_format},
        )
        return _version(version, self.scope.principal.username)

    def etag(self, scenario_id: int) -> str:
        """The scenario's current ETag."""
        self.scope.require(Permission.READ)
        return scenario_etag(self._row(scenario_id))

    def _version_row(
        self, scenario_id: int, number: int
    ) -> tuple[ScenarioVersionRow, str]:
        self._row(scenario_id)
        found = self.session.execute(
            _VERSION_WITH_AUTHOR,
            {
                "program_id": self.scope.program_id,
                "scenario_id": scenario_id,
                "number": number,
            },
        ).one_or_none()
        if found is None:
            raise NotFoundError(
                N_("scenario {scenario_id} has no version {number}"),
                scenario_id=scenario_id,
                number=number,
            )
        return found[0], found[1]

    def versions(
        self, scenario_id: int, limit: int, offset: int
    ) -> Page[VersionRecord]:
        """A scenario's versions, newest first."""
        self.scope.require(Permission.READ)
        self._row(scenario_id)
        where = (
            ScenarioVersionRow.program_id == self.scope.program_id,
            ScenarioVersionRow.scenario_id == scenario_id,
        )
        total = self.session.execute(
            select(func.count()).select_from(ScenarioVersionRow).where(*where)
        ).scalar_one()
        rows = self.session.execute(
            select(ScenarioVersionRow, User.username)
            .join(User, User.id == ScenarioVersionRow.created_by)
            .where(*where)
            .order_by(ScenarioVersionRow.number.desc())
            .limit(limit)
            .offset(offset)
        ).all()
        items = [_version(row, author) for row, author in rows]
        next_offset = offset + limit if offset + limit < total else None
        return Page(
            items=items,
            total=total,
            limit=limit,
            offset=offset,
            next_offset=next_offset,
        )

    def version(self, scenario_id: int, number: int) -> VersionContent:
        """A version with its text (cost fields removed for viewers)."""
        self.scope.require(Permission.READ)
        row, author = self._version_row(scenario_id, number)
        content = row.content
        if not self.scope.sees_costs:
            content = without_costs(row.content)
        return VersionContent(
            **_version(row, author).model_dump(),
            content=content,
            is_redacted=not self.scope.sees_costs,
        )

    def version_text(self, scenario_id: int, number: int) -> tuple[VersionRecord, str]:
        """A version and its full text, for members who see costs (downloads, runs)."""
        row, author = self._version_row(scenario_id, number)
        self.scope.require(Permission.READ_COSTS)
        return _version(row, author), row.content

    def diff(self, scenario_id: int, from_number: int, to_number: int) -> VersionDiff:
        """Changed paths and a unified diff between two versions."""
        before = self.version(scenario_id, from_number)
        after = self.version(scenario_id, to_number)
        return VersionDiff(
            from_version=from_number,
            to_version=to_number,
            changed_paths=changed_paths(
                version_data(before.content), version_data(after.content)
            )[:1000],
            unified_diff=unified_diff(
                before.content, after.content, f"v{from_number}", f"v{to_number}"
            ),
            is_redacted=before.is_redacted,
        )
