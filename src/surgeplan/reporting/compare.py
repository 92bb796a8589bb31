"""Variants side by side: key figures in a table and a CSV, delivery curves overlaid.

The page speaks the language asked for (else the first scenario's
`program.language`): headings, sentences and chart words come from the catalogs,
figures are written by `formatting` in that language, and the chart gets Plotly's
locale. The CSV is data for other programs: its columns are ids, its numbers
plain and its dates ISO in every language.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from surgeplan.economics import BusinessCase, business_case
from surgeplan.i18n import Language, gettext, speaking
from surgeplan.planning.results.plan import Plan
from surgeplan.reporting.environment import environment, page_assets
from surgeplan.reporting.figures import Chart, color, label, layout, rounded
from surgeplan.reporting.formatting import day, money, number, payback
from surgeplan.reporting.key_figures import KeyFigures, key_figures
from surgeplan.scenario import Scenario
from surgeplan.scenario.excel_words import N_

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
    """A row of the comparison: its heading, CSV column and how to read and show it.

    `heading` is the English message, marked with `N_` and translated when shown.
    """

    heading: str
    column: str
    value: Callable[[KeyFigures], float | str | dt.date | None]
    shown: Callable[[KeyFigures], str]


def _on_time(figures: KeyFigures) -> str:
    """Milestones on time out of all, in the page's language: '2 of 3'."""
    return gettext("{on_time} of {count}").format(
        on_time=number(figures.milestones_on_time), count=number(figures.milestones)
    )


MEASURES = (
    Measure(N_("Units delivered"), "units_delivered", lambda k: k.units_delivered,
            lambda k: number(k.units_delivered)),
    Measure(N_("Milestones on time"), "milestones_on_time",
            lambda k: k.milestones_on_time, _on_time),
    Measure(N_("Most weeks late"), "weeks_late_max", lambda k: k.weeks_late_max,
            lambda k: number(k.weeks_late_max, 1)),
    Measure(N_("Last milestone met"), "last_milestone_met",
            lambda k: k.last_milestone_met, lambda k: day(k.last_milestone_met)),
    Measure(N_("Cost per unit"), "cost_per_unit_eur", lambda k: k.cost_per_unit_eur,
            lambda k: money(k.cost_per_unit_eur, k.currency)),
    Measure(N_("Capex"), "capex_eur", lambda k: k.capex_eur,
            lambda k: money(k.capex_eur, k.currency)),
    Measure(N_("NPV"), "npv_eur", lambda k: k.npv_eur,
            lambda k: money(k.npv_eur, k.currency)),
    Measure(N_("Payback"), "payback_years", lambda k: k.payback_years,
            lambda k: payback(k.payback_years)),
    Measure(N_("FTE added (average)"), "added_fte", lambda k: k.added_fte,
            lambda k: number(k.added_fte, 1)),
    Measure(N_("Core units not made"), "core_shortfall_units",
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
                "name": gettext("{variant}: due").format(variant=name),
                "legendgroup": name,
                "x": [date.isoformat() for date in dates],
                "y": totals,
                "marker": {"symbol": "diamond", "size": 10, "color": color(position)},
            }
        )
    return Chart(
        name="compare-deliveries",
        title=gettext("Cumulative deliveries of each variant"),
        figure={
            "data": traces,
            "layout": layout(
                x_title=gettext("date"), y_title=gettext("units delivered to date")
            ),
        },
        caption=gettext(
            "Lines: units delivered by the end of each period, every delivery "
            "point together. Diamonds: units due in total by each milestone date."
        ),
        height_px=420,
    )


def comparison_language(variants: list[Variant]) -> Language:
    """The language of a comparison nobody chose one for: the first scenario's."""
    return variants[0].scenario.program.language


def render_comparison(
    variants: list[Variant], *, language: Language | None = None
) -> str:
    """compare.html as text, in `language` (else the first scenario's)."""
    with speaking(language or comparison_language(variants)):
        figures = [variant.figures for variant in variants]
        return (
            environment()
            .get_template("compare.html.j2")
            .render(
                {
                    **page_assets("report.css"),
                    "title": gettext("Variants compared"),
                    "variants": variants,
                    "rows": [
                        {
                            "heading": gettext(m.heading),
                            "cells": [m.shown(k) for k in figures],
                        }
                        for m in MEASURES
                    ],
                    "chart": delivery_curves(variants),
                }
            )
        )


def write_comparison(
    variants: list[Variant], out_dir: Path, *, language: Language | None = None
) -> tuple[Path, Path]:
    """Write `compare.html` (in `language`) and `compare.csv` into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    html = render_comparison(variants, language=language)
    html_path = out_dir / COMPARE_HTML
    html_path.write_text(html, encoding="utf-8")
    return html_path, write_csv(variants, out_dir / COMPARE_CSV)
