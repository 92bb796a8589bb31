"""Plotly's locale for a language, from Babel's data (no Plotly locale files shipped).

Its own module: the service's dashboard registers it on its chart pages without
loading the report's environment (and with it the planner) at start-up.
"""

from __future__ import annotations

import functools
import json

from babel import Locale
from babel.dates import get_day_names, get_month_names

from surgeplan import i18n


@functools.cache
def plotly_locale(language: i18n.Language) -> str:
    """Plotly's locale for the language, as JSON: month and day names, separators.

    Empty for English, Plotly's own; render.js registers any other before drawing,
    so date axes read 'janv. 2028' and figures '12 000,5' in French.
    """
    if language is i18n.Language.EN:
        return ""
    code = language.value
    # Plotly lists days from Sunday; Babel numbers them from Monday (0).
    sunday_first = (6, 0, 1, 2, 3, 4, 5)
    days = get_day_names("wide", locale=code)
    short_days = get_day_names("abbreviated", locale=code)
    months = get_month_names("wide", locale=code)
    short_months = get_month_names("abbreviated", locale=code)
    symbols = Locale.parse(code).number_symbols["latn"]
    return json.dumps(
        {
            "moduleType": "locale",
            "name": code,
            "dictionary": {},
            "format": {
                "days": [days[day] for day in sunday_first],
                "shortDays": [short_days[day] for day in sunday_first],
                "months": [months[month] for month in range(1, 13)],
                "shortMonths": [short_months[month] for month in range(1, 13)],
                "decimal": symbols["decimal"],
                "thousands": symbols["group"],
                "date": "%d/%m/%Y",
            },
        },
        ensure_ascii=False,
    )
