"""Chart of the people the program needs: one panel per site, one colour per skill."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from surgeplan.i18n import gettext
from surgeplan.planning.results.plan import Plan
from surgeplan.reporting.figures import Chart, color, label, layout, rounded
from surgeplan.reporting.names import Names
from surgeplan.reporting.periods import Periods, per_period
from surgeplan.scenario import Scenario

LEVELS = ("headcount", "volunteers")
STARTERS = ("trainees", "hires")
MEASURES = LEVELS + STARTERS
PANEL_HEIGHT_PX = 190


def _axis_suffix(panel: int) -> str:
    return "" if panel == 0 else str(panel + 1)


@dataclass(frozen=True)
class PoolPlace:
    """Where a pool's traces go: its site's panel and its place among its pools.

    Each pool's two bars take their own slots of every period.
    """

    panel: int
    pool: int
    pools: int


def _pool_traces(
    periods: Periods,
    values: dict[str, list[float]],
    skill: str,
    tint: str,
    place: PoolPlace,
    show_legend: bool,
) -> list[dict[str, Any]]:
    suffix = _axis_suffix(place.panel)
    common = {
        "legendgroup": skill,
        "showlegend": show_legend,
        "xaxis": f"x{suffix}",
        "yaxis": f"y{suffix}",
    }
    bars = {
        **common,
        "type": "bar",
        "customdata": periods.labels(),
        "hovertemplate": "%{customdata}<br>"
        + per_period(periods.rate_unit).format(value="%{y:,.1f}")
        + "<extra>%{fullData.name}</extra>",
    }
    slots = 2 * place.pools
    return [
        {
            **common,
            "type": "scatter",
            "mode": "lines",
            "name": gettext("{skill}: qualified").format(skill=skill),
            "x": periods.starts(),
            "y": values["headcount"],
            "line": {"color": tint, "width": 3},
        },
        {
            **common,
            "type": "scatter",
            "mode": "lines",
            "name": gettext("{skill}: volunteers").format(skill=skill),
            "x": periods.starts(),
            "y": values["volunteers"],
            "line": {"color": tint, "dash": "dot"},
        },
        {
            **bars,
            **periods.bar_placement(2 * place.pool, slots),
            "name": gettext("{skill}: trainees").format(skill=skill),
            "y": values["trainees"],
            "marker": {"color": tint, "opacity": 0.4},
        },
        {
            **bars,
            **periods.bar_placement(2 * place.pool + 1, slots),
            "name": gettext("{skill}: hires").format(skill=skill),
            "y": values["hires"],
            "marker": {"color": tint, "pattern": {"shape": "/"}},
        },
    ]


def _panel_layout(sites: list[str], names: Names) -> dict[str, Any]:
    count = max(1, len(sites))
    gap = min(0.1, 0.3 / count)
    axes: dict[str, Any] = {}
    annotations = []
    for panel, site in enumerate(sites):
        top = 1 - panel / count
        bottom = 1 - (panel + 1) / count + gap
        suffix = _axis_suffix(panel)
        axes[f"yaxis{suffix}"] = {
            "domain": [bottom, top],
            "rangemode": "tozero",
            "title": {"text": gettext("people"), "standoff": 4},
        }
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
    figure_layout = layout(annotations=annotations)
    figure_layout.update(axes)
    figure_layout["margin"] = {"l": 70, "r": 20, "t": 30, "b": 40}
    return figure_layout


def labour_chart(scenario: Scenario, plan: Plan, names: Names) -> Chart:
    """Qualified people, volunteers, trainees and hires of each workforce pool.

    One panel per site. Lines: people qualified for the program (solid) and the
    volunteers available to it (dotted), at the start of each period. Bars: people
    starting training, and hires decided, over each period (per week of it when the
    plan merges weeks into longer periods).
    """
    periods = Periods.of(plan)
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
        present = [skill for skill in skills if (site, skill) in series]
        for position, skill in enumerate(present):
            pool = series[(site, skill)]
            values = {
                **{m: rounded(periods.amounts(pool[m])) for m in LEVELS},
                **{m: rounded(periods.rates(pool[m])) for m in STARTERS},
            }
            traces.extend(
                _pool_traces(
                    periods,
                    values,
                    label(skill),
                    color(skills.index(skill)),
                    PoolPlace(panel, position, len(present)),
                    skill not in legend_shown,
                )
            )
            legend_shown.add(skill)
    caption = (
        gettext(
            "One panel per site. Lines: people qualified for the program (solid) and "
            "volunteers (dotted). Bars: people starting training (light) and hires "
            "decided (hatched) in the period, per week: the plan is weekly at first, "
            "then in periods of several weeks."
        )
        if periods.is_merged
        else gettext(
            "One panel per site. Lines: people qualified for the program (solid) and "
            "volunteers (dotted). Bars: people starting training (light) and hires "
            "decided (hatched) in the period."
        )
    )
    return Chart(
        name="labour",
        title=gettext("People by site and skill"),
        figure={"data": traces, "layout": _panel_layout(sites, names)},
        caption=caption,
        height_px=80 + PANEL_HEIGHT_PX * max(1, len(sites)),
    )
