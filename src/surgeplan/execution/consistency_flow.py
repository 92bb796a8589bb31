"""Actuals against their scenario: supply, deliveries, conversions and incidents."""

from __future__ import annotations

from collections import defaultdict

from surgeplan.execution.errors import ActualsIssue
from surgeplan.execution.reading import Sources
from surgeplan.execution.records import Actuals
from surgeplan.i18n import N_, gettext
from surgeplan.scenario import Scenario
from surgeplan.scenario.items import ItemKind
from surgeplan.scenario.sites import WorkCenter

# What a list of the scenario's ids reads as when it is empty.
NONE_SHOWN = N_("none")


def site_and_center(
    scenario: Scenario,
    table: str,
    index: int,
    site_id: str,
    center_id: str | None,
    sources: Sources,
) -> tuple[list[ActualsIssue], WorkCenter | None]:
    """The work center a record names (None without one), or why it is unknown."""
    sites = {site.id: site for site in scenario.sites}
    site = sites.get(site_id)
    if site is None:
        return [
            sources.issue(
                table,
                index,
                "site",
                gettext("no site '%(site_id)s' in the scenario; sites: %(names)s")
                % {"site_id": site_id, "names": ", ".join(sites)},
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
                gettext(
                    "no work center '%(center_id)s' at site '%(site_id)s'; "
                    "its work centers: %(value)s"
                )
                % {
                    "center_id": center_id,
                    "site_id": site_id,
                    "value": ", ".join(centers) or gettext(NONE_SHOWN),
                },
            )
        ], None
    return [], center


def check_supply(
    scenario: Scenario, actuals: Actuals, sources: Sources
) -> list[ActualsIssue]:
    """Receipts and shipments name existing suppliers and lanes, within their rates.

    A supplier delivers only to the sites it serves, a lane carries only its items.
    """
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
                    gettext("no supplier '%(supplier)s' in the scenario")
                    % {"supplier": receipt.supplier},
                )
            )
            continue
        if receipt.site not in supplier.sites:
            issues.append(
                sources.issue(
                    "receipts",
                    index,
                    "site",
                    gettext(
                        "supplier '%(supplier_id)s' does not deliver to "
                        "'%(site)s'; it delivers to %(names)s"
                    )
                    % {
                        "supplier_id": supplier.id,
                        "site": receipt.site,
                        "names": ", ".join(supplier.sites),
                    },
                )
            )
        if receipt.units > supplier.capacity_per_week:
            issues.append(
                sources.issue(
                    "receipts",
                    index,
                    "units",
                    gettext(
                        "%(units)s units is beyond supplier '%(supplier_id)s''s "
                        "capacity of %(capacity_per_week)s a week"
                    )
                    % {
                        "units": format(receipt.units, "g"),
                        "supplier_id": supplier.id,
                        "capacity_per_week": format(supplier.capacity_per_week, "g"),
                    },
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
                    gettext("no lane '%(lane)s' in the scenario")
                    % {"lane": shipment.lane},
                )
            )
            continue
        if lane.items and shipment.item not in lane.items:
            issues.append(
                sources.issue(
                    "shipments",
                    index,
                    "item",
                    gettext(
                        "lane '%(lane_id)s' does not carry '%(item)s'; it carries"
                        " %(names)s"
                    )
                    % {
                        "lane_id": lane.id,
                        "item": shipment.item,
                        "names": ", ".join(lane.items),
                    },
                )
            )
        cap = lane.capacity_units_per_week
        if cap is not None and shipment.units > cap:
            issues.append(
                sources.issue(
                    "shipments",
                    index,
                    "units",
                    gettext(
                        "%(units)s units is beyond lane '%(lane_id)s''s capacity "
                        "of %(cap)s a week"
                    )
                    % {
                        "units": format(shipment.units, "g"),
                        "lane_id": lane.id,
                        "cap": format(cap, "g"),
                    },
                )
            )
    return issues


def check_deliveries(
    scenario: Scenario, actuals: Actuals, sources: Sources
) -> list[ActualsIssue]:
    """Deliveries are of program items, to existing points and milestones.

    They are never more than the units completed by then.
    """
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
                    gettext(
                        "'%(item)s' is not a program item; program items: %(names)s"
                    )
                    % {
                        "item": delivery.item,
                        "names": ", ".join(sorted(program_items)),
                    },
                )
            )
        if delivery.delivery_point not in points:
            issues.append(
                sources.issue(
                    "deliveries",
                    index,
                    "delivery_point",
                    gettext(
                        "no delivery point '%(delivery_point)s'; delivery points:"
                        " %(names)s"
                    )
                    % {
                        "delivery_point": delivery.delivery_point,
                        "names": ", ".join(sorted(points)),
                    },
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
                        gettext(
                            "milestone '%(milestone_id)s' is due as '%(item)s' at "
                            "'%(delivery_point)s'"
                        )
                        % {
                            "milestone_id": milestone.id,
                            "item": milestone.item,
                            "delivery_point": milestone.delivery_point,
                        },
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
                    gettext(
                        "by week %(week)s, %(delivered)s units of '%(item_id)s' "
                        "delivered but only %(made)s completed (finished units, "
                        "operation empty, in completions)"
                    )
                    % {
                        "week": delivery.week,
                        "delivered": format(delivered[item_id], "g"),
                        "item_id": item_id,
                        "made": format(made, "g"),
                    },
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
        found, center = site_and_center(
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
                    gettext(
                        "no conversion '%(conversion)s' of '%(center_id)s'; its "
                        "conversions: %(value)s"
                    )
                    % {
                        "conversion": record.conversion,
                        "center_id": center.id,
                        "value": ", ".join(conversions) or gettext(NONE_SHOWN),
                    },
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
                    gettext("this conversion is already finished in an earlier row"),
                )
            )
        seen.add(key)
        if record.week <= conversion.lead_time_weeks:
            issues.append(
                sources.issue(
                    "conversions",
                    index,
                    "week",
                    gettext(
                        "finished in week %(week)s, but it takes "
                        "%(lead_time_weeks)s weeks: week %(value)s at the "
                        "earliest"
                    )
                    % {
                        "week": record.week,
                        "lead_time_weeks": conversion.lead_time_weeks,
                        "value": conversion.lead_time_weeks + 1,
                    },
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
        found, _ = site_and_center(
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
