"""Actuals against their scenario: names that exist, weeks inside the program.

Also figures that some capacity could have produced. Each check returns located
problems; `check_against` runs them all (with those of `consistency_flow`), so that
every contradiction is reported at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from surgeplan.execution import consistency_flow
from surgeplan.execution.consistency_flow import site_and_center
from surgeplan.execution.errors import ActualsIssue
from surgeplan.execution.reading import Sources
from surgeplan.execution.records import Actuals
from surgeplan.i18n import N_, gettext
from surgeplan.scenario import Scenario
from surgeplan.scenario.items import Sourcing
from surgeplan.scenario.program import TimeBucket
from surgeplan.scenario.sites import WorkCenter

HOURS_PER_WEEK = 7 * 24
Check = Callable[[Scenario, Actuals, Sources], list[ActualsIssue]]

# What a list of the scenario's ids reads as when it is empty.
NONE_SHOWN = N_("none")


def _station_hours_max(work_center: WorkCenter) -> float:
    """Hours a work center could run in a week at most: every station, day and night."""
    return work_center.stations * HOURS_PER_WEEK


def capabilities_ever(work_center: WorkCenter) -> set[str]:
    """Capabilities a work center has today or could gain by a conversion."""
    gained = {cap for conv in work_center.conversions for cap in conv.adds_capabilities}
    return set(work_center.capabilities) | gained


def check_header(
    scenario: Scenario, actuals: Actuals, sources: Sources
) -> list[ActualsIssue]:
    """The actuals belong to this program, in weeks, inside its horizon."""
    program = scenario.program
    issues: list[ActualsIssue] = []
    if program.time_bucket is not TimeBucket.WEEK:
        issues.append(
            sources.about_issue(
                "format",
                gettext(
                    "actuals are weekly, and the program is planned by %(bucket)s "
                    "(time_bucket)"
                )
                % {"bucket": program.time_bucket.value},
            )
        )
    if actuals.program != program.name:
        issues.append(
            sources.about_issue(
                "program",
                gettext("'%(program)s' is not the scenario's program '%(name)s'")
                % {"program": actuals.program, "name": program.name},
            )
        )
    if actuals.start_date != program.start_date:
        issues.append(
            sources.about_issue(
                "start_date",
                gettext(
                    "%(start_date)s is not the program's start date %(start_date2)s"
                )
                % {"start_date": actuals.start_date, "start_date2": program.start_date},
            )
        )
    if actuals.through_week > program.horizon_buckets:
        issues.append(
            sources.about_issue(
                "through_week",
                gettext(
                    "week %(through_week)s is outside the program's "
                    "%(horizon_buckets)s weeks"
                )
                % {
                    "through_week": actuals.through_week,
                    "horizon_buckets": program.horizon_buckets,
                },
            )
        )
    return issues


def _weeks(actuals: Actuals, sources: Sources) -> Iterable[ActualsIssue]:
    for table in (
        "completions",
        "hours",
        "headcount",
        "receipts",
        "shipments",
        "deliveries",
        "conversions",
    ):
        for index, record in enumerate(getattr(actuals, table)):
            if record.week > actuals.through_week:
                yield sources.issue(
                    table,
                    index,
                    "week",
                    gettext(
                        "week %(week)s is after the status week %(through_week)s "
                        "(through_week)"
                    )
                    % {"week": record.week, "through_week": actuals.through_week},
                )


def check_weeks(
    scenario: Scenario, actuals: Actuals, sources: Sources
) -> list[ActualsIssue]:
    """Every record falls in weeks 1 to the status week."""
    issues = list(_weeks(actuals, sources))
    for index, incident in enumerate(actuals.incidents):
        if incident.start_week > actuals.through_week:
            issues.append(
                sources.issue(
                    "incidents",
                    index,
                    "start_week",
                    gettext(
                        "week %(start_week)s is after the status week %(through_week)s"
                    )
                    % {
                        "start_week": incident.start_week,
                        "through_week": actuals.through_week,
                    },
                )
            )
        if incident.end_week is not None and incident.end_week < incident.start_week:
            issues.append(
                sources.issue(
                    "incidents",
                    index,
                    "end_week",
                    gettext(
                        "ends in week %(end_week)s, before it starts (week "
                        "%(start_week)s)"
                    )
                    % {
                        "end_week": incident.end_week,
                        "start_week": incident.start_week,
                    },
                )
            )
    return issues


def check_completions(
    scenario: Scenario, actuals: Actuals, sources: Sources
) -> list[ActualsIssue]:
    """Completed units name made items, their operations and able sites.

    Each also fits in the hours any station could give it at the fastest learning.
    """
    issues: list[ActualsIssue] = []
    items = {item.id: item for item in scenario.items}
    seen: set[tuple[object, ...]] = set()
    for index, record in enumerate(actuals.completions):
        item = items.get(record.item)
        if item is None:
            issues.append(
                sources.issue(
                    "completions",
                    index,
                    "item",
                    gettext("no item '%(item)s' in the scenario")
                    % {"item": record.item},
                )
            )
            continue
        if item.sourcing is Sourcing.BUY:
            issues.append(
                sources.issue(
                    "completions",
                    index,
                    "item",
                    gettext("'%(item_id)s' is bought, not made: report it in receipts")
                    % {"item_id": item.id},
                )
            )
            continue
        found, center = site_and_center(
            scenario, "completions", index, record.site, record.work_center, sources
        )
        issues += found
        if found:
            continue
        key = (
            record.week,
            record.item,
            record.site,
            record.operation,
            record.work_center,
        )
        if key in seen:
            issues.append(
                sources.issue(
                    "completions",
                    index,
                    None,
                    gettext(
                        "a second row for the same week, item, site, operation "
                        "and work center"
                    ),
                )
            )
        seen.add(key)
        operations = {operation.id: operation for operation in item.routing}
        if record.operation is not None and record.operation not in operations:
            issues.append(
                sources.issue(
                    "completions",
                    index,
                    "operation",
                    gettext(
                        "no operation '%(operation)s' in the routing of "
                        "'%(item_id)s'; its operations: %(names)s"
                    )
                    % {
                        "operation": record.operation,
                        "item_id": item.id,
                        "names": ", ".join(operations),
                    },
                )
            )
            continue
        chosen = [operations[record.operation]] if record.operation else item.routing
        site = scenario.site(record.site)
        for operation in chosen:
            able = [
                wc
                for wc in site.work_centers
                if operation.capability in capabilities_ever(wc)
            ]
            if center is not None:
                able = [wc for wc in able if wc.id == center.id]
            if not able:
                place = {
                    "site": site.id,
                    "center": center.id if center is not None else "",
                    "operation_id": operation.id,
                    "item_id": item.id,
                    "capability": operation.capability,
                }
                if center is not None:
                    message = gettext(
                        "'%(center)s' cannot do '%(operation_id)s' of '%(item_id)s': "
                        "no work center with capability '%(capability)s', even after "
                        "a conversion"
                    )
                else:
                    message = gettext(
                        "site '%(site)s' cannot do '%(operation_id)s' of "
                        "'%(item_id)s': no work center with capability "
                        "'%(capability)s', even after a conversion"
                    )
                issues.append(
                    sources.issue(
                        "completions",
                        index,
                        "site" if center is None else "work_center",
                        message % place,
                    )
                )
                break
            fastest_hours = operation.hours_per_unit * item.learning_floor_share
            most = max(_station_hours_max(wc) for wc in able) / fastest_hours
            if record.units > most:
                issues.append(
                    sources.issue(
                        "completions",
                        index,
                        "units",
                        gettext(
                            "%(units)s units of '%(item_id)s' in a week is beyond any"
                            " possible capacity: '%(operation_id)s' could make at "
                            "most %(most)s at site '%(site_id)s' (every station 168 "
                            "h, full learning)"
                        )
                        % {
                            "units": format(record.units, "g"),
                            "item_id": item.id,
                            "operation_id": operation.id,
                            "most": format(most, ",.0f"),
                            "site_id": site.id,
                        },
                    )
                )
                break
    return issues


def check_hours(
    scenario: Scenario, actuals: Actuals, sources: Sources
) -> list[ActualsIssue]:
    """Hours worked name existing work centers and fit in a week."""
    issues: list[ActualsIssue] = []
    seen: set[tuple[int, str, str]] = set()
    for index, record in enumerate(actuals.hours):
        found, center = site_and_center(
            scenario, "hours", index, record.site, record.work_center, sources
        )
        issues += found
        if center is None:
            continue
        key = (record.week, record.site, record.work_center)
        if key in seen:
            issues.append(
                sources.issue(
                    "hours",
                    index,
                    None,
                    gettext("a second row for the same week and work center"),
                )
            )
        seen.add(key)
        most = _station_hours_max(center)
        if record.hours > most:
            issues.append(
                sources.issue(
                    "hours",
                    index,
                    "hours",
                    gettext(
                        "%(hours)s hours is beyond any possible capacity: "
                        "'%(center_id)s' has %(stations)s stations, %(most)s "
                        "hours a week at most"
                    )
                    % {
                        "hours": format(record.hours, "g"),
                        "center_id": center.id,
                        "stations": center.stations,
                        "most": format(most, ",.0f"),
                    },
                )
            )
    return issues


def check_headcount(
    scenario: Scenario, actuals: Actuals, sources: Sources
) -> list[ActualsIssue]:
    """Headcount names existing pools and stays within their people and hires."""
    issues: list[ActualsIssue] = []
    seen: set[tuple[int, str, str]] = set()
    for index, record in enumerate(actuals.headcount):
        found, _ = site_and_center(
            scenario, "headcount", index, record.site, None, sources
        )
        issues += found
        if found:
            continue
        pools = {pool.skill: pool for pool in scenario.site(record.site).workforce}
        pool = pools.get(record.skill)
        if pool is None:
            issues.append(
                sources.issue(
                    "headcount",
                    index,
                    "skill",
                    gettext(
                        "no pool of skill '%(skill)s' at site '%(site)s'; its "
                        "skills: %(value)s"
                    )
                    % {
                        "skill": record.skill,
                        "site": record.site,
                        "value": ", ".join(pools) or gettext(NONE_SHOWN),
                    },
                )
            )
            continue
        key = (record.week, record.site, record.skill)
        if key in seen:
            issues.append(
                sources.issue(
                    "headcount",
                    index,
                    None,
                    gettext("a second row for the same week, site and skill"),
                )
            )
        seen.add(key)
        most = pool.headcount + pool.hires_max_total
        if record.headcount > most:
            issues.append(
                sources.issue(
                    "headcount",
                    index,
                    "headcount",
                    gettext(
                        "%(headcount)s people is more than the pool's "
                        "%(headcount2)s plus %(hires_max_total)s hires"
                    )
                    % {
                        "headcount": record.headcount,
                        "headcount2": pool.headcount,
                        "hires_max_total": pool.hires_max_total,
                    },
                )
            )
    return issues


ALL_CHECKS: tuple[Check, ...] = (
    check_header,
    check_weeks,
    check_completions,
    check_hours,
    check_headcount,
    consistency_flow.check_supply,
    consistency_flow.check_deliveries,
    consistency_flow.check_conversions,
    consistency_flow.check_incidents,
)


def check_against(
    scenario: Scenario, actuals: Actuals, sources: Sources
) -> list[ActualsIssue]:
    """Every contradiction between the actuals and the scenario, in table order."""
    return [
        issue for check in ALL_CHECKS for issue in check(scenario, actuals, sources)
    ]
