"""The running test service a browser test talks to (imported by name: no conftest)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from surgeplan.service.settings import Settings
from surgeplan.store.database import Database


@dataclass
class Site:
    """The running service, its database and where screenshots go."""

    url: str
    database: Database
    settings: Settings
    shots: Path
