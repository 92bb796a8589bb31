"""Chart of the people the program needs, site by site and skill by skill."""

from __future__ import annotations

from collections import defaultdict

from surgeplan.planning.plan import Plan
from surgeplan.reporting.figures import Chart, color, label, layout, rounded
from surgeplan.reporting.names import Names
from surgeplan.scenario import Scenario

MEASURES = ("headcount", "volunteers", "trainees", "hires")


def labour_chart(scenario: Scenario, plan: Plan, names: Names) -> Chart:
    """Qualified people, volunteers, trainees and hires of each workforce pool.

    Lines: people qualified for the program and the volunteers available to it.
    Bars: people starting training, and hires decided, in each period.
    """
    buckets = sorted(plan.buckets, key=lambda bucket: bucket.index)
    x = [bucket.start.isoformat() for bucket in buckets]
    series: dict[tuple[str, str], dict[str, dict[int, float]]] = defaultdict(
        lambda: {measure: defaultdict(float) for measure in MEASURES}
    )
    for record in plan.labour:
        pool = series[(record.site, record.skill)]
        pool["headcount"][record.bucket] += record.headcount
        pool["volunteers"][record.bucket] += record.volunteers
        pool["trainees"][record.bucket] += record.trainees
        pool["hires"][record.bucket] += record.hires
    traces: list[dict[str, object]] = []
    for position, ((site, skill), values) in enumerate(sorted(series.items())):
        group = label(f"{names.site(site)}: {skill}")

        def values_of(measure: str, values: dict[str, dict[int, float]] = values) -> list[float]:
            return rounded([values[measure].get(bucket.index, 0.0) for bucket in buckets])

        tint = color(position)
        traces.extend(
            [
                {
                    "type": "scatter",
                    "mode": "lines",
                    "name": f"{group}: qualified",
                    "legendgroup": group,
                    "x": x,
                    "y": values_of("headcount"),
                    "line": {"color": tint, "width": 3},
                },
                {
                    "type": "scatter",
                    "mode": "lines",
                    "name": f"{group}: volunteers",
                    "legendgroup": group,
                    "x": x,
                    "y": values_of("volunteers"),
                    "line": {"color": tint, "dash": "dot"},
                },
                {
                    "type": "bar",
                    "name": f"{group}: trainees",
                    "legendgroup": group,
                    "x": x,
                    "y": values_of("trainees"),
                    "marker": {"color": tint, "opacity": 0.45},
                },
                {
                    "type": "bar",
                    "name": f"{group}: hires",
                    "legendgroup": group,
                    "x": x,
                    "y": values_of("hires"),
                    "marker": {"color": tint, "opacity": 0.9, "pattern": {"shape": "/"}},
                },
            ]
        )
    return Chart(
        name="labour",
        title="People by site and skill",
        figure={
            "data": traces,
            "layout": layout(
                x_title=f"{plan.time_bucket} starting", y_title="people", barmode="group"
            ),
        },
        caption="Lines: people qualified for the program (solid) and volunteers "
        "(dotted). Bars: people starting training and hires decided in the period.",
        height_px=440,
    )
