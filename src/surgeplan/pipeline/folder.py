"""The run folder: every result of one scenario's run, and which plan each came from.

A run folder holds a snapshot of the scenario, plan.json and plan.xlsx, risk.json,
mitigations.json, sensitivity.json, business-case.json, schedule.json, report.html
and the brief. Beside them, run.json records for each file the scenario hash and the
plan hash it was made from; `RunFolder.check_origin` is the one place that refuses a
file made from another scenario or another plan, naming the command that makes a
matching one. Files given from elsewhere (`--plan other/plan.json`) are checked
against the run.json of their own folder.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from surgeplan.pipeline import files
from surgeplan.pipeline.commands import Stage, shown
from surgeplan.pipeline.errors import (
    MismatchError,
    MissingInputError,
    OutputFolderError,
)
from surgeplan.planning.results.plan import Plan, plan_hash
from surgeplan.scenario import Scenario, scenario_hash

MANIFEST_FILE = "run.json"
MANIFEST_FORMAT = "surgeplan-run/1"


class Artefact(StrEnum):
    """A result file of a run, by its name in the run folder."""

    SCENARIO = "scenario.snapshot.yaml"
    PLAN = "plan.json"
    PLAN_WORKBOOK = "plan.xlsx"
    CONFIDENCE = "confidence.json"
    REALISM = "realism.json"
    RISK = "risk.json"
    MITIGATIONS = "mitigations.json"
    SENSITIVITY = "sensitivity.json"
    BUSINESS_CASE = "business-case.json"
    SCHEDULE = "schedule.json"
    REPORT = "report.html"
    BRIEF = "brief.pdf"


MADE_BY: dict[Artefact, Stage] = {
    Artefact.SCENARIO: Stage.PLAN,
    Artefact.PLAN: Stage.PLAN,
    Artefact.PLAN_WORKBOOK: Stage.PLAN,
    Artefact.CONFIDENCE: Stage.PLAN,
    Artefact.REALISM: Stage.REALISM,
    Artefact.RISK: Stage.SIMULATE,
    Artefact.MITIGATIONS: Stage.MITIGATE,
    Artefact.SENSITIVITY: Stage.SENSITIVITY,
    Artefact.BUSINESS_CASE: Stage.REPORT,
    Artefact.SCHEDULE: Stage.SCHEDULE,
    Artefact.REPORT: Stage.REPORT,
    Artefact.BRIEF: Stage.BRIEF,
}


class Origin(BaseModel):
    """What a result file was made from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    scenario_hash: str
    plan_hash: str | None = None
    """None for the plan itself and for files made without a plan."""

    @classmethod
    def of(cls, scenario: Scenario, plan: Plan | None = None) -> Origin:
        """The origin of a file made from this scenario (and this plan, if any)."""
        return cls(
            scenario_hash=scenario_hash(scenario),
            plan_hash=None if plan is None else plan_hash(plan),
        )


class Manifest(BaseModel):
    """run.json: the origin of each file of the folder, by file name."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: str = MANIFEST_FORMAT
    origins: dict[str, Origin] = {}


def read_manifest(folder: Path) -> Manifest:
    """The run.json of a folder; an empty one if there is none or it is unreadable.

    An unreadable run.json only loses the plan pairing: the scenario hash inside each
    result file is still checked.
    """
    try:
        return Manifest.model_validate_json(
            (folder / MANIFEST_FILE).read_text(encoding="utf-8")
        )
    except (OSError, ValidationError):
        return Manifest()


@dataclass(frozen=True)
class RunFolder:
    """The folder one run writes into, and the scenario file it is a run of.

    The scenario file is kept for messages only: a refusal names the command to run,
    and that command names the scenario.
    """

    path: Path
    scenario_file: Path

    def file(self, artefact: Artefact) -> Path:
        """Where the artefact lives in this folder."""
        return self.path / artefact.value

    def command_for(self, artefact: Artefact) -> str:
        """The command that makes a good copy of the artefact in this folder."""
        return shown(MADE_BY[artefact], self.scenario_file, self.path)

    def prepare(self) -> None:
        """Create the folder and prove that files can be written in it.

        Raises:
            OutputFolderError: a file of that name, or a folder that may not be written.
        """
        if self.path.exists() and not self.path.is_dir():
            raise OutputFolderError(f"'{self.path}' is a file; give --out a folder")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=self.path):
                pass
        except OSError:
            raise OutputFolderError(
                f"cannot write in '{self.path}': permission denied or read-only"
            ) from None

    def require(self, artefact: Artefact, given: Path | None = None) -> Path:
        """The file to read for an artefact: the one given, or the folder's.

        Raises:
            MissingInputError: no such file, with the command that makes it.
        """
        path = given if given is not None else self.file(artefact)
        if not path.is_file():
            where = f"'{path}' does not exist" if given else f"no {path}"
            raise MissingInputError(
                f"{where}: make it with `{self.command_for(artefact)}`"
            )
        return path

    def record(self, artefact: Artefact, origin: Origin) -> None:
        """Note in run.json what the artefact now in the folder was made from.

        Commands running side by side in one folder (`simulate` and `mitigate`)
        take turns, so that neither loses the other's entry.
        """
        # The lock is on the folder itself: no lock file among the results.
        descriptor = os.open(self.path, os.O_RDONLY)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            manifest = read_manifest(self.path)
            origins = {**manifest.origins, artefact.value: origin}
            text = Manifest(origins=origins).model_dump_json(indent=1) + "\n"
            files.write_text(self.path / MANIFEST_FILE, text)
        finally:
            os.close(descriptor)

    def check_origin(
        self,
        artefact: Artefact,
        path: Path,
        *,
        is_from_scenario: bool,
        plan: Plan | None = None,
        plan_file: Path | None = None,
    ) -> None:
        """Refuse a result file made from another scenario or from another plan.

        `is_from_scenario` says whether the scenario hash the file itself records is
        the scenario's of this run. The plan it was
        made from is known from the run.json beside it; a file without an entry
        there (written by an older version) is checked on its scenario only.

        Raises:
            MismatchError: naming both files and the command that makes a match.
        """
        command = self.command_for(artefact)
        if not is_from_scenario:
            raise MismatchError(
                f"'{path}' was made from another version of '{self.scenario_file}': "
                f"make a matching one with `{command}`"
            )
        if plan is None:
            return
        origin = read_manifest(path.parent).origins.get(path.name)
        recorded = _recorded_plan_hash(path)
        if recorded is None and origin is not None:
            recorded = origin.plan_hash
        if recorded is None:
            return
        if recorded != plan_hash(plan):
            which = f"'{plan_file}'" if plan_file else "the plan it is used with"
            raise MismatchError(
                f"'{path}' was made from another plan than {which}: make a "
                f"matching one with `{command}`"
            )


def _recorded_plan_hash(path: Path) -> str | None:
    """The plan hash a result file records itself (risk.json, mitigations.json).

    A file carries it wherever it is copied to; the run.json beside it is the
    fallback for files that do not record one.
    """
    if path.suffix != ".json":
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get("plan_hash") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None
