"""Read back what a surgeplan page holds: the figures' JSON and the visible text."""

import json
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def element(soup: Tag, name: str | None = None, **attributes: Any) -> Tag:
    """The element a test expects to find (its absence fails the test here)."""
    found = soup.find(name, **attributes)
    assert isinstance(found, Tag), f"no <{name or ''}> with {attributes}"
    return found


def selected(soup: Tag, selector: str) -> Tag:
    """The element a test expects the CSS selector to match."""
    found = soup.select_one(selector)
    assert found is not None, f"nothing matches {selector!r}"
    return found


def script_text(block: Tag) -> str:
    """What a <script> element holds."""
    assert block.string is not None, "an empty <script>"
    return str(block.string)


def figures_of(html: str) -> dict[str, dict[str, Any]]:
    """Every embedded figure by its name (`fig-deliveries` -> `deliveries`)."""
    soup = soup_of(html)
    return {
        str(block["id"]).removeprefix("fig-"): json.loads(script_text(block))
        for block in soup.find_all("script", attrs={"type": "application/json"})
    }


def traces_named(figure: dict[str, Any], fragment: str) -> list[dict[str, Any]]:
    return [trace for trace in figure["data"] if fragment in trace.get("name", "")]


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")
