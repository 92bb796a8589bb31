"""docs/python-api.md is a notebook that runs: its blocks execute and show their text.

The blocks run in one fresh process (as a notebook kernel would), so the page also
proves that planning and then scheduling work from one `surgeplan` install.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
PAGE = ROOT / "docs" / "python-api.md"
NOTEBOOK = Path(__file__).parent / "notebook.py"
BLOCK = re.compile(r"```(python|text)\n(.*?)```", re.DOTALL)


def cells(page: str) -> list[tuple[str, str | None]]:
    """Each Python block with the text block right after it, if any."""
    found: list[tuple[str, str | None]] = []
    for kind, body in BLOCK.findall(page):
        if kind == "python":
            found.append((body, None))
        elif found and found[-1][1] is None:
            found[-1] = (found[-1][0], body.strip())
    return found


def test_the_page_has_a_walkthrough_with_expected_outputs() -> None:
    walkthrough = cells(PAGE.read_text("utf-8"))

    assert len(walkthrough) >= 10
    assert sum(1 for _, text in walkthrough if text is not None) >= 8


@pytest.mark.slow
def test_every_block_runs_and_shows_the_text_below_it() -> None:
    walkthrough = cells(PAGE.read_text("utf-8"))

    completed = subprocess.run(
        [sys.executable, str(NOTEBOOK)],
        input=json.dumps([code for code, _ in walkthrough]),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    shown = json.loads(completed.stdout.splitlines()[-1])
    for (code, expected), actual in zip(walkthrough, shown, strict=True):
        if expected is not None:
            assert actual == expected, f"{code}\nshows {actual}, page says {expected}"
