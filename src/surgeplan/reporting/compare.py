"""Variants side by side: key figures in a table and a CSV, delivery curves overlaid."""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from surgeplan.economics import BusinessCase, business_case
from surgeplan.planning.results.plan import Plan
from surgeplan.reporting.environment import environment, page_assets
from surgeplan.reporting.figures import Chart, color, label, layout, rounded
from surgeplan.reporting.formatting import day, money, number, payback
from surgeplan.reporting.key_figures import KeyFigures, key_figures
from surgeplan.scenario import Scenario

COMPARE_HTML = "compare.html"
COMPARE_CSV = "compare.csv"
# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Variant:
    """One scenario of the comparison, planned."""

    label: str
    scenario: Scenario
    plan: Plan
    case: BusinessCase

    @classmethod
    def of(cls, label: str, scenario: Scenario, plan: Plan) -> Variant:
        """A variant with its business case."""
        return cls(label, scenario, plan, business_case(scenario, plan))

    @property
    def figures(self) -> KeyFigures:
        """Its key figures."""
        return key_figures(self.scenario, self.plan, self.case)


@dataclass(frozen=True)
class Measure:
    """A row of the comparison: its heading, CSV column and how to read and show it."""

    heading: str
    column: str
    value: Callable[[KeyFigures], float | str | dt.date | None]
    shown: Callable[[KeyFigures], str]


MEASURES = (
    Measure("Units delivered", "units_delivered", lambda k: k.units_delivered,
            lambda k: number(k.units_delivered)),
    Measure("Milestones on time", "milestones_on_time", lambda k: k.milestones_on_time,
            lambda k: f"{k.milestones_on_time} of {k.milestones}"),
    Measure("Most weeks late", "weeks_late_max", lambda k: k.weeks_late_max,
            lambda k: number(k.weeks_late_max, 1)),
    Measure("Last milestone met", "last_milestone_met", lambda k: k.last_milestone_met,
            lambda k: day(k.last_milestone_met)),
    Measure("Cost per unit", "cost_per_unit_eur", lambda k: k.cost_per_unit_eur,
            lambda k: money(k.cost_per_unit_eur, k.currency)),
    Measure("Capex", "capex_eur", lambda k: k.capex_eur,
            lambda k: money(k.capex_eur, k.currency)),
    Measure("NPV", "npv_eur", lambda k: k.npv_eur,
            lambda k: money(k.npv_eur, k.currency)),
    Measure("Payback", "payback_years", lambda k: k.payback_years,
            lambda k: payback(k.payback_years)),
    Measure("FTE added (average)", "added_fte", lambda k: k.added_fte,
            lambda k: number(k.added_fte, 1)),
    Measure("Core units not made", "core_shortfall_units",
            lambda k: k.core_shortfall_units, lambda k: number(k.core_shortfall_units)),
)  # fmt: skip


def spreadsheet_safe(value: object) -> object:
    """A text cell a spreadsheet would run as a formula gets a leading quote.

    Numbers stay numbers: a negative NPV is data, not a formula.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


CSV_DECIMALS = 6
"""Enough for every measure; more only shows float noise (`11999.999999999998`)."""


def csv_number(value: float) -> float | int:
    """A figure without float noise: whole numbers without a decimal point."""
    rounded = round(value, CSV_DECIMALS)
    return int(rounded) if rounded.is_integer() else rounded


def write_csv(variants: list[Variant], target: Path) -> Path:
    """One row per variant, one column per measure (plain numbers, ISO dates)."""
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(["variant", "scenario", *(m.column for m in MEASURES)])
        for variant in variants:
            figures = variant.figures
            values = [measure.value(figures) for measure in MEASURES]
            writer.writerow(
                [
                    spreadsheet_safe(variant.label),
                    spreadsheet_safe(variant.scenario.program.name),
                    *(
                        "" if value is None
                        else value.isoformat() if isinstance(value, dt.date)
                        else csv_number(value) if isinstance(value, float)
                        else spreadsheet_safe(value)
                        for value in values
                    ),
                ]
            )  # fmt: skip
    return target


def _due_by_date(scenario: Scenario) -> tuple[list[dt.date], list[float]]:
    """Units due in total by each milestone date, over every delivery point."""
    milestones = scenario.milestones_in_order()
    dates = sorted({milestone.due_date for milestone in milestones})
    totals = []
    for date in dates:
        due: dict[tuple[str, str], float] = defaultdict(float)
        for milestone in milestones:
            if milestone.due_date <= date:
                key = (milestone.item, milestone.delivery_point)
                due[key] = max(due[key], milestone.quantity_in_force)
        totals.append(sum(due.values()))
    return dates, totals


def delivery_curves(variants: list[Variant]) -> Chart:
    """Each variant's cumulative deliveries of the product, and what is due by when."""
    traces: list[dict[str, object]] = []
    for position, variant in enumerate(variants):
        buckets = sorted(variant.plan.buckets, key=lambda bucket: bucket.index)
        product = variant.scenario.program.product
        by_bucket: dict[int, float] = defaultdict(float)
        for delivery in variant.plan.deliveries:
            if delivery.item == product:
                by_bucket[delivery.bucket] += delivery.units
        name = label(variant.label)
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": name,
                "legendgroup": name,
                "x": [bucket.end.isoformat() for bucket in buckets],
                "y": rounded(list(accumulate(by_bucket[b.index] for b in buckets))),
                "line": {"color": color(position), "width": 3, "shape": "hv"},
            }
        )
        dates, totals = _due_by_date(variant.scenario)
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": f"{name}: due",
                "legendgroup": name,
                "x": [date.isoformat() for date in dates],
                "y": totals,
                "marker": {"symbol": "diamond", "size": 10, "color": color(position)},
            }
        )
    return Chart(
        name="compare-deliveries",
        title="Cumulative deliveries of each variant",
        figure={
            "data": traces,
            "layout": layout(x_title="date", y_title="units delivered to date"),
        },
        caption="Lines: units delivered by the end of each period, every delivery "
        "point together. Diamonds: units due in total by each milestone date.",
        height_px=420,
    )


def write_comparison(variants: list[Variant], out_dir: Path) -> tuple[Path, Path]:
    """Write `compare.html` and `compare.csv` into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    figures = [variant.figures for variant in variants]
    html = (
        environment()
        .get_template("compare.html.j2")
        .render(
            {
                **page_assets("report.css"),
                "title": "Variants compared",
                "variants": variants,
                "rows": [
                    {"heading": m.heading, "cells": [m.shown(k) for k in figures]}
                    for m in MEASURES
                ],
                "chart": delivery_curves(variants),
            }
        )
    )
    html_path = out_dir / COMPARE_HTML
    html_path.write_text(html, encoding="utf-8")
    return html_path, write_csv(variants, out_dir / COMPARE_CSV)
