"""Chart of the people the program needs: one panel per site, one colour per skill."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from surgeplan.planning.plan import Plan
from surgeplan.reporting.figures import Chart, color, label, layout, rounded
from surgeplan.reporting.names import Names
from surgeplan.scenario import Scenario

MEASURES = ("headcount", "volunteers", "trainees", "hires")
PANEL_HEIGHT_PX = 190


def _axis_suffix(panel: int) -> str:
    return "" if panel == 0 else str(panel + 1)


def _pool_traces(
    x: list[str],
    values: dict[str, list[float]],
    skill: str,
    tint: str,
    panel: int,
    show_legend: bool,
) -> list[dict[str, Any]]:
    axes = {"xaxis": f"x{_axis_suffix(panel)}", "yaxis": f"y{_axis_suffix(panel)}"}
    common = {"legendgroup": skill, "x": x, **axes}
    return [
        {
            **common,
            "type": "scatter",
            "mode": "lines",
            "name": f"{skill}: qualified",
            "y": values["headcount"],
            "line": {"color": tint, "width": 3},
            "showlegend": show_legend,
        },
        {
            **common,
            "type": "scatter",
            "mode": "lines",
            "name": f"{skill}: volunteers",
            "y": values["volunteers"],
            "line": {"color": tint, "dash": "dot"},
            "showlegend": show_legend,
        },
        {
            **common,
            "type": "bar",
            "name": f"{skill}: trainees",
            "y": values["trainees"],
            "marker": {"color": tint, "opacity": 0.4},
            "showlegend": show_legend,
        },
        {
            **common,
            "type": "bar",
            "name": f"{skill}: hires",
            "y": values["hires"],
            "marker": {"color": tint, "pattern": {"shape": "/"}},
            "showlegend": show_legend,
        },
    ]


def labour_chart(scenario: Scenario, plan: Plan, names: Names) -> Chart:
    """Qualified people, volunteers, trainees and hires of each workforce pool.

    One panel per site. Lines: people qualified for the program (solid) and the
    volunteers available to it (dotted). Bars: people starting training, and hires
    decided, in each period.
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
    sites = [
        site.id for site in scenario.sites if any(key[0] == site.id for key in series)
    ]
    skills = sorted({skill for _, skill in series})
    traces: list[dict[str, Any]] = []
    legend_shown: set[str] = set()
    for panel, site in enumerate(sites):
        for skill in skills:
            if (site, skill) not in series:
                continue
            values = {
                measure: rounded(
                    [series[(site, skill)][measure].get(b.index, 0.0) for b in buckets]
                )
                for measure in MEASURES
            }
            traces.extend(
                _pool_traces(
                    x,
                    values,
                    label(skill),
                    color(skills.index(skill)),
                    panel,
                    skill not in legend_shown,
                )
            )
            legend_shown.add(skill)
    count = max(1, len(sites))
    gap = min(0.1, 0.3 / count)
    axes: dict[str, Any] = {}
    annotations = []
    for panel, site in enumerate(sites):
        top = 1 - panel / count
        bottom = 1 - (panel + 1) / count + gap
        suffix = _axis_suffix(panel)
        axes[f"yaxis{suffix}"] = {"domain": [bottom, top], "rangemode": "tozero"}
        axes[f"xaxis{suffix}"] = {
            "anchor": f"y{suffix}",
            "showticklabels": panel == count - 1,
            **({"matches": "x"} if panel else {}),
        }
        annotations.append(
            {
                "text": label(names.site(site)),
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": top,
                "xanchor": "left",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 12},
            }
        )
    figure_layout = layout(barmode="group", annotations=annotations)
    figure_layout.update(axes)
    figure_layout["margin"] = {"l": 50, "r": 20, "t": 30, "b": 40}
    return Chart(
        name="labour",
        title="People by site and skill",
        figure={"data": traces, "layout": figure_layout},
        caption="One panel per site. Lines: people qualified for the program (solid) "
        "and volunteers (dotted). Bars: people starting training (light) and hires "
        "decided (hatched) in the period.",
        height_px=80 + PANEL_HEIGHT_PX * count,
    )
