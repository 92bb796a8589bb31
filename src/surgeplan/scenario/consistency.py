"""Checks that need the whole scenario: BOM cycles, capabilities, demand, horizon."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict

from surgeplan.scenario.calendar import make_buckets
from surgeplan.scenario.demand_rules import family_problems
from surgeplan.scenario.excel_words import N_
from surgeplan.scenario.items import ItemKind
from surgeplan.scenario.model import Scenario
from surgeplan.scenario.references import Problem, _unknown
from surgeplan.scenario.speech import gettext, share_text


def capabilities_by_site(
    scenario: Scenario, *, with_conversions: bool
) -> dict[str, set[str]]:
    """Capabilities each site has today, or could have after its conversions."""
    found: dict[str, set[str]] = defaultdict(set)
    for site, work_center in scenario.work_centers():
        found[site.id].update(work_center.capabilities)
        if with_conversions:
            for conversion in work_center.conversions:
                found[site.id].update(conversion.adds_capabilities)
    if with_conversions:
        for site in scenario.sites:
            for building in site.building_conversions:
                for center in building.work_centers:
                    found[site.id].update(center.adds_capabilities)
    return found


def check_bom_cycles(scenario: Scenario) -> list[Problem]:
    """No item may, through its BOM, contain itself."""
    children = {item.id: [line.item for line in item.bom] for item in scenario.items}
    index_of = {item.id: index for index, item in enumerate(scenario.items)}
    state: dict[str, int] = {}
    problems: list[Problem] = []

    def visit(item_id: str, trail: list[str]) -> None:
        state[item_id] = 1
        for child in children.get(item_id, []):
            if child not in children:
                continue
            if state.get(child) == 1:
                cycle = (
                    [*trail[trail.index(child) :], child]
                    if child in trail
                    else [
                        item_id,
                        child,
                    ]
                )
                problems.append(
                    (
                        f"items[{index_of[item_id]}].bom",
                        gettext("the bill of materials has a cycle: %(cycle)s")
                        % {"cycle": " -> ".join(cycle)},
                    )
                )
            elif state.get(child) is None:
                visit(child, [*trail, child])
        state[item_id] = 2

    for item in scenario.items:
        if state.get(item.id) is None:
            visit(item.id, [item.id])
    return problems


def check_capabilities(scenario: Scenario) -> list[Problem]:
    """Every operation can be done somewhere, and shifts and loads are consistent."""
    problems: list[Problem] = []
    reachable = set().union(
        *capabilities_by_site(scenario, with_conversions=True).values()
    )
    skills = {pool.skill for site in scenario.sites for pool in site.workforce}
    for item_index, item in enumerate(scenario.items):
        for op_index, operation in enumerate(item.routing):
            path = f"items[{item_index}].routing[{op_index}]"
            if operation.capability not in reachable:
                close = difflib.get_close_matches(operation.capability, reachable, n=1)
                if close:
                    message = gettext(
                        "no work center can do '%(capability)s', even after a "
                        "conversion; did you mean '%(close)s'?"
                    )
                else:
                    message = gettext(
                        "no work center can do '%(capability)s', even after a "
                        "conversion; add it to a work center's capabilities or a "
                        "conversion"
                    )
                place = {"capability": operation.capability, "close": "".join(close)}
                problems.append((f"{path}.capability", message % place))
            for skill in operation.labour_hours_by_skill:
                if skill not in skills:
                    problems.append(
                        (
                            f"{path}.labour_hours_by_skill.{skill}",
                            gettext(
                                "%(problem)s (no site has a workforce pool with it)"
                            )
                            % {"problem": _unknown(N_("skill"), skill, skills)},
                        )
                    )
    for site_index, site in enumerate(scenario.sites):
        for wc_index, work_center in enumerate(site.work_centers):
            path = f"sites[{site_index}].work_centers[{wc_index}]"
            patterns = {pattern.id for pattern in work_center.shift_patterns}
            initial = work_center.initial_shift_pattern
            if initial is not None and initial not in patterns:
                problems.append(
                    (
                        f"{path}.initial_shift_pattern",
                        _unknown(N_("shift pattern"), initial, patterns),
                    )
                )
            for load_index, load in enumerate(work_center.core_load):
                if load.capability not in work_center.capabilities:
                    problems.append(
                        (
                            f"{path}.core_load[{load_index}].capability",
                            gettext(
                                "core load on '%(capability)s', which this work center "
                                "does not have; add it to its capabilities"
                            )
                            % {"capability": load.capability},
                        )
                    )
            for conv_index, conversion in enumerate(work_center.conversions):
                for capability in conversion.removes_capabilities:
                    if capability not in work_center.capabilities:
                        problems.append(
                            (
                                f"{path}.conversions[{conv_index}].removes_capabilities",
                                gettext(
                                    "the work center does not have '%(capability)s' "
                                    "to lose"
                                )
                                % {"capability": capability},
                            )
                        )
        for pool_index, pool in enumerate(site.workforce):
            if pool.initially_qualified > pool.volunteers:
                problems.append(
                    (
                        f"sites[{site_index}].workforce[{pool_index}].initially_qualified",
                        gettext(
                            "%(initially_qualified)s people qualified but only "
                            "%(volunteers)s volunteers (%(volunteer_share)s of "
                            "%(headcount)s)"
                        )
                        % {
                            "initially_qualified": pool.initially_qualified,
                            "volunteers": pool.volunteers,
                            "volunteer_share": share_text(pool.volunteer_share),
                            "headcount": pool.headcount,
                        },
                    )
                )
    return problems


def check_network(scenario: Scenario) -> list[Problem]:
    """Suppliers serve declared sites; lanes join declared places, carry known items."""
    problems: list[Problem] = []
    sites = {site.id for site in scenario.sites}
    points = {point.id for point in scenario.delivery_points}
    items = {item.id for item in scenario.items}
    for index, supplier in enumerate(scenario.suppliers):
        for site_index, site_id in enumerate(supplier.sites):
            if site_id not in sites:
                problems.append(
                    (
                        f"suppliers[{index}].sites[{site_index}]",
                        _unknown(N_("site"), site_id, sites),
                    )
                )
    for index, lane in enumerate(scenario.lanes):
        path = f"lanes[{index}]"
        if lane.origin not in sites:
            problems.append(
                (f"{path}.origin", _unknown(N_("site"), lane.origin, sites))
            )
        if lane.destination not in sites | points:
            problems.append(
                (
                    f"{path}.destination",
                    _unknown(
                        N_("site or delivery point"),
                        lane.destination,
                        sites | points,
                    ),
                )
            )
        if lane.destination == lane.origin:
            problems.append(
                (f"{path}.destination", gettext("a lane must go somewhere else"))
            )
        for item_index, item_id in enumerate(lane.items):
            if item_id not in items:
                problems.append(
                    (
                        f"{path}.items[{item_index}]",
                        _unknown(N_("item"), item_id, items),
                    )
                )
    return problems


def check_milestone_dates(scenario: Scenario) -> list[Problem]:
    """Milestones fall in the program's horizon.

    Apart from `check_demand`, which does not read the program: a program with
    errors of its own must not hide milestones naming unknown delivery points.
    """
    problems: list[Problem] = []
    horizon_end = make_buckets(scenario.program)[-1].end
    for index, milestone in enumerate(scenario.demand.milestones):
        if (
            milestone.due_date < scenario.program.start_date
            or milestone.due_date > horizon_end
        ):
            problems.append(
                (
                    f"demand.milestones[{index}].due_date",
                    gettext(
                        "due %(due_date)s is outside the horizon (%(start_date)s "
                        "to %(horizon_end)s); extend program.horizon_buckets or "
                        "move the milestone"
                    )
                    % {
                        "due_date": milestone.due_date,
                        "start_date": scenario.program.start_date,
                        "horizon_end": horizon_end,
                    },
                )
            )
    return problems


def check_demand(scenario: Scenario) -> list[Problem]:
    """Milestones grow and can be reached; core demand can be made."""
    problems: list[Problem] = []
    items = {item.id: item for item in scenario.items}
    sites = {site.id for site in scenario.sites}
    points = {point.id for point in scenario.delivery_points}
    served = {lane.destination for lane in scenario.lanes}
    last: dict[tuple[str, str], tuple[dt.date, float, str]] = {}
    ordered = sorted(
        enumerate(scenario.demand.milestones), key=lambda pair: pair[1].due_date
    )
    for index, milestone in ordered:
        path = f"demand.milestones[{index}]"
        item = items.get(milestone.item)
        if item is None:
            problems.append(
                (f"{path}.item", _unknown(N_("item"), milestone.item, items))
            )
        elif item.kind is not ItemKind.PROGRAM:
            problems.append(
                (
                    f"{path}.item",
                    gettext("'%(item)s' is not a program item (kind program)")
                    % {"item": milestone.item},
                )
            )
        if milestone.delivery_point not in points:
            problems.append(
                (
                    f"{path}.delivery_point",
                    _unknown(N_("delivery point"), milestone.delivery_point, points),
                )
            )
        elif milestone.delivery_point not in served:
            problems.append(
                (
                    f"{path}.delivery_point",
                    gettext(
                        "no lane reaches '%(delivery_point)s'; add a lane from a "
                        "site to it"
                    )
                    % {"delivery_point": milestone.delivery_point},
                )
            )
        problems.extend(family_problems(milestone, path, items))
        key = (",".join(sorted(milestone.items_counted)), milestone.delivery_point)
        quantity = milestone.quantity_in_force
        if key in last:
            previous_date, previous_quantity, previous_id = last[key]
            # Equal is allowed: a later milestone may confirm the same total.
            if quantity < previous_quantity:
                problems.append(
                    (
                        f"{path}.cumulative_quantity",
                        gettext(
                            "%(quantity)s units by %(due_date)s is less than "
                            "milestone '%(previous_id)s' (%(previous_quantity)s by "
                            "%(previous_date)s); quantities are cumulative and may "
                            "not decrease"
                        )
                        % {
                            "quantity": format(quantity, "g"),
                            "due_date": milestone.due_date,
                            "previous_id": previous_id,
                            "previous_quantity": format(previous_quantity, "g"),
                            "previous_date": previous_date,
                        },
                    )
                )
        last[key] = (milestone.due_date, quantity, milestone.id)
    capable = capabilities_by_site(scenario, with_conversions=True)
    for index, core in enumerate(scenario.demand.core):
        path = f"demand.core[{index}]"
        item = items.get(core.item)
        if item is None:
            problems.append((f"{path}.item", _unknown(N_("item"), core.item, items)))
        elif item.kind is not ItemKind.CORE:
            problems.append(
                (
                    f"{path}.item",
                    gettext("'%(item)s' is not a core product (kind core)")
                    % {"item": core.item},
                )
            )
        if core.site not in sites:
            problems.append((f"{path}.site", _unknown(N_("site"), core.site, sites)))
        elif item is not None:
            missing = [
                op.capability
                for op in item.routing
                if op.capability not in capable[core.site]
            ]
            if missing:
                problems.append(
                    (
                        f"{path}.site",
                        gettext(
                            "site '%(site)s' cannot make '%(item)s': no work center "
                            "there does %(names)s"
                        )
                        % {
                            "site": core.site,
                            "item": core.item,
                            "names": ", ".join(sorted(set(missing))),
                        },
                    )
                )
    return problems


def check_horizon(scenario: Scenario) -> list[Problem]:
    """Shutdowns fall inside the horizon."""
    problems: list[Problem] = []
    buckets = make_buckets(scenario.program)
    start, end = buckets[0].start, buckets[-1].end
    for site_index, site in enumerate(scenario.sites):
        for index, shutdown in enumerate(site.calendar.shutdowns):
            if shutdown.end_date < start or shutdown.start_date > end:
                problems.append(
                    (
                        f"sites[{site_index}].calendar.shutdowns[{index}]",
                        gettext(
                            "shutdown %(start_date)s to %(end_date)s is outside the "
                            "horizon (%(start)s to %(end)s); remove it or fix its "
                            "dates"
                        )
                        % {
                            "start_date": shutdown.start_date,
                            "end_date": shutdown.end_date,
                            "start": start,
                            "end": end,
                        },
                    )
                )
    return problems
