"""Scenarios and their immutable versions: save, upload, read, download, diff."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, File, Form, Header, Query, Response, UploadFile, status
from starlette.concurrency import run_in_threadpool

from surgeplan.service.access import CallerDependency
from surgeplan.service.bodies import (
    TEXT_PATTERN,
    Id,
    Limit,
    Offset,
    ScenarioCreate,
    ScenarioUpdate,
    VersionCreate,
)
from surgeplan.service.downloads import (
    XLSX_MEDIA_TYPE,
    YAML_MEDIA_TYPE,
    attachment,
    workbook_bytes,
)
from surgeplan.service.parse_limits import read_upload_limited
from surgeplan.service.uploads import (
    check_plain_text,
    too_large,
)
from surgeplan.store.records import (
    Page,
    ScenarioRecord,
    VersionContent,
    VersionDiff,
    VersionRecord,
)
from surgeplan.store.scenarios import ScenarioRepository

router = APIRouter(tags=["scenarios"])
IfMatch = Annotated[str | None, Header(max_length=500)]
BASE = "/programs/{program_id}/scenarios"


class DownloadFormat(StrEnum):
    """How a version is downloaded."""

    YAML = "yaml"
    XLSX = "xlsx"


@router.get(BASE)
def list_scenarios(
    program_id: Id, access: CallerDependency, limit: Limit = 50, offset: Offset = 0
) -> Page[ScenarioRecord]:
    """The program's scenarios."""
    with access.program(program_id) as scope:
        return ScenarioRepository(scope).page(limit, offset)


@router.post(BASE, status_code=status.HTTP_201_CREATED)
def create_scenario(
    program_id: Id, body: ScenarioCreate, access: CallerDependency, response: Response
) -> ScenarioRecord:
    """A new scenario; with `content`, its first version is saved too."""
    max_bytes = access.service.settings.max_upload_bytes
    content = None
    if body.content is not None:
        _check_may_save(access, program_id, None)
        content = _scenario_from_text(body.content, max_bytes)
    with access.program(program_id, write=True) as scope:
        scenarios = ScenarioRepository(scope)
        record = scenarios.create(body.name, body.description)
        if content is not None:
            scenarios.save_version(
                record.id, record.etag, content, "yaml", body.message
            )
            record = scenarios.get(record.id)
    response.headers["ETag"] = record.etag
    return record


@router.get(BASE + "/{scenario_id}")
def get_scenario(
    program_id: Id, scenario_id: Id, access: CallerDependency, response: Response
) -> ScenarioRecord:
    """A scenario's metadata; its ETag goes into If-Match of the next update."""
    with access.program(program_id) as scope:
        record = ScenarioRepository(scope).get(scenario_id)
    response.headers["ETag"] = record.etag
    return record


@router.patch(BASE + "/{scenario_id}")
def update_scenario(
    program_id: Id,
    scenario_id: Id,
    body: ScenarioUpdate,
    access: CallerDependency,
    response: Response,
    if_match: IfMatch = None,
) -> ScenarioRecord:
    """Rename or describe a scenario (If-Match required: 412 if it changed)."""
    with access.program(program_id, write=True) as scope:
        record = ScenarioRepository(scope).update(
            scenario_id, if_match, body.name, body.description
        )
    response.headers["ETag"] = record.etag
    return record


@router.get(BASE + "/{scenario_id}/versions")
def list_versions(
    program_id: Id,
    scenario_id: Id,
    access: CallerDependency,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[VersionRecord]:
    """A scenario's versions, newest first."""
    with access.program(program_id) as scope:
        return ScenarioRepository(scope).versions(scenario_id, limit, offset)


def _scenario_from_text(content: str, max_bytes: int) -> str:
    """Validated YAML text sent in a JSON body, read within the time limit."""
    check_plain_text(content, "scenario.yaml")
    data = content.encode("utf-8")
    return read_upload_limited("scenario.yaml", data, max_bytes)[0]


def _check_may_save(
    access: CallerDependency, program_id: int, scenario_id: int | None
) -> None:
    """Membership, role and scenario checked before the text is parsed.

    Parsing costs CPU: a caller who may not save must not be able to spend it
    (a non-member gets the same 404 as for a program that does not exist).
    """
    with access.program(program_id) as scope:
        ScenarioRepository(scope).check_may_save(scenario_id)


def _saved(
    access: CallerDependency,
    program_id: int,
    scenario_id: int,
    if_match: str | None,
    content: str,
    source_format: str,
    message: str,
    response: Response,
) -> VersionRecord:
    with access.program(program_id, write=True) as scope:
        scenarios = ScenarioRepository(scope)
        record = scenarios.save_version(
            scenario_id, if_match, content, source_format, message
        )
        response.headers["ETag"] = scenarios.etag(scenario_id)
    return record


@router.post(BASE + "/{scenario_id}/versions", status_code=status.HTTP_201_CREATED)
def save_version(
    program_id: Id,
    scenario_id: Id,
    body: VersionCreate,
    access: CallerDependency,
    response: Response,
    if_match: IfMatch = None,
) -> VersionRecord:
    """Save YAML text as the next version (If-Match: the scenario's ETag)."""
    _check_may_save(access, program_id, scenario_id)
    content = _scenario_from_text(
        body.content, access.service.settings.max_upload_bytes
    )
    return _saved(
        access,
        program_id,
        scenario_id,
        if_match,
        content,
        "yaml",
        body.message,
        response,
    )


@router.post(
    BASE + "/{scenario_id}/versions/upload", status_code=status.HTTP_201_CREATED
)
async def upload_version(
    program_id: Id,
    scenario_id: Id,
    file: Annotated[UploadFile, File(description=".yaml, .yml, .json or .xlsx")],
    access: CallerDependency,
    response: Response,
    message: Annotated[str, Form(max_length=5000, pattern=TEXT_PATTERN)] = "",
    if_match: IfMatch = None,
) -> VersionRecord:
    """Upload a file as the next version (at most 5 MB; workbooks checked first)."""
    await run_in_threadpool(_check_may_save, access, program_id, scenario_id)
    max_bytes = access.service.settings.max_upload_bytes
    data = await file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large(max_bytes)

    def parse_and_save() -> VersionRecord:
        content, source_format = read_upload_limited(file.filename, data, max_bytes)
        return _saved(
            access,
            program_id,
            scenario_id,
            if_match,
            content,
            source_format,
            message,
            response,
        )

    return await run_in_threadpool(parse_and_save)


@router.get(BASE + "/{scenario_id}/versions/{number}")
def get_version(
    program_id: Id, scenario_id: Id, number: Id, access: CallerDependency
) -> VersionContent:
    """A version with its YAML text (viewers: without cost fields)."""
    with access.program(program_id) as scope:
        version = ScenarioRepository(scope).version(scenario_id, number)
    access.record_read(
        program_id,
        "scenario.version.read",
        "scenario_version",
        f"{scenario_id}/{number}",
        version_hash=version.sha256,
        detail={"redacted": version.is_redacted},
    )
    return version


@router.get(
    BASE + "/{scenario_id}/versions/{number}/download",
    response_class=Response,
    responses={200: {"content": {YAML_MEDIA_TYPE: {}, XLSX_MEDIA_TYPE: {}}}},
)
def download_version(
    program_id: Id,
    scenario_id: Id,
    number: Id,
    access: CallerDependency,
    file_format: Annotated[DownloadFormat, Query(alias="format")] = DownloadFormat.YAML,
) -> Response:
    """A version as a file: YAML (viewers: no cost fields) or .xlsx (not viewers)."""
    with access.program(program_id) as scope:
        scenarios = ScenarioRepository(scope)
        if file_format is DownloadFormat.XLSX:
            _, text = scenarios.version_text(scenario_id, number)
        else:
            text = scenarios.version(scenario_id, number).content
    access.record_read(
        program_id,
        "scenario.version.download",
        "scenario_version",
        f"{scenario_id}/{number}",
        detail={"format": file_format.value},
    )
    name = f"scenario-{scenario_id}-v{number}"
    if file_format is DownloadFormat.XLSX:
        return attachment(workbook_bytes(text), XLSX_MEDIA_TYPE, name + ".xlsx")
    return attachment(text.encode("utf-8"), YAML_MEDIA_TYPE, name + ".yaml")


@router.get(BASE + "/{scenario_id}/diff")
def diff_versions(
    program_id: Id,
    scenario_id: Id,
    access: CallerDependency,
    from_version: Annotated[int, Query(alias="from", ge=1, le=2_147_483_647)],
    to_version: Annotated[int, Query(alias="to", ge=1, le=2_147_483_647)],
) -> VersionDiff:
    """Changed paths and a unified diff of the YAML between two versions."""
    with access.program(program_id) as scope:
        diff = ScenarioRepository(scope).diff(scenario_id, from_version, to_version)
    access.record_read(
        program_id,
        "scenario.diff.read",
        "scenario",
        scenario_id,
        detail={"from": from_version, "to": to_version},
    )
    return diff
