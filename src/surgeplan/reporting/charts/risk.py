"""Charts of the risk simulation: the fan, each milestone's chance, the mitigations."""

from __future__ import annotations

from surgeplan.i18n import gettext
from surgeplan.reporting.charts.mitigation import mitigation_chart
from surgeplan.reporting.figures import Chart, color, hover_pair, label, layout, rounded
from surgeplan.reporting.formatting import number, realism_figure
from surgeplan.reporting.names import Names
from surgeplan.reporting.risk_view import ON_TIME_PROBABILITY_MIN, RiskView


def _rgba(hex_color: str, alpha: float) -> str:
    red, green, blue = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def fan_chart(risk: RiskView, names: Names) -> Chart:
    """Cumulative deliveries over the runs: P10-P90 band, median, and the plan."""
    traces: list[dict[str, object]] = []
    for position, fan in enumerate(risk.fans):
        name = label(f"{names.item(fan.item)} → {names.place(fan.delivery_point)}")
        tint = color(position)
        x = [day.isoformat() for day in fan.dates]
        common = {"type": "scatter", "mode": "lines", "x": x, "legendgroup": name}
        traces.extend(
            [
                {
                    **common,
                    "name": f"{name}: P10",
                    "y": rounded(fan.p10),
                    "line": {"width": 0, "color": tint},
                    "showlegend": False,
                },
                {
                    **common,
                    "name": f"{name}: P10-P90",
                    "y": rounded(fan.p90),
                    "fill": "tonexty",
                    "fillcolor": _rgba(tint, 0.2),
                    "line": {"width": 0, "color": tint},
                },
                {
                    **common,
                    "name": gettext("{series}: median").format(series=name),
                    "y": rounded(fan.p50),
                    "line": {"color": tint, "width": 3},
                },
                {
                    **common,
                    "name": gettext("{series}: plan").format(series=name),
                    "y": rounded(fan.planned),
                    "line": {"color": tint, "dash": "dash", "width": 1.5},
                },
            ]
        )
    return Chart(
        name="risk-fan",
        title=gettext("Deliveries under risk ({runs} runs)").format(
            runs=number(risk.runs)
        ),
        figure={
            "data": traces,
            "layout": layout(
                x_title=gettext("date"), y_title=gettext("units delivered to date")
            ),
        },
        caption=gettext(
            "Band: cumulative deliveries between the 10th and the 90th percentile of "
            "the simulated runs. Solid: the median run. Dashed: the plan."
        ),
        height_px=420,
    )


def chance_chart(risk: RiskView) -> Chart:
    """The chance each milestone is met on time, against the 80 % a go asks for."""
    chances = risk.milestones
    return Chart(
        name="risk-milestones",
        title=gettext("Chance of each milestone on time"),
        figure={
            "data": [
                {
                    "type": "bar",
                    "x": [label(chance.milestone) for chance in chances],
                    "y": rounded([chance.probability_on_time for chance in chances]),
                    "marker": {
                        "color": [
                            color(2) if chance.is_likely else color(6)
                            for chance in chances
                        ]
                    },
                    "hovertemplate": hover_pair("%{x}", "%{y:.0%}") + "<extra></extra>",
                }
            ],
            "layout": layout(
                y_title=gettext("chance on time"),
                yaxis={"range": [0, 1], "tickformat": ".0%"},
                shapes=[
                    {
                        "type": "line",
                        "xref": "paper",
                        "x0": 0,
                        "x1": 1,
                        "y0": ON_TIME_PROBABILITY_MIN,
                        "y1": ON_TIME_PROBABILITY_MIN,
                        "line": {"dash": "dot", "color": "#000000"},
                    }
                ],
            ),
        },
        caption=gettext(
            "Dotted line: the {chance} chance a go decision asks for."
        ).format(chance=realism_figure(ON_TIME_PROBABILITY_MIN, "share")),
    )


def risk_charts(
    risk: RiskView | None, names: Names, currency: str
) -> dict[str, Chart | None]:
    """The risk section's charts; None where there is no result to show."""
    if risk is None:
        return {"risk_fan": None, "risk_milestones": None, "risk_mitigations": None}
    ranking = risk.mitigations
    return {
        "risk_fan": fan_chart(risk, names) if risk.fans else None,
        "risk_milestones": chance_chart(risk),
        "risk_mitigations": mitigation_chart(ranking, currency)
        if ranking and ranking.options
        else None,
    }
