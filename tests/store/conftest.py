import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from database_fixtures import (
    database_url,
    postgres_cluster,
    sqlite_template,
)

__all__ = ["database_url", "postgres_cluster", "sqlite_template"]
