"""The sentences marked for translation, extracted once for the catalog tests."""

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """Every marked sentence of code and templates, as `make catalogs` finds them."""
    template = tmp_path_factory.mktemp("extract") / "surgeplan.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run(
        [
            str(pybabel),
            "extract",
            "--mapping-file",
            "babel.cfg",
            "--no-location",
            "--output-file",
            str(template),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    with template.open("rb") as source:
        return read_po(source)
