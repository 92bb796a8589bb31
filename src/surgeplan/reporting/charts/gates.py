"""Gates on the timeline: the day each gate is planned to pass, and its drawn spread."""

from __future__ import annotations

import datetime as dt

import numpy as np

from surgeplan.i18n import gettext
from surgeplan.reporting.figures import label
from surgeplan.reporting.names import Names
from surgeplan.scenario import Scenario
from surgeplan.scenario.quantiles import quantile

# The spread shown for a gate's delay: P10 to P90 (a lognormal has no upper bound).
SPREAD = (0.1, 0.9)


def gate_row(names: Names, item_id: str, kind: str) -> str:
    """The timeline row of an item's gates of one kind."""
    return label(
        gettext("{kind} gate · {item}").format(kind=kind, item=names.item(item_id))
    )


def gate_traces(scenario: Scenario, names: Names) -> list[dict[str, object]]:
    """A diamond at each gate's date and, if it is uncertain, a line to its P90."""
    traces: list[dict[str, object]] = []
    for gate in scenario.gates:
        row = gate_row(names, gate.item, gate.kind.value)
        title = label(gate.name or gate.id)
        if gate.delay_weeks is not None:
            low, high = quantile(gate.delay_weeks, np.array(SPREAD))
            days = [gate.date + dt.timedelta(days=round(7 * w)) for w in (low, high)]
            traces.append(
                {
                    "type": "scatter",
                    "mode": "lines",
                    "name": label(gettext("{gate} P10 to P90").format(gate=gate.id)),
                    "x": [day.isoformat() for day in days],
                    "y": [row, row],
                    "line": {"color": "#888888", "width": 4, "dash": "dot"},
                    "hovertemplate": "%{y}<br>%{x}<extra>" + title + "</extra>",
                    "showlegend": False,
                }
            )
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": title,
                "x": [gate.date.isoformat()],
                "y": [row],
                "marker": {"symbol": "diamond", "size": 14, "color": "#000000"},
                "hovertemplate": "%{y}<br>"
                + gettext("planned {date}").format(date="%{x}")
                + "<extra>"
                + title
                + "</extra>",
            }
        )
    return traces
