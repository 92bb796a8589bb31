"""Read a page for English left in it: the words only English writes, names aside.

Names the scenario gives (sites, items, descriptions) are proper nouns, quoted as
written: they are taken out of the text before its words are read.
"""

from typing import Any

from english_words import english_pattern
from page_reading import figures_of, soup_of

ENGLISH = english_pattern()


def strings(value: Any) -> list[str]:
    """Every string inside nested dicts and lists."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return []


def hover_words(trace: dict[str, Any]) -> list[str]:
    """What a trace's hover label says: its template and the texts it shows."""
    shown = [trace.get("hovertemplate", "")]
    for key in ("customdata", "text"):
        values = trace.get(key)
        if isinstance(values, list):
            shown += [value for value in values if isinstance(value, str)]
    return shown


def page_words(html: str) -> str:
    """The text a reader sees: the page, and its charts' titles, axes, legends and
    hover labels."""
    soup = soup_of(html)
    figure_text = [
        text
        for figure in figures_of(html).values()
        for text in (
            [trace.get("name", "") for trace in figure["data"]]
            + [word for trace in figure["data"] for word in hover_words(trace)]
            + [
                axis["title"]["text"]
                for key, axis in figure["layout"].items()
                if key.startswith(("xaxis", "yaxis")) and "title" in axis
            ]
        )
    ]
    for tag in soup(["script", "style"]):
        tag.decompose()
    return "\n".join([soup.get_text("\n"), *figure_text])


def english_lines(text: str, proper_nouns: list[str]) -> list[str]:
    """Lines of `text` that still hold an English word, the proper nouns taken out."""
    for noun in sorted(proper_nouns, key=len, reverse=True):
        text = text.replace(noun, " ")
    return [line for line in text.splitlines() if ENGLISH.search(line)]
