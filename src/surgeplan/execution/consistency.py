"""Actuals against their scenario: names that exist, weeks inside the program, and
figures that some capacity could have produced.

Each check returns located problems; `check_against` runs them all, so that every
contradiction is reported at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from surgeplan.execution.errors import ActualsIssue
from surgeplan.execution.reading import Sources
from surgeplan.execution.records import Actuals
from surgeplan.scenario import Scenario
from surgeplan.scenario.items import ItemKind, Sourcing
from surgeplan.scenario.program import TimeBucket
from surgeplan.scenario.sites import WorkCenter

HOURS_PER_WEEK = 7 * 24
Check = Callable[[Scenario, Actuals, Sources], list[ActualsIssue]]


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
                f"actuals are weekly, and the program is planned in "
                f"{program.time_bucket.value}s",
            )
        )
    if actuals.program != program.name:
        issues.append(
            sources.about_issue(
                "program",
                f"'{actuals.program}' is not the scenario's program '{program.name}'",
            )
        )
    if actuals.start_date != program.start_date:
        issues.append(
            sources.about_issue(
                "start_date",
                f"{actuals.start_date} is not the program's start date "
                f"{program.start_date}",
            )
        )
    if actuals.through_week > program.horizon_buckets:
        issues.append(
            sources.about_issue(
                "through_week",
                f"week {actuals.through_week} is outside the program's "
                f"{program.horizon_buckets} weeks",
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
                    f"week {record.week} is after the status week "
                    f"{actuals.through_week} (through_week)",
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
                    f"week {incident.start_week} is after the status week "
                    f"{actuals.through_week}",
                )
            )
        if incident.end_week is not None and incident.end_week < incident.start_week:
            issues.append(
                sources.issue(
                    "incidents",
                    index,
                    "end_week",
                    f"ends in week {incident.end_week}, before it starts "
                    f"(week {incident.start_week})",
                )
            )
    return issues


def _site_and_center(
    scenario: Scenario,
    table: str,
    index: int,
    site_id: str,
    center_id: str | None,
    sources: Sources,
) -> tuple[list[ActualsIssue], WorkCenter | None]:
    sites = {site.id: site for site in scenario.sites}
    site = sites.get(site_id)
    if site is None:
        return [
            sources.issue(
                table,
                index,
                "site",
                f"no site '{site_id}' in the scenario; sites: {', '.join(sites)}",
            )
        ], None
    if center_id is None:
        return [], None
    centers = {center.id: center for center in site.work_centers}
    center = centers.get(center_id)
    if center is None:
        return [
            sources.issue(
                table,
                index,
                "work_center",
                f"no work center '{center_id}' at site '{site_id}'; its work centers: "
                f"{', '.join(centers) or 'none'}",
            )
        ], None
    return [], center


def check_completions(
    scenario: Scenario, actuals: Actuals, sources: Sources
) -> list[ActualsIssue]:
    """Completed units name made items, their operations and able sites, within the
    hours any station could give them at the fastest learning."""
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
                    f"no item '{record.item}' in the scenario",
                )
            )
            continue
        if item.sourcing is Sourcing.BUY:
            issues.append(
                sources.issue(
                    "completions",
                    index,
                    "item",
                    f"'{item.id}' is bought, not made: report it in receipts",
                )
            )
            continue
        found, center = _site_and_center(
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
                    "a second row for the same week, item, site, "
                    "operation and work center",
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
                    f"no operation '{record.operation}' in the routing of '{item.id}'; "
                    f"its operations: {', '.join(operations)}",
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
                where = f"'{center.id}'" if center is not None else f"site '{site.id}'"
                issues.append(
                    sources.issue(
                        "completions",
                        index,
                        "site" if center is None else "work_center",
                        f"{where} cannot do '{operation.id}' of '{item.id}': no work center "
                        f"with capability '{operation.capability}', even after a conversion",
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
                        f"{record.units:g} units of '{item.id}' in a week is beyond any "
                        f"possible capacity: '{operation.id}' could make at most "
                        f"{most:,.0f} at site '{site.id}' (every station 168 h, full "
                        "learning)",
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
        found, center = _site_and_center(
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
                    "a second row for the same week and work center",
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
                    f"{record.hours:g} hours is beyond any possible capacity: "
                    f"'{center.id}' has {center.stations} stations, {most:,.0f} hours a "
                    "week at most",
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
        found, _ = _site_and_center(
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
                    f"no pool of skill '{record.skill}' at site '{record.site}'; its "
                    f"skills: {', '.join(pools) or 'none'}",
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
                    "a second row for the same week, site and skill",
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
                    f"{record.headcount} people is more than the pool's {pool.headcount} "
                    f"plus {pool.hires_max_total} hires",
                )
            )
    return issues


def check_supply(
    scenario: Scenario, actuals: Actuals, sources: Sources
) -> list[ActualsIssue]:
    """Receipts come from existing suppliers to sites they serve, within their rate;
    shipments go on existing lanes that carry the item."""
    issues: list[ActualsIssue] = []
    suppliers = {supplier.id: supplier for supplier in scenario.suppliers}
    for index, receipt in enumerate(actuals.receipts):
        supplier = suppliers.get(receipt.supplier)
        if supplier is None:
            issues.append(
                sources.issue(
                    "receipts",
                    index,
                    "supplier",
                    f"no supplier '{receipt.supplier}' in the scenario",
                )
            )
            continue
        if receipt.site not in supplier.sites:
            issues.append(
                sources.issue(
                    "receipts",
                    index,
                    "site",
                    f"supplier '{supplier.id}' does not deliver to '{receipt.site}'; it "
                    f"delivers to {', '.join(supplier.sites)}",
                )
            )
        if receipt.units > supplier.capacity_per_week:
            issues.append(
                sources.issue(
                    "receipts",
                    index,
                    "units",
                    f"{receipt.units:g} units is beyond supplier '{supplier.id}''s "
                    f"capacity of {supplier.capacity_per_week:g} a week",
                )
            )
    lanes = {lane.id: lane for lane in scenario.lanes}
    for index, shipment in enumerate(actuals.shipments):
        lane = lanes.get(shipment.lane)
        if lane is None:
            issues.append(
                sources.issue(
                    "shipments",
                    index,
                    "lane",
                    f"no lane '{shipment.lane}' in the scenario",
                )
            )
            continue
        if lane.items and shipment.item not in lane.items:
            issues.append(
                sources.issue(
                    "shipments",
                    index,
                    "item",
                    f"lane '{lane.id}' does not carry '{shipment.item}'; it carries "
                    f"{', '.join(lane.items)}",
                )
            )
        cap = lane.capacity_units_per_week
        if cap is not None and shipment.units > cap:
            issues.append(
                sources.issue(
                    "shipments",
                    index,
                    "units",
                    f"{shipment.units:g} units is beyond lane '{lane.id}''s capacity of "
                    f"{cap:g} a week",
                )
            )
    return issues


def check_deliveries(
    scenario: Scenario, actuals: Actuals, sources: Sources
) -> list[ActualsIssue]:
    """Deliveries are of program items, to existing points and milestones, and never
    more than the units completed by then."""
    issues: list[ActualsIssue] = []
    points = {point.id for point in scenario.delivery_points}
    milestones = {milestone.id: milestone for milestone in scenario.demand.milestones}
    program_items = {item.id for item in scenario.items_of_kind(ItemKind.PROGRAM)}
    for index, delivery in enumerate(actuals.deliveries):
        if delivery.item not in program_items:
            issues.append(
                sources.issue(
                    "deliveries",
                    index,
                    "item",
                    f"'{delivery.item}' is not a program item; program items: "
                    f"{', '.join(sorted(program_items))}",
                )
            )
        if delivery.delivery_point not in points:
            issues.append(
                sources.issue(
                    "deliveries",
                    index,
                    "delivery_point",
                    f"no delivery point '{delivery.delivery_point}'; delivery points: "
                    f"{', '.join(sorted(points))}",
                )
            )
        if delivery.milestone is not None:
            milestone = milestones.get(delivery.milestone)
            if milestone is None:
                issues.append(
                    sources.issue(
                        "deliveries",
                        index,
                        "milestone",
                        f"no milestone '{delivery.milestone}'",
                    )
                )
            elif (milestone.item, milestone.delivery_point) != (
                delivery.item,
                delivery.delivery_point,
            ):
                issues.append(
                    sources.issue(
                        "deliveries",
                        index,
                        "milestone",
                        f"milestone '{milestone.id}' is due as '{milestone.item}' at "
                        f"'{milestone.delivery_point}'",
                    )
                )
    issues += _beyond_completions(scenario, actuals, sources)
    return issues


def _beyond_completions(
    scenario: Scenario, actuals: Actuals, sources: Sources
) -> list[ActualsIssue]:
    finished: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for record in actuals.completions:
        if record.operation is None:
            finished[record.item][record.week] += record.units
    order = sorted(
        range(len(actuals.deliveries)), key=lambda i: actuals.deliveries[i].week
    )
    delivered: dict[str, float] = defaultdict(float)
    flagged: set[str] = set()
    issues: list[ActualsIssue] = []
    for index in order:
        delivery = actuals.deliveries[index]
        item_id = delivery.item
        delivered[item_id] += delivery.units
        prior = next(
            (i.prior_cumulative_units for i in scenario.items if i.id == item_id), 0.0
        )
        made = prior + sum(
            units for week, units in finished[item_id].items() if week <= delivery.week
        )
        if delivered[item_id] > made + 1e-6 and item_id not in flagged:
            flagged.add(item_id)
            issues.append(
                sources.issue(
                    "deliveries",
                    index,
                    "units",
                    f"by week {delivery.week}, {delivered[item_id]:g} units of '{item_id}' "
                    f"delivered but only {made:g} completed (finished units, operation "
                    "empty, in completions)",
                )
            )
    return issues


def check_conversions(
    scenario: Scenario, actuals: Actuals, sources: Sources
) -> list[ActualsIssue]:
    """Finished conversions exist and could be ready by their week."""
    issues: list[ActualsIssue] = []
    seen: set[tuple[str, str, str]] = set()
    for index, record in enumerate(actuals.conversions):
        found, center = _site_and_center(
            scenario, "conversions", index, record.site, record.work_center, sources
        )
        issues += found
        if center is None:
            continue
        conversions = {conv.id: conv for conv in center.conversions}
        conversion = conversions.get(record.conversion)
        if conversion is None:
            issues.append(
                sources.issue(
                    "conversions",
                    index,
                    "conversion",
                    f"no conversion '{record.conversion}' of '{center.id}'; its "
                    f"conversions: {', '.join(conversions) or 'none'}",
                )
            )
            continue
        key = (record.site, record.work_center, record.conversion)
        if key in seen:
            issues.append(
                sources.issue(
                    "conversions",
                    index,
                    None,
                    "this conversion is already finished in an earlier row",
                )
            )
        seen.add(key)
        if record.week <= conversion.lead_time_weeks:
            issues.append(
                sources.issue(
                    "conversions",
                    index,
                    "week",
                    f"finished in week {record.week}, but it takes "
                    f"{conversion.lead_time_weeks} weeks: week "
                    f"{conversion.lead_time_weeks + 1} at the earliest",
                )
            )
    return issues


def check_incidents(
    scenario: Scenario, actuals: Actuals, sources: Sources
) -> list[ActualsIssue]:
    """Incidents hit existing sites and work centers, each id once."""
    issues: list[ActualsIssue] = []
    seen: set[str] = set()
    for index, incident in enumerate(actuals.incidents):
        found, _ = _site_and_center(
            scenario, "incidents", index, incident.site, incident.work_center, sources
        )
        issues += found
        if incident.id in seen:
            issues.append(
                sources.issue(
                    "incidents", index, "id", f"a second incident '{incident.id}'"
                )
            )
        seen.add(incident.id)
    return issues


ALL_CHECKS: tuple[Check, ...] = (
    check_header,
    check_weeks,
    check_completions,
    check_hours,
    check_headcount,
    check_supply,
    check_deliveries,
    check_conversions,
    check_incidents,
)


def check_against(
    scenario: Scenario, actuals: Actuals, sources: Sources
) -> list[ActualsIssue]:
    """Every contradiction between the actuals and the scenario, in table order."""
    return [
        issue for check in ALL_CHECKS for issue in check(scenario, actuals, sources)
    ]
