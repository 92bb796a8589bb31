"""Discounting and payback of yearly cash flows."""

from __future__ import annotations

from collections.abc import Sequence


def discount_factors(rate: float, years: int) -> list[float]:
    """End-of-year discount factors: year 1 is discounted once, year t t times."""
    return [1.0 / (1.0 + rate) ** year for year in range(1, years + 1)]


def npv(rate: float, cash_flows: Sequence[float]) -> float:
    """Net present value of yearly cash flows, the first at the end of year 1."""
    return sum(
        flow * factor
        for flow, factor in zip(
            cash_flows, discount_factors(rate, len(cash_flows)), strict=True
        )
    )


def payback_years(cash_flows: Sequence[float]) -> float | None:
    """Years until the cumulative cash flow turns non-negative and stays so.

    Within the year it turns, cash is taken to come in evenly, so the answer is
    interpolated (2.27 means about a quarter into year 3). 0 when the program never
    needs cash; None when it has not paid back by the last year.
    """
    cumulative = 0.0
    previous = 0.0
    crossing: float | None = 0.0
    for year, flow in enumerate(cash_flows, start=1):
        previous, cumulative = cumulative, cumulative + flow
        if cumulative < 0:
            crossing = None
        elif crossing is None:
            crossing = year - 1 + (-previous / flow)
    return crossing
