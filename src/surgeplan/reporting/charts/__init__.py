"""The report's charts, each a function of the plan (and business case) to a `Chart`."""

from surgeplan.reporting.charts.capacity import (
    bottleneck_chart,
    change_timeline,
    utilisation_heatmap,
)
from surgeplan.reporting.charts.delivery import cumulative_deliveries, output_by_site
from surgeplan.reporting.charts.money import (
    cash_flow_chart,
    cost_chart,
    cost_labels,
    costs_by_kind,
    tornado_chart,
)
from surgeplan.reporting.charts.people import labour_chart
from surgeplan.reporting.charts.supply import core_chart, purchases_chart

__all__ = [
    "bottleneck_chart",
    "cash_flow_chart",
    "change_timeline",
    "core_chart",
    "cost_chart",
    "cost_labels",
    "costs_by_kind",
    "cumulative_deliveries",
    "labour_chart",
    "output_by_site",
    "purchases_chart",
    "tornado_chart",
    "utilisation_heatmap",
]
