"""How numbers, money, shares and dates are written in reports, in either language.

Figures go through Babel with the locale of the language in force (`i18n.speaking`,
or the `language` given). English keeps the house style the reports have always
had (12,345.6; EUR 1.23 M; 85 %; 25 Jun 2027); French follows French typography:
a narrow no-break space between thousands and before `%`, a decimal comma, money
as 12,3 M€ and dates as 24 déc. 2028.

Values are rounded by Python before Babel sees them: Babel rounds the decimal
text of a float, Python its exact binary value, and the two disagree on ties such
as 2.675; rounding first keeps English figures identical to `f"{x:,.2f}"`.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from babel.dates import format_date
from babel.numbers import format_decimal, get_currency_symbol

from surgeplan.i18n import Language, current_language, gettext, ngettext

if TYPE_CHECKING:
    # Only named: the service's dashboard formats figures without loading the
    # planner (and its numpy) at start-up.
    from surgeplan.planning.results.plan import SolveStatus

DASH = "\u2013"  # an en dash
NARROW_NBSP = "\u202f"  # French: before % : ; and between thousands


def _language(language: Language | None) -> Language:
    return current_language() if language is None else language


def _pattern(digits: int, *, grouped: bool = True, signed: bool = False) -> str:
    body = ("#,##0" if grouped else "0") + ("." + "0" * digits if digits > 0 else "")
    return f"+{body};-{body}" if signed else body


def _decimal(
    value: float, digits: int, language: Language, *, grouped: bool = True
) -> str:
    rounded = round(value, digits)
    if rounded == 0:
        rounded = 0.0  # never "-0"
    return format_decimal(
        rounded, format=_pattern(digits, grouped=grouped), locale=language.value
    )


def number(
    value: float | None, digits: int = 0, *, language: Language | None = None
) -> str:
    """12,345 or 12,345.6 (French 12 345 or 12 345,6); a dash for nothing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return DASH
    return _decimal(value, digits, _language(language))


def _currency_sign(currency: str, language: Language) -> str:
    """The symbol French readers expect after a figure: €, $US, £GB."""
    return str(get_currency_symbol(currency, locale=language.value))


def money(
    value: float | None, currency: str = "EUR", *, language: Language | None = None
) -> str:
    """EUR 1.23 M, EUR 45.6 k or EUR 789 (French 1,23 M€, 45,6 k€, 789 €).

    Negative amounts keep their sign.
    """
    if value is None:
        return DASH
    spoken = _language(language)
    size = abs(value)
    sign = "-" if value < 0 and round(size) > 0 else ""
    if size >= 1e9:
        figure, digits, scale = size / 1e9, 2, ("bn", "Md")
    elif size >= 1e6:
        figure, digits, scale = size / 1e6, 2, ("M", "M")
    elif size >= 1e4:
        figure, digits, scale = size / 1e3, 1, ("k", "k")
    else:
        figure, digits, scale = size, 0, ("", "")
    text = _decimal(figure, digits, spoken)
    if spoken is Language.EN:
        return f"{sign}{currency} {text} {scale[0]}".rstrip()
    # French: the figure, a narrow no-break space, then the scale glued to the sign.
    return f"{sign}{text}{NARROW_NBSP}{scale[1]}{_currency_sign(currency, spoken)}"


def _percent_sign(language: Language) -> str:
    return " %" if language is Language.EN else f"{NARROW_NBSP}%"


def percent(
    value: float | None, digits: int = 0, *, language: Language | None = None
) -> str:
    """0.853 as 85 % (French 85 %, with a narrow no-break space)."""
    if value is None:
        return DASH
    spoken = _language(language)
    rounded = round(value * 100, digits)
    text = format_decimal(
        rounded, format=_pattern(digits, grouped=False), locale=spoken.value
    )
    return text + _percent_sign(spoken)


def points(
    value: float | None, digits: int = 0, *, language: Language | None = None
) -> str:
    """A change of a probability, 0.123 as +12 pts (percentage points)."""
    if value is None:
        return DASH
    spoken = _language(language)
    shown = round(value * 100, digits)
    if shown == 0:
        shown = 0.0
    text = format_decimal(
        shown, format=_pattern(digits, grouped=False, signed=True), locale=spoken.value
    )
    return gettext("{figure} pts").format(figure=text)


def day(value: dt.date | None, *, language: Language | None = None) -> str:
    """2027-06-25 as 25 Jun 2027 (French 25 juin 2027)."""
    if value is None:
        return DASH
    return str(format_date(value, format="d MMM y", locale=_language(language).value))


def weeks(value: float | None, *, language: Language | None = None) -> str:
    """3.0 as '3 weeks' (French '3 semaines')."""
    if value is None:
        return DASH
    spoken = _language(language)
    count = round(value, 1)
    shown = f"{count:g}" if spoken is Language.EN else _short(count, spoken)
    return ngettext("{count} week", "{count} weeks", 1 if count == 1 else 2).format(
        count=shown
    )


def _short(value: float, language: Language) -> str:
    """A figure with as many decimals as it needs, up to one: 3 or 2.5."""
    return _decimal(value, 0 if value == round(value) else 1, language)


def years(value: float | None, *, language: Language | None = None) -> str:
    """2.27 as '2.3 years'; 0 (cash never needed at a year's end) as 'within year 1'."""
    if value is None:
        return DASH
    if value == 0:
        return gettext("within year 1")
    return gettext("{count} years").format(
        count=_decimal(value, 1, _language(language), grouped=False)
    )


def payback(value: float | None, *, language: Language | None = None) -> str:
    """A payback period; None: it does not pay back within the contract."""
    if value is None:
        return gettext("not within the contract")
    return years(value, language=language)


def realism_figure(
    value: float | None, unit: str, *, language: Language | None = None
) -> str:
    """A measure of a ramp in its unit: weeks, a share or a multiple."""
    if value is None:
        return DASH
    if unit == "share":
        spoken = _language(language)
        if spoken is Language.EN:
            return f"{value:.0%}"
        return percent(value, language=spoken)
    if unit == "times":
        return gettext("{count} times").format(
            count=_decimal(value, 1, _language(language), grouped=False)
        )
    return weeks(value, language=language)


def significant(value: float | None, *, language: Language | None = None) -> str:
    """Three significant digits (0.0213, 4.1), thousands separators from 1,000 on.

    For small rates a fixed number of decimals shows a column of 0.000s.
    """
    if value is None or math.isnan(value):
        return DASH
    spoken = _language(language)
    if abs(value) >= 1000:
        return _decimal(value, 0, spoken)
    if value == 0:
        return "0"
    text = f"{value:.3g}"
    return text if spoken is Language.EN else text.replace(".", ",")


def solver_status(status: SolveStatus) -> str:
    """How the planner's solver ended, in words."""
    return {
        "optimal": gettext("optimal"),
        "feasible": gettext("feasible"),
        "time_limit": gettext("time_limit"),
        "infeasible": gettext("infeasible"),
        "no_solution": gettext("no_solution"),
    }[status.value]


FILTERS = {
    "solver_status": solver_status,
    "realism_figure": realism_figure,
    "payback": payback,
    "significant": significant,
    "number": number,
    "money": money,
    "percent": percent,
    "points": points,
    "day": day,
    "weeks": weeks,
    "years": years,
}
