"""Static assets from inside the installed packages: nothing from a CDN.

htmx (2.0.11, BSD Zero-Clause licence in static/htmx.LICENSE.txt), the dashboard's
script and stylesheet ship in static/; Plotly.js is served from the `plotly`
Python package's own copy rather than vendored a second time.
"""

from __future__ import annotations

from functools import cache
from importlib import resources, util
from pathlib import Path

from fastapi import APIRouter, Response

from surgeplan.i18n import gettext
from surgeplan.web.base import PageError, WebRoute


class AssetRoute(WebRoute):
    """An asset's route: its refusals speak the browser's language, read no session."""

    reads_session = False


router = APIRouter(route_class=AssetRoute, include_in_schema=False)
MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
}
SHIPPED = ("app.js", "app.css", "favicon.svg", "htmx.min.js", "htmx.LICENSE.txt")
# Assets change only with the installed version: browsers may keep them a day.
CACHE_CONTROL = "public, max-age=86400"


def plotly_path() -> Path:
    """plotly.min.js inside the installed plotly package.

    Found without importing plotly: the service starts without loading it.
    """
    spec = util.find_spec("plotly")
    if spec is None or spec.origin is None:
        raise PageError(
            404, gettext("Not found"), gettext("The plotly package is not installed.")
        )
    return Path(spec.origin).parent / "package_data" / "plotly.min.js"


@cache
def asset_bytes(name: str) -> bytes:
    """The bytes of a shipped asset (read once per process)."""
    if name == "plotly.min.js":
        return plotly_path().read_bytes()
    return (resources.files("surgeplan.web") / "static" / name).read_bytes()


@router.get("/static/{name}")
def static_asset(name: str) -> Response:
    """One of the shipped assets (a fixed list: no path reaches the disk)."""
    if name not in SHIPPED and name != "plotly.min.js":
        raise PageError(
            404,
            gettext("Not found"),
            gettext("There is no asset {name}.").format(name=name[:80]),
        )
    return Response(
        asset_bytes(name),
        media_type=MEDIA_TYPES[Path(name).suffix],
        headers={"Cache-Control": CACHE_CONTROL},
    )
