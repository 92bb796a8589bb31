"""Read back what a surgeplan page holds: the figures' JSON and the visible text."""

import json
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def figures_of(html: str) -> dict[str, dict[str, Any]]:
    """Every embedded figure by its name (`fig-deliveries` -> `deliveries`)."""
    soup = soup_of(html)
    return {
        block["id"].removeprefix("fig-"): json.loads(block.string)
        for block in soup.find_all("script", attrs={"type": "application/json"})
    }


def traces_named(figure: dict[str, Any], fragment: str) -> list[dict[str, Any]]:
    return [trace for trace in figure["data"] if fragment in trace.get("name", "")]


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")
