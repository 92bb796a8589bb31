"""What the plan summary says of the odds a plan was made to, and what they cost.

Read from plan.json (the plan's `confidence` and `targets`) and confidence.json (the
price of confidence), the same files the report, the brief and the service read.
"""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from surgeplan.cli.plan_text import new_table, plain
from surgeplan.planning.results.plan import Plan


def confidence_lines(plan: Plan) -> list[Text]:
    """The target, whether the plan reaches it, and each key milestone's odds."""
    record = plan.confidence
    if record is None:
        return []
    verdict = "reached" if record.is_reached else "NOT reached"
    lines = [
        plain(
            f"Made to {round(100 * record.target)} % confidence ({verdict}): "
            f"{record.reason}."
        )
    ]
    key = ", ".join(
        f"{odds.milestone} {100 * odds.probability_on_time:.0f} %"
        for odds in record.milestones
        if odds.is_key
    )
    lines.append(plain(f"Key milestones on time in {record.runs:,} runs: {key}."))
    if plan.targets is not None:
        aims = ", ".join(
            f"{aim.milestone} {aim.weeks_ahead:g} weeks early (by {aim.aim_date})"
            for aim in plan.targets.aims
        )
        reserve = round(100 * plan.targets.reserve_share)
        lines.append(
            plain(
                "Margins bought: "
                + (f"aims {aims}" if aims else "no earlier aims")
                + (
                    f"; {reserve} % of program capacity kept in reserve"
                    if reserve
                    else ""
                )
                + "."
            )
        )
    return lines


def price_table(price: dict[str, Any], currency: str) -> Table | None:
    """The plans for each target side by side, against the plan without margins."""
    levels = price.get("levels") or []
    if not isinstance(levels, list) or not levels:
        return None
    base = price.get("without_margins")
    base_cost = base["cost_eur"] if isinstance(base, dict) else None
    table = new_table(
        f"Price of confidence ({currency} million)",
        "lowest key: the key milestones' lowest odds on the search's own runs; "
        "extra: the cost over the plan without margins",
    )
    for heading in ("odds asked", "reached", "lowest key", "cost", "extra", "capex"):
        table.add_column(heading, justify="left" if heading == "reached" else "right")
    table.add_column("staff peak", justify="right")
    if isinstance(base, dict):
        table.add_row(
            "none",
            "-",
            f"{100 * base['lowest_key_odds']:.0f} %",
            _millions(base["cost_eur"]),
            "-",
            _millions(base["capex_eur"]),
            f"{base['staff_peak']:,.0f}",
        )
    for level in levels:
        extra = None if base_cost is None else level["cost_eur"] - base_cost
        table.add_row(
            f"{100 * level['target']:.0f} %",
            "yes" if level["is_reached"] else "no",
            f"{100 * level['lowest_key_odds']:.0f} %",
            _millions(level["cost_eur"]),
            "-" if extra is None else _millions(extra, signed=True),
            _millions(level["capex_eur"]),
            f"{level['staff_peak']:,.0f}",
        )
    return table


def _millions(amount: float, *, signed: bool = False) -> str:
    return f"{amount / 1e6:{'+' if signed else ''},.1f}"
