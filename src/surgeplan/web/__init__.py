"""The program office in a browser: server-rendered pages over the service's store.

`router` holds every dashboard page, htmx fragment and static asset; `create_app`
mounts it beside the API (same origin). Assets ship in the package: htmx and the
stylesheet in static/, Plotly.js straight from the installed `plotly` package.
"""

from __future__ import annotations

from fastapi import APIRouter

from surgeplan.web import (
    assets,
    pages_account,
    pages_actuals,
    pages_language,
    pages_program,
    pages_runs,
    pages_scenarios,
)

router = APIRouter(include_in_schema=False)
for _module in (
    assets,
    pages_account,
    pages_language,
    pages_program,
    pages_scenarios,
    pages_runs,
    pages_actuals,
):
    router.include_router(_module.router)

__all__ = ["router"]
