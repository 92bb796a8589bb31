"""System tools some reporting tests need: skipped where absent, required in CI."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


def require_tool(names: tuple[str, ...], install_hint: str) -> str:
    """The tool's path; skip the test without it, or fail when CI=true."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    message = f"{names[0]} is not installed ({install_hint})"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}; CI must have it: run `make system-deps`")
    pytest.skip(message)


def dump_dom(page: Path, profile: Path) -> str:
    """The page's DOM after its scripts ran, from headless Chromium."""
    chromium = require_tool(
        CHROMIUM_CANDIDATES, "apt-get install chromium, or run `make system-deps`"
    )
    result = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=20000",
            "--dump-dom",
            page.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def pdf_text(pdf: Path) -> str:
    """The text of a PDF, laid out as on the page."""
    pdftotext = require_tool(
        ("pdftotext",), "apt-get install poppler-utils, or run `make system-deps`"
    )
    result = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout


def pdf_pages(pdf: Path) -> int:
    """How many pages a PDF has."""
    pdfinfo = require_tool(
        ("pdfinfo",), "apt-get install poppler-utils, or run `make system-deps`"
    )
    result = subprocess.run(
        [pdfinfo, str(pdf)], capture_output=True, text=True, timeout=60, check=True
    )
    for line in result.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError(f"pdfinfo gave no page count: {result.stdout}")
