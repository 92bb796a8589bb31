"""Why the confidence search stopped, worded in the document's language.

The search records its reason twice in plan.json: one English sentence (`reason`,
for people reading the file and the terminal) and the same clauses as data
(`reason_parts`). Documents word the clauses through the catalogs, so a French
brief of a target out of reach reads French; a plan written before the clauses
were recorded falls back to the English sentence.
"""

from __future__ import annotations

from surgeplan.i18n import gettext, ngettext
from surgeplan.planning.results.records_confidence import (
    ConfidenceRecord,
    ReasonKind,
    ReasonPart,
)
from surgeplan.reporting.formatting import day, number, percent, weeks


def search_reason(record: ConfidenceRecord) -> str:
    """The search's reason in the current language."""
    if not record.reason_parts:
        return record.reason
    target = percent(record.target)
    return gettext("; ").join(_clause(part, target) for part in record.reason_parts)


def _runs(part: ReasonPart) -> str:
    count = part.runs or 0
    return ngettext("{runs} simulated run", "{runs} simulated runs", count).format(
        runs=number(count)
    )


def _plans(part: ReasonPart) -> str:
    count = part.plans or 0
    return ngettext("{plans} plan", "{plans} plans", count).format(plans=number(count))


def _clause(part: ReasonPart, target: str) -> str:
    milestone = part.milestone or ""
    share = percent(part.share or 0.0)
    match part.kind:
        case ReasonKind.REACHED:
            return gettext(
                "every key milestone is on time in at least {target} of {runs} "
                "(lowest: {milestone} at {share}) after {plans}"
            ).format(
                target=target,
                runs=_runs(part),
                milestone=milestone,
                share=share,
                plans=_plans(part),
            )
        case ReasonKind.BEST_FOUND:
            return gettext(
                "out of reach: the best plan found gives {milestone} at {share} "
                "of {runs}"
            ).format(milestone=milestone, share=share, runs=_runs(part))
        case ReasonKind.CAPACITY_TAKEN:
            return gettext(
                "{milestone}: aiming it earlier no longer moves the plan (met "
                "{date}): the capacity it needs is taken"
            ).format(milestone=milestone, date=day(part.date))
        case ReasonKind.NOT_IN_HORIZON:
            return gettext("{milestone}: no plan meets it within the horizon").format(
                milestone=milestone
            )
        case ReasonKind.NOT_BEFORE:
            return gettext(
                "{milestone}: no plan meets it before {date} (its earliest possible "
                "date, {weeks} before it is due)"
            ).format(milestone=milestone, date=day(part.date), weeks=weeks(part.weeks))
        case ReasonKind.RESERVE_REFUSED:
            return gettext(
                "a reserve of {share} of the program's hours leaves core production "
                "no room"
            ).format(share=share)
        case ReasonKind.SEARCH_STOPPED:
            return gettext("the search stopped after {plans}").format(
                plans=_plans(part)
            )
        case ReasonKind.NOTHING_HELPED:
            return gettext("neither an earlier aim nor a larger reserve helped")
        case ReasonKind.RESERVE_KEPT:
            return gettext(
                "the plan keeps {share} of the program's hours in reserve"
            ).format(share=share)
