import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "store"))

from database_fixtures import (
    database_url,
    postgres_cluster,
    sqlite_template,
)
from world import World, build_world

__all__ = ["database_url", "postgres_cluster", "sqlite_template"]


@pytest.fixture
def world(database_url: str, tmp_path: Path) -> Iterator[World]:
    built = build_world(database_url, tmp_path)
    with built.client:
        yield built
    built.database.dispose()
