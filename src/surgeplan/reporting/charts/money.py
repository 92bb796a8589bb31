"""Charts of money: the plan's costs by kind, yearly cash flows and the tornado."""

from __future__ import annotations

from surgeplan.economics import BusinessCase, Sensitivity
from surgeplan.planning.results.plan import Plan
from surgeplan.planning.results.records import CostKind
from surgeplan.reporting.figures import Chart, color, layout, rounded

COST_LABELS = {
    CostKind.LABOUR: "labour",
    CostKind.OVERTIME: "overtime",
    CostKind.TRAINING: "training",
    CostKind.HIRING: "hiring",
    CostKind.SHIFTS: "shift patterns",
    CostKind.SHIFT_SWITCHES: "shift switches",
    CostKind.CONVERSION_CAPEX: "conversion capex",
    CostKind.PURCHASES: "purchases",
    CostKind.MATERIALS: "materials",
    CostKind.TRANSPORT: "transport",
    CostKind.HOLDING: "holding stock",
    CostKind.LATE_PENALTIES: "late penalties",
    CostKind.CORE_SHORTFALL: "core shortfall",
}


def costs_by_kind(plan: Plan) -> dict[str, float]:
    """The plan's costs summed by kind, in CostKind order, kinds with none left out."""
    totals = {kind: plan.cost(kind) for kind in CostKind}
    return {kind.value: amount for kind, amount in totals.items() if amount != 0}


def cost_chart(plan: Plan) -> Chart:
    """What the plan spends its money on over the horizon."""
    totals = costs_by_kind(plan)
    return Chart(
        name="costs",
        title="Costs by kind over the plan's horizon",
        figure={
            "data": [
                {
                    "type": "bar",
                    "orientation": "h",
                    "y": [COST_LABELS[CostKind(kind)] for kind in totals],
                    "x": rounded(list(totals.values()), 2),
                    "customdata": list(totals),
                    "marker": {"color": color(0)},
                    "hovertemplate": "%{y}: %{x:,.0f}<extra></extra>",
                }
            ],
            "layout": layout(
                x_title=plan.currency,
                margin={"l": 140, "r": 20, "t": 20, "b": 50},
                yaxis={"autorange": "reversed", "automargin": True},
            ),
        },
        caption="Every cost of the plan, penalties included.",
        height_px=max(220, 60 + 28 * len(totals)),
    )


def cash_flow_chart(case: BusinessCase) -> Chart:
    """Revenue, costs and cumulative cash, year by year over the contract."""
    years = [f"{case.period.value} {year.year}" for year in case.years]
    outgoing = [
        -(year.direct_costs_eur + year.overheads_eur + year.capex_eur + year.tax_eur)
        for year in case.years
    ]
    return Chart(
        name="cashflow",
        title="Cash flows over the contract",
        figure={
            "data": [
                {
                    "type": "bar",
                    "name": "revenue",
                    "x": years,
                    "y": rounded([year.revenue_eur for year in case.years], 2),
                    "marker": {"color": color(2)},
                },
                {
                    "type": "bar",
                    "name": "costs, overheads, capex and tax",
                    "x": years,
                    "y": rounded(outgoing, 2),
                    "marker": {"color": color(1)},
                },
                {
                    "type": "scatter",
                    "mode": "lines+markers",
                    "name": "cumulative cash",
                    "x": years,
                    "y": rounded(
                        [year.cumulative_cash_flow_eur for year in case.years], 2
                    ),
                    "line": {"color": "#000000"},
                },
            ],
            "layout": layout(y_title=case.currency, barmode="relative"),
        },
        caption="Years after the plan's horizon follow the contract's terms; see the "
        "conventions below the table.",
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
                "name": f"input {direction:+.0%}",
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
        title="What moves the NPV",
        figure={
            "data": traces,
            "layout": layout(
                x_title=f"NPV ({currency})",
                barmode="overlay",
                margin={"l": 240, "r": 20, "t": 20, "b": 50},
                yaxis={"automargin": True},
            ),
        },
        caption=f"Each input moved by {result.change:.0%} down and up, the scenario "
        "planned again; bars start at the base NPV.",
    )
