"""Write tests/golden/uav-surge.json from a fresh `surgeplan run` of the drone example.

Run it only on purpose, when a change of results is intended, and commit the new file
in a commit of its own that says why the figures moved:

    .venv/bin/python tests/golden/regenerate.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from golden_figures import GOLDEN_FILE, golden_text, key_figures, run_example


def main() -> None:
    """Run the example in a scratch folder and write its key figures."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "run"
        run_example(folder)
        GOLDEN_FILE.write_text(golden_text(key_figures(folder)), "utf-8")
    print(f"wrote {GOLDEN_FILE}")  # noqa: T201 - a script tells what it wrote


if __name__ == "__main__":
    main()
