"""Charts of money: the plan's costs by kind, yearly cash flows and the tornado."""

from __future__ import annotations

from surgeplan.economics import BusinessCase, Sensitivity
from surgeplan.i18n import gettext
from surgeplan.planning.results.plan import Plan
from surgeplan.planning.results.records import CostKind
from surgeplan.reporting.figures import Chart, color, hover_pair, layout, rounded
from surgeplan.reporting.formatting import realism_figure
from surgeplan.scenario.economics import CashFlowPeriod


def cost_labels() -> dict[CostKind, str]:
    """Each kind of cost in words, in the language in force."""
    return {
        CostKind.LABOUR: gettext("labour"),
        CostKind.OVERTIME: gettext("overtime"),
        CostKind.TRAINING: gettext("training"),
        CostKind.HIRING: gettext("hiring"),
        CostKind.SHIFTS: gettext("shift patterns"),
        CostKind.SHIFT_SWITCHES: gettext("shift switches"),
        CostKind.CONVERSION_CAPEX: gettext("conversion capex"),
        CostKind.PURCHASES: gettext("purchases"),
        CostKind.MATERIALS: gettext("materials"),
        CostKind.TRANSPORT: gettext("transport"),
        CostKind.HOLDING: gettext("holding stock"),
        CostKind.LATE_PENALTIES: gettext("late penalties"),
        CostKind.CORE_SHORTFALL: gettext("core shortfall"),
    }


def costs_by_kind(plan: Plan) -> dict[str, float]:
    """The plan's costs summed by kind, in CostKind order, kinds with none left out."""
    totals = {kind: plan.cost(kind) for kind in CostKind}
    return {kind.value: amount for kind, amount in totals.items() if amount != 0}


def cost_chart(plan: Plan) -> Chart:
    """What the plan spends its money on over the horizon."""
    totals = costs_by_kind(plan)
    labels = cost_labels()
    return Chart(
        name="costs",
        title=gettext("Costs by kind over the plan's horizon"),
        figure={
            "data": [
                {
                    "type": "bar",
                    "orientation": "h",
                    "y": [labels[CostKind(kind)] for kind in totals],
                    "x": rounded(list(totals.values()), 2),
                    "customdata": list(totals),
                    "marker": {"color": color(0)},
                    "hovertemplate": hover_pair("%{y}", "%{x:,.0f}")
                    + "<extra></extra>",
                }
            ],
            "layout": layout(
                x_title=plan.currency,
                margin={"l": 140, "r": 20, "t": 20, "b": 50},
                yaxis={"autorange": "reversed", "automargin": True},
            ),
        },
        caption=gettext("Every cost of the plan, penalties included."),
        height_px=max(220, 60 + 28 * len(totals)),
    )


def cash_flow_chart(case: BusinessCase) -> Chart:
    """Revenue, costs and cumulative cash, year by year over the contract."""
    period = {
        CashFlowPeriod.YEAR: gettext("year {number}"),
        CashFlowPeriod.MONTH: gettext("month {number}"),
        CashFlowPeriod.WEEK: gettext("week {number}"),
    }[case.period]
    years = [period.format(number=year.year) for year in case.years]
    outgoing = [
        -(year.direct_costs_eur + year.overheads_eur + year.capex_eur + year.tax_eur)
        for year in case.years
    ]
    return Chart(
        name="cashflow",
        title=gettext("Cash flows over the contract"),
        figure={
            "data": [
                {
                    "type": "bar",
                    "name": gettext("revenue"),
                    "x": years,
                    "y": rounded([year.revenue_eur for year in case.years], 2),
                    "marker": {"color": color(2)},
                },
                {
                    "type": "bar",
                    "name": gettext("costs, overheads, capex and tax"),
                    "x": years,
                    "y": rounded(outgoing, 2),
                    "marker": {"color": color(1)},
                },
                {
                    "type": "scatter",
                    "mode": "lines+markers",
                    "name": gettext("cumulative cash"),
                    "x": years,
                    "y": rounded(
                        [year.cumulative_cash_flow_eur for year in case.years], 2
                    ),
                    "line": {"color": "#000000"},
                },
            ],
            "layout": layout(y_title=case.currency, barmode="relative"),
        },
        caption=gettext(
            "Years after the plan's horizon follow the contract's terms; see the "
            "conventions below the table."
        ),
    )


def tornado_chart(result: Sensitivity, currency: str) -> Chart:
    """How far NPV moves when each input moves down and up, widest first."""
    order = list(reversed(result.inputs_by_swing()))
    traces: list[dict[str, object]] = []
    for position, direction in enumerate((-result.change, result.change)):
        cases = {case.input: case for case in result.cases if case.change == direction}
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": gettext("input {change}").format(change=f"{direction:+.0%}"),
                "y": [cases[name].label for name in order if name in cases],
                "x": rounded(
                    [
                        (cases[name].npv_eur or result.base_npv_eur)
                        - result.base_npv_eur
                        for name in order
                        if name in cases
                    ],
                    2,
                ),
                "base": result.base_npv_eur,
                "marker": {"color": color(1 if position == 0 else 2)},
            }
        )
    return Chart(
        name="tornado",
        title=gettext("What moves the NPV"),
        figure={
            "data": traces,
            "layout": layout(
                x_title=gettext("NPV ({currency})").format(currency=currency),
                barmode="overlay",
                margin={"l": 240, "r": 20, "t": 20, "b": 50},
                yaxis={"automargin": True},
            ),
        },
        caption=gettext(
            "Each input moved by {change} down and up, the scenario planned again; "
            "bars start at the base NPV."
        ).format(change=realism_figure(result.change, "share")),
    )
