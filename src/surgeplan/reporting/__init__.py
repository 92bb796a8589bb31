"""Results -> HTML, Excel and PDF documents people read.

Names are imported on first use: the service's dashboard imports
`reporting.formatting` (figures in the page's language) without loading the
brief's business case, and with it the planner's numpy, at start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from surgeplan.reporting.brief import BriefFiles, render_brief, write_brief
    from surgeplan.reporting.compare import Variant, write_comparison
    from surgeplan.reporting.decision import Decision, Recommendation, recommend
    from surgeplan.reporting.report import render_report, write_report
    from surgeplan.reporting.risk_view import RiskView, load_risk_view

_MODULE_OF = {
    "BriefFiles": "brief",
    "render_brief": "brief",
    "write_brief": "brief",
    "Variant": "compare",
    "write_comparison": "compare",
    "Decision": "decision",
    "Recommendation": "decision",
    "recommend": "decision",
    "render_report": "report",
    "write_report": "report",
    "RiskView": "risk_view",
    "load_risk_view": "risk_view",
}

__all__ = [
    "BriefFiles",
    "Decision",
    "Recommendation",
    "RiskView",
    "Variant",
    "load_risk_view",
    "recommend",
    "render_brief",
    "render_report",
    "write_brief",
    "write_comparison",
    "write_report",
]


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'surgeplan.reporting' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"surgeplan.reporting.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
