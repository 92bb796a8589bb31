"""How numbers, money, shares and dates are written in reports."""

from __future__ import annotations

import datetime as dt
import math

DASH = "\u2013"  # an en dash


def number(value: float | None, digits: int = 0) -> str:
    """12,345 or 12,345.6; a dash for nothing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return DASH
    rounded = round(value, digits)
    if rounded == 0:
        rounded = 0.0
    return f"{rounded:,.{digits}f}"


def money(value: float | None, currency: str = "EUR") -> str:
    """EUR 1.23 M, EUR 45.6 k or EUR 789; negative amounts keep their sign."""
    if value is None:
        return DASH
    size = abs(value)
    sign = "-" if value < 0 and round(size) > 0 else ""
    if size >= 1e9:
        text = f"{size / 1e9:,.2f} bn"
    elif size >= 1e6:
        text = f"{size / 1e6:,.2f} M"
    elif size >= 1e4:
        text = f"{size / 1e3:,.1f} k"
    else:
        text = f"{size:,.0f}"
    return f"{sign}{currency} {text}"


def percent(value: float | None, digits: int = 0) -> str:
    """0.853 as 85 %."""
    if value is None:
        return DASH
    return f"{value * 100:.{digits}f} %"


def points(value: float | None, digits: int = 0) -> str:
    """A change of a probability, 0.123 as +12 pts (percentage points)."""
    if value is None:
        return DASH
    shown = round(value * 100, digits)
    if shown == 0:
        shown = 0.0
    return f"{shown:+.{digits}f} pts"


def day(value: dt.date | None) -> str:
    """2027-06-25 as 25 Jun 2027."""
    if value is None:
        return DASH
    return value.strftime("%d %b %Y").lstrip("0")


def weeks(value: float | None) -> str:
    """3.0 as '3 weeks'."""
    if value is None:
        return DASH
    count = round(value, 1)
    shown = f"{count:g}"
    return f"{shown} week" if count == 1 else f"{shown} weeks"


def years(value: float | None) -> str:
    """2.27 as '2.3 years'; 0 (cash never needed at a year's end) as 'within year 1'."""
    if value is None:
        return DASH
    if value == 0:
        return "within year 1"
    return f"{value:.1f} years"


def payback(value: float | None) -> str:
    """A payback period; None: it does not pay back within the contract."""
    return "not within the contract" if value is None else years(value)


def realism_figure(value: float | None, unit: str) -> str:
    """A measure of a ramp in its unit: weeks, a share or a multiple."""
    if value is None:
        return DASH
    if unit == "share":
        return f"{value:.0%}"
    if unit == "times":
        return f"{value:.1f} times"
    return weeks(value)


FILTERS = {
    "realism_figure": realism_figure,
    "payback": payback,
    "number": number,
    "money": money,
    "percent": percent,
    "points": points,
    "day": day,
    "weeks": weeks,
    "years": years,
}
