"""What every HTML page of surgeplan carries: styles, scripts and the Plotly bundle."""

from __future__ import annotations

import functools
from typing import Any

from markupsafe import Markup

from surgeplan import __version__
from surgeplan.reporting.environment import asset


@functools.cache
def plotly_bundle() -> str:
    """Plotly's JavaScript, to inline once per page (the page works offline)."""
    from plotly.offline import get_plotlyjs

    bundle: str = get_plotlyjs()
    return bundle


def page_assets(*stylesheets: str, with_charts: bool = True) -> dict[str, Any]:
    """Template variables for `base.html.j2`: CSS, scripts and the Plotly bundle.

    These are the package's own files, trusted and inserted as they are.
    """
    css = "\n".join(asset(name) for name in ("page.css", *stylesheets))
    return {
        "version": __version__,
        "css": Markup(css),
        "charts_present": with_charts,
        "errors_js": Markup(asset("errors.js")),
        "render_js": Markup(asset("render.js")),
        "plotly_js": Markup(plotly_bundle()) if with_charts else "",
    }
