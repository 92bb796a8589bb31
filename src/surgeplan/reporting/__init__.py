"""Results -> HTML, Excel and PDF documents people read."""

from surgeplan.reporting.brief import BriefFiles, render_brief, write_brief
from surgeplan.reporting.compare import Variant, write_comparison
from surgeplan.reporting.decision import Decision, Recommendation, recommend
from surgeplan.reporting.report import render_report, write_report
from surgeplan.reporting.risk_view import RiskView, load_risk_view

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
