"""The mitigation chart: what each mitigation gains on the key milestone, and costs."""

from __future__ import annotations

from surgeplan.i18n import gettext
from surgeplan.reporting.figures import Chart, color, label, layout, rounded
from surgeplan.reporting.formatting import number
from surgeplan.reporting.mitigation_view import MitigationRanking

ROW_HEIGHT_PX = 36
FRAME_HEIGHT_PX = 140
SMALLEST_CHANCE_AXIS = 0.05


def _axis_range(values: list[float], smallest: float) -> list[float]:
    """From zero (or the largest loss) to the largest gain, never a sliver around 0."""
    low = min([0.0, *values])
    high = max([smallest, *values])
    margin = 0.05 * (high - low)
    return [low - margin if low < 0 else 0.0, high + margin]


def mitigation_chart(ranking: MitigationRanking, currency: str) -> Chart:
    """P90 days gained and on-time chance gained per mitigation, best buy on top."""
    options = ranking.ranked
    names = [label(option.name) for option in options]
    costs = rounded([option.cost_eur for option in options], 2)
    common = {
        "type": "bar",
        "orientation": "h",
        "y": names,
        "customdata": costs,
        "yaxis": "y",
    }
    traces = [
        {
            **common,
            "name": gettext("P90 days earlier"),
            "x": rounded([option.days_gained for option in options]),
            "xaxis": "x",
            "marker": {"color": color(0)},
            "hovertemplate": gettext(
                "{mitigation}: {days} days earlier, cost {currency} {cost}"
            ).format(
                mitigation="%{y}",
                days="%{x:.1f}",
                currency=currency,
                cost="%{customdata:,.0f}",
            )
            + "<extra></extra>",
        },
        {
            **common,
            "name": gettext("chance on time gained"),
            "x": rounded([option.probability_gain for option in options]),
            "xaxis": "x2",
            "marker": {"color": color(2)},
            "hovertemplate": gettext(
                "{mitigation}: {chance} on time, cost {currency} {cost}"
            ).format(
                mitigation="%{y}",
                chance="%{x:+.1%}",
                currency=currency,
                cost="%{customdata:,.0f}",
            )
            + "<extra></extra>",
        },
    ]
    return Chart(
        name="risk-mitigations",
        title=gettext("What each mitigation buys on {milestones}").format(
            milestones=ranking.key_milestone
        ),
        figure={
            "data": traces,
            "layout": layout(
                margin={"l": 240, "r": 20, "t": 20, "b": 50},
                xaxis={
                    "domain": [0, 0.47],
                    "title": {"text": gettext("P90 days earlier")},
                    "range": _axis_range(
                        [option.days_gained for option in options], 1.0
                    ),
                    "zeroline": True,
                },
                xaxis2={
                    "domain": [0.53, 1],
                    "anchor": "y",
                    "title": {"text": gettext("chance on time gained")},
                    "tickformat": "+.0%",
                    "range": _axis_range(
                        [option.probability_gain for option in options],
                        SMALLEST_CHANCE_AXIS,
                    ),
                    "zeroline": True,
                },
                yaxis={"automargin": True, "autorange": "reversed"},
            ),
        },
        caption=gettext(
            "Each mitigation and combination against the same {runs} simulated runs "
            "without it; the best buy per EUR on top."
        ).format(runs=number(ranking.runs)),
        height_px=FRAME_HEIGHT_PX + ROW_HEIGHT_PX * len(options),
    )
