"""Request bodies and bounded field types (no control characters, no surrogates)."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Path, Query
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from surgeplan.i18n import gettext
from surgeplan.store.records import RunKind
from surgeplan.store.roles import Role

MAX_ID = 2_147_483_647
LINE_PATTERN = r"^[^\x00-\x1f\x7f]*$"
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


# Characters that make a name display as something else: bidirectional overrides,
# embeddings and isolates (a name can read backwards), zero-width and invisible
# characters (two names that look the same), the byte-order mark; and C1 controls.
_DECEPTIVE = re.compile(
    "[\u0080-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb]"
)


def _no_surrogates(value: str) -> str:
    if any("\ud800" <= character <= "\udfff" for character in value):
        raise ValueError(gettext("the text holds invalid characters (lone surrogates)"))
    found = _DECEPTIVE.search(value)
    if found:
        raise ValueError(
            gettext(
                "the text holds an invisible or direction-changing character (%(code)s)"
            )
            % {"code": f"U+{ord(found.group()):04X}"}
        )
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError(gettext("the name is blank"))
    return value


Checked = AfterValidator(_no_surrogates)
NotBlank = AfterValidator(_not_blank)
Name = Annotated[
    str, Field(min_length=1, max_length=200, pattern=LINE_PATTERN), Checked, NotBlank
]
Description = Annotated[str, Field(max_length=5000, pattern=TEXT_PATTERN), Checked]
Username = Annotated[
    str, Field(min_length=1, max_length=64, pattern=LINE_PATTERN), Checked
]
ScenarioText = Annotated[str, Field(min_length=1, max_length=5 * 1024 * 1024), Checked]
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
Limit = Annotated[int, Query(ge=1, le=200, description="Page size (at most 200).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]


class StrictBody(BaseModel):
    """A body that refuses unknown fields."""

    model_config = ConfigDict(extra="forbid")


class LoginBody(StrictBody):
    """A user name and password."""

    username: Username
    password: str = Field(min_length=1, max_length=1024)


class RefreshBody(StrictBody):
    """A refresh token to trade for a new pair."""

    refresh_token: str = Field(min_length=1, max_length=200)


class TokenPairOut(BaseModel):
    """Tokens returned by login and refresh."""

    access_token: str
    refresh_token: str
    token_type: str = "bearer"
    expires_in: int


class MeOut(BaseModel):
    """The caller's account."""

    id: int
    username: str
    is_superadmin: bool
    token_kind: str


class ProgramCreate(StrictBody):
    """A new program."""

    name: Name
    description: Description = ""


class ProgramUpdate(StrictBody):
    """Fields of a program to change."""

    name: Name | None = None
    description: Description | None = None


class MemberAdd(StrictBody):
    """An account to add to a program, with its role."""

    username: Username
    role: Role


class MemberRole(StrictBody):
    """A member's new role."""

    role: Role


class ApiTokenCreate(StrictBody):
    """A script token for this program."""

    name: Name
    role: Role
    days: int = Field(default=30, ge=1, le=365)


class ScenarioCreate(StrictBody):
    """A new scenario, optionally with its first version."""

    name: Name
    description: Description = ""
    content: ScenarioText | None = None
    message: Description = ""


class ScenarioUpdate(StrictBody):
    """Scenario metadata to change."""

    name: Name | None = None
    description: Description | None = None


class VersionCreate(StrictBody):
    """The YAML (or JSON) text of a new version."""

    content: ScenarioText
    message: Description = ""


class VersionReference(StrictBody):
    """A scenario version of the same program (its head when no version is given)."""

    scenario_id: int = Field(ge=1, le=MAX_ID)
    version: int | None = Field(default=None, ge=1, le=MAX_ID)


MAX_COMPARED_VARIANTS = 4


class RunCreate(StrictBody):
    """A run to queue; parameters depend on the kind."""

    kind: RunKind
    scenario_id: int = Field(ge=1, le=MAX_ID)
    version: int | None = Field(default=None, ge=1, le=MAX_ID)
    site: Name | None = None
    start_week: int | None = Field(default=None, ge=0, le=10_000)
    weeks: int | None = Field(default=None, ge=1, le=520)
    runs: int | None = Field(default=None, ge=1, le=1_000_000)
    seed: int | None = Field(default=None, ge=0, le=MAX_ID)
    confidence: str | None = Field(
        default=None,
        pattern=r"^(none|0?\.\d{1,4}(,0?\.\d{1,4}){0,4})$",
        description="Plan and report runs: odds each key milestone must reach (0.8), "
        "several to price them side by side (0.5,0.8,0.9), or none; default: the "
        "scenario's program.confidence.",
    )
    mitigation_runs: int | None = Field(
        default=None,
        ge=1,
        le=1_000_000,
        description="Report and brief runs with risk: runs for each mitigation "
        "(default as `surgeplan run`).",
    )
    with_risk: bool | None = Field(
        default=None,
        description="Report and brief runs: simulate the risks and rank the "
        "mitigations too. Default: no for report (the plan's report), yes for brief "
        "(as `surgeplan run`).",
    )
    compare_with: list[VersionReference] | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_COMPARED_VARIANTS,
        description="Compare runs: the other versions (of this program's scenarios) "
        "to plan and compare with this one.",
    )
    actuals_version: int | None = Field(
        default=None,
        ge=1,
        le=MAX_ID,
        description="Status and re-plan runs: the number of the actuals version "
        "(uploaded against the run's scenario version).",
    )
    plan_run_id: int | None = Field(
        default=None,
        ge=1,
        le=MAX_ID,
        description="Status and re-plan runs: a finished run of the same scenario "
        "version whose plan.json is the plan the program runs on.",
    )
