"""The program home's figures, read from a plan's and a simulation's result documents.

Pure functions over the documents as the caller may see them (viewers get them
already redacted by the store), so the home page never shows more than the
results API would.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from surgeplan.i18n import gettext, ngettext
from surgeplan.reporting.formatting import day, number, percent

# Odds at or above this are green, at or above AMBER_ODDS amber, below red; without
# a simulation the plan's own lateness decides.
GREEN_ODDS = 0.8
AMBER_ODDS = 0.5


class Light(StrEnum):
    """A traffic light for one milestone."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class MilestoneRow:
    """One milestone as the home page shows it."""

    id: str
    item: str
    delivery_point: str
    quantity: float
    due_date: str
    planned_date: str
    weeks_late: float
    odds: float | None
    p50_date: str
    p90_date: str
    is_key: bool
    light: Light


@dataclass(frozen=True)
class Alert:
    """Something that needs a person's attention."""

    text: str
    light: Light


@dataclass(frozen=True)
class Summary:
    """The home page's milestones, bottleneck and alerts."""

    milestones: list[MilestoneRow]
    bottleneck: str
    alerts: list[Alert] = field(default_factory=list)


def _day(text: str) -> str:
    """An ISO date in the page's language; any other text as it is."""
    try:
        return day(dt.date.fromisoformat(text[:10]))
    except ValueError:
        return text


def _light(weeks_late: float, odds: float | None) -> Light:
    if odds is None:
        return Light.RED if weeks_late > 0 else Light.GREEN
    if weeks_late > 0 or odds < AMBER_ODDS:
        return Light.RED
    return Light.GREEN if odds >= GREEN_ODDS else Light.AMBER


def _reached(milestone: dict[str, Any], quantile: float) -> str:
    for reached in milestone.get("reached", []):
        if abs(float(reached.get("quantile", -1)) - quantile) < 1e-9:
            if not reached.get("is_within_horizon", True):
                return gettext("after the horizon")
            return str(reached.get("date", ""))
    return ""


def resource_words(kind: str, resource: str) -> str:
    """A limiting resource named with its kind: 'supplier avionics-partner'."""
    sentences = {
        "work_center": gettext("work center {resource}"),
        "labour": gettext("labour {resource}"),
        "supplier": gettext("supplier {resource}"),
        "lane": gettext("lane {resource}"),
        "training": gettext("training {resource}"),
    }
    if kind in sentences:
        return sentences[kind].format(resource=resource)
    return f"{kind} {resource}".strip()


def describe_bottleneck(plan: dict[str, Any]) -> str:
    """The resource binding the plan in most weeks, in words."""
    bottlenecks = plan.get("bottlenecks") or []
    if not bottlenecks:
        return ""
    top = max(bottlenecks, key=lambda b: int(b.get("binding_buckets", 0)))
    resource = resource_words(str(top.get("kind", "")), str(top.get("resource", "")))
    binding = int(top.get("binding_buckets", 0))
    first, last = top.get("first_bucket", 0), top.get("last_bucket", 0)
    if top.get("site"):
        return ngettext(
            "{resource} at {site}: binding in {count} week (weeks {first}-{last})",
            "{resource} at {site}: binding in {count} weeks (weeks {first}-{last})",
            binding,
        ).format(
            resource=resource, site=top["site"], count=binding, first=first, last=last
        )
    return ngettext(
        "{resource}: binding in {count} week (weeks {first}-{last})",
        "{resource}: binding in {count} weeks (weeks {first}-{last})",
        binding,
    ).format(resource=resource, count=binding, first=first, last=last)


def summarise(
    plan: dict[str, Any] | None,
    risk: dict[str, Any] | None,
    failed_runs: list[str],
) -> Summary:
    """The home page's view of the latest plan and simulation."""
    risk_by_id = {str(m.get("id")): m for m in (risk or {}).get("milestones", []) or []}
    key_ids = set((risk or {}).get("key_milestones", []))
    rows: list[MilestoneRow] = []
    alerts = [Alert(text, Light.RED) for text in failed_runs]
    for milestone in (plan or {}).get("milestones", []) or []:
        milestone_id = str(milestone.get("id", ""))
        simulated = risk_by_id.get(milestone_id, {})
        odds = simulated.get("probability_on_time")
        weeks_late = float(milestone.get("weeks_late") or 0.0)
        row = MilestoneRow(
            id=milestone_id,
            item=milestone.get("item", ""),
            delivery_point=milestone.get("delivery_point", ""),
            quantity=float(milestone.get("quantity") or 0.0),
            due_date=str(milestone.get("due_date", "")),
            planned_date=str(milestone.get("met_date") or ""),
            weeks_late=weeks_late,
            odds=float(odds) if odds is not None else None,
            p50_date=_reached(simulated, 0.5),
            p90_date=_reached(simulated, 0.9),
            is_key=milestone_id in key_ids,
            light=_light(weeks_late, odds),
        )
        rows.append(row)
        if weeks_late > 0:
            late = round(weeks_late)
            alerts.append(
                Alert(
                    ngettext(
                        "{milestone} is planned {count} week late (due {due})",
                        "{milestone} is planned {count} weeks late (due {due})",
                        late,
                    ).format(
                        milestone=row.id, count=number(late), due=_day(row.due_date)
                    ),
                    Light.RED,
                )
            )
        elif row.odds is not None and row.odds < GREEN_ODDS:
            alerts.append(
                Alert(
                    gettext("{milestone}: {odds} odds of being on time").format(
                        milestone=row.id, odds=percent(row.odds)
                    ),
                    Light.AMBER if row.odds >= AMBER_ODDS else Light.RED,
                )
            )
    return Summary(rows, describe_bottleneck(plan or {}), alerts)


def status_alerts(status: dict[str, Any] | None) -> list[Alert]:
    """Plan-against-actual exceptions of a status (status.json) as alerts."""
    if not status:
        return []
    week = status.get("through_week", "")
    alerts: list[Alert] = []
    for exception in status.get("exceptions") or []:
        behind = float(exception.get("behind_units") or 0.0)
        weeks = float(exception.get("weeks_behind") or 0.0)
        shown_weeks = number(weeks, 0 if weeks == round(weeks) else 1)
        milestone, cause = exception.get("milestone", ""), exception.get("cause", "")
        # The plural follows the weeks as shown (1,5 semaine in French, 1.5 weeks).
        plural = 1 if weeks <= 1 else 2
        if behind > 0:
            text = ngettext(
                "Plan vs actual at week {week}: {milestone} {units} units "
                "({weeks} week) behind plan since week {since}; why: {cause}",
                "Plan vs actual at week {week}: {milestone} {units} units "
                "({weeks} weeks) behind plan since week {since}; why: {cause}",
                plural,
            ).format(
                week=week,
                milestone=milestone,
                units=number(behind),
                weeks=shown_weeks,
                since=exception.get("since_week", ""),
                cause=cause,
            )
        else:
            text = ngettext(
                "Plan vs actual at week {week}: {milestone} met {weeks} week late; "
                "why: {cause}",
                "Plan vs actual at week {week}: {milestone} met {weeks} weeks late; "
                "why: {cause}",
                plural,
            ).format(week=week, milestone=milestone, weeks=shown_weeks, cause=cause)
        alerts.append(Alert(text, Light.RED))
    return alerts
