from collections.abc import Callable

import plotly.graph_objects as go

from surgeplan.scenario import Scenario
from surgeplan.scheduling import schedule_site
from surgeplan.scheduling.site.gantt import gantt_figure


def test_every_shift_window_is_shaded_over_its_work_centers_rows(
    site_scenario: Callable[..., Scenario],
) -> None:
    scenario = site_scenario(
        [{"id": "oven", "capabilities": ["cure"], "stations": 2}],
        {"x": [{"id": "cure", "capability": "cure", "hours_per_unit": 4}]},
        {"x": 2},
    )
    schedule = schedule_site(scenario, "plant", 1, 1, time_limit_s=5.0, workers=1)

    figure = gantt_figure(schedule)

    windows = [w for wc in schedule.work_centers if wc.stations for w in wc.windows]
    shapes = figure["layout"]["shapes"]
    assert len(shapes) == len(windows) > 0
    assert {(s["x0"], s["x1"]) for s in shapes} == {
        (w.start.isoformat(), w.end.isoformat()) for w in windows
    }
    assert all(s["layer"] == "below" and s["line"]["width"] == 0 for s in shapes)
    # It is written without Plotly's validation: it must pass it.
    go.Figure(figure)
