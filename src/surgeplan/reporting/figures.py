"""Charts as plain Plotly figure data, and how they are embedded in a page.

A chart is built as a plain dict (`{"data": [...], "layout": {...}}`) so that tests
can compare it with the plan; the page holds each one in a
`<script type="application/json" id="fig-NAME">` block that its script draws.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from surgeplan.i18n import gettext

FigureData = dict[str, Any]

PALETTE = (
    "#1f4e79",
    "#c55a11",
    "#548235",
    "#7030a0",
    "#bf9000",
    "#2e75b6",
    "#a5002e",
    "#3b8686",
    "#7f6000",
    "#595959",
)
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"


@dataclass(frozen=True)
class Chart:
    """One chart of a report: where it goes, what it shows, and its figure."""

    name: str
    title: str
    figure: FigureData
    caption: str = ""
    height_px: int = 380
    notes: list[str] = field(default_factory=list)

    @property
    def element_id(self) -> str:
        """Id of the `<div>` the chart is drawn in."""
        return f"plot-{self.name}"

    @property
    def data_id(self) -> str:
        """Id of the `<script>` block holding the figure's JSON."""
        return f"fig-{self.name}"

    def json_markup(self) -> Markup:
        """The figure as JSON that is safe inside a `<script>` element."""
        return Markup(script_safe_json(self.figure))


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def script_safe_json(value: Any) -> str:
    """JSON where `<`, `>` and `&` are escaped, so no text can close the script."""
    text = json.dumps(value, default=_plain, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def label(text: str) -> str:
    """User text for Plotly, which reads a few HTML tags in labels: shown as typed."""
    return html.escape(text, quote=False)


def color(position: int) -> str:
    """The palette's colour for the n-th series."""
    return PALETTE[position % len(PALETTE)]


def layout(
    *,
    x_title: str = "",
    y_title: str = "",
    barmode: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The layout every chart shares: plain fonts, legend below, tight margins."""
    result: dict[str, Any] = {
        "font": {"family": FONT, "size": 12},
        "margin": {"l": 70, "r": 20, "t": 20, "b": 50},
        "legend": {"orientation": "h", "y": -0.2},
        "xaxis": {"title": {"text": x_title}},
        "yaxis": {"title": {"text": y_title}, "rangemode": "tozero"},
        "hovermode": "closest",
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff",
    }
    if barmode:
        result["barmode"] = barmode
    result.update(extra)
    return result


def hover_pair(name: str, value: str) -> str:
    """'name: value' for a hover label, with the language's space before the colon.

    `name` and `value` are usually Plotly placeholders (`%{y}`, `%{x:,.0f}`).
    """
    return gettext("{name}: {value}").format(name=name, value=value)


def rounded(values: list[float], digits: int = 6) -> list[float]:
    """Values rounded for display; exact enough to compare with the plan."""
    return [round(value, digits) for value in values]
