"""Cross-reference checks: every id is declared once and points at the right kind."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from surgeplan.scenario.excel_words import N_
from surgeplan.scenario.items import ItemKind, Sourcing
from surgeplan.scenario.model import Scenario
from surgeplan.scenario.speech import gettext

Problem = tuple[str, str]  # (path, message)

# What a planner writes in the file, the same in every language.
_SOURCING = {"make": "sourcing: make", "buy": "sourcing: buy"}


def _unknown(kind: str, value: str, known: Iterable[str]) -> str:
    """An id that names nothing declared; `kind` is an English noun marked `N_`."""
    known_list = sorted(set(known))
    close = difflib.get_close_matches(value, known_list, n=1)
    place = {"kind": gettext(kind), "value": value}
    if close:
        return gettext("unknown %(kind)s '%(value)s'; did you mean '%(close)s'?") % {
            **place,
            "close": close[0],
        }
    if not known_list:
        return gettext("unknown %(kind)s '%(value)s': none is declared") % place
    shown = ", ".join(known_list[:12]) + (" …" if len(known_list) > 12 else "")
    return gettext("unknown %(kind)s '%(value)s'; declared: %(shown)s") % {
        **place,
        "shown": shown,
    }


def _duplicates(ids: list[str], path_of: str, kind: str) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, value in enumerate(ids):
        if value in seen:
            problems.append(
                (
                    f"{path_of}[{index}].id",
                    gettext(
                        "duplicate %(kind)s id '%(value)s' (first at "
                        "%(path_of)s[%(seen)s])"
                    )
                    % {
                        "kind": gettext(kind),
                        "value": value,
                        "path_of": path_of,
                        "seen": seen[value],
                    },
                )
            )
        else:
            seen[value] = index
    return problems


def check_unique_ids(scenario: Scenario) -> list[Problem]:
    """Ids are unique within their family; sites and delivery points share one space."""
    problems = _duplicates([s.id for s in scenario.sites], "sites", N_("site"))
    problems += _duplicates(
        [d.id for d in scenario.delivery_points],
        "delivery_points",
        N_("delivery point"),
    )
    site_ids = {site.id for site in scenario.sites}
    for index, point in enumerate(scenario.delivery_points):
        if point.id in site_ids:
            problems.append(
                (
                    f"delivery_points[{index}].id",
                    gettext(
                        "'%(point_id)s' is already a site id; lanes name both, so"
                        " give the delivery point another id"
                    )
                    % {"point_id": point.id},
                )
            )
    problems += _duplicates([i.id for i in scenario.items], "items", N_("item"))
    problems += _duplicates(
        [s.id for s in scenario.suppliers], "suppliers", N_("supplier")
    )
    problems += _duplicates([lane.id for lane in scenario.lanes], "lanes", N_("lane"))
    problems += _duplicates(
        [m.id for m in scenario.demand.milestones], "demand.milestones", N_("milestone")
    )
    problems += _duplicates(
        [m.id for m in scenario.mitigations], "mitigations", N_("mitigation")
    )
    for site_index, site in enumerate(scenario.sites):
        site_path = f"sites[{site_index}]"
        problems += _duplicates(
            [wc.id for wc in site.work_centers],
            f"{site_path}.work_centers",
            N_("work center"),
        )
        skills = [pool.skill for pool in site.workforce]
        for index, skill in enumerate(skills):
            if skills.index(skill) != index:
                problems.append(
                    (
                        f"{site_path}.workforce[{index}].skill",
                        gettext(
                            "skill '%(skill)s' has two workforce pools at this site; "
                            "merge them"
                        )
                        % {"skill": skill},
                    )
                )
        for wc_index, work_center in enumerate(site.work_centers):
            wc_path = f"{site_path}.work_centers[{wc_index}]"
            problems += _duplicates(
                [p.id for p in work_center.shift_patterns],
                f"{wc_path}.shift_patterns",
                N_("shift pattern"),
            )
            problems += _duplicates(
                [c.id for c in work_center.conversions],
                f"{wc_path}.conversions",
                N_("conversion"),
            )
    for item_index, item in enumerate(scenario.items):
        problems += _duplicates(
            [op.id for op in item.routing],
            f"items[{item_index}].routing",
            N_("operation"),
        )
    seen_core: dict[tuple[str, str], int] = {}
    for index, core in enumerate(scenario.demand.core):
        key = (core.item, core.site)
        if key in seen_core:
            problems.append(
                (
                    f"demand.core[{index}]",
                    gettext(
                        "core demand for '%(item)s' at '%(site)s' is given twice "
                        "(first at demand.core[%(seen_core)s]); merge them, with "
                        "changes for rate changes"
                    )
                    % {
                        "item": core.item,
                        "site": core.site,
                        "seen_core": seen_core[key],
                    },
                )
            )
        else:
            seen_core[key] = index
    risk_ids = scenario.risks.all_ids()
    for index, risk_id in enumerate(risk_ids):
        if risk_ids.index(risk_id) != index:
            problems.append(
                (
                    "risks",
                    gettext(
                        "risk id '%(risk_id)s' is used by two risks; ids must differ"
                    )
                    % {"risk_id": risk_id},
                )
            )
    return problems


def check_item_references(scenario: Scenario) -> list[Problem]:
    """BOM lines, the program product, suppliers and milestones name declared items."""
    items = {item.id: item for item in scenario.items}
    problems: list[Problem] = []
    product = items.get(scenario.program.product)
    if product is None:
        problems.append(
            ("program.product", _unknown(N_("item"), scenario.program.product, items))
        )
    elif product.kind is not ItemKind.PROGRAM:
        problems.append(
            (
                "program.product",
                gettext(
                    "item '%(product_id)s' is of kind '%(kind)s'; the "
                    "program's product must be of kind 'program'"
                )
                % {"product_id": product.id, "kind": product.kind},
            )
        )
    for index, item in enumerate(scenario.items):
        for line_index, line in enumerate(item.bom):
            if line.item not in items:
                problems.append(
                    (
                        f"items[{index}].bom[{line_index}].item",
                        _unknown(N_("item"), line.item, items),
                    )
                )
            elif line.item == item.id:
                problems.append(
                    (
                        f"items[{index}].bom[{line_index}].item",
                        gettext("an item cannot contain itself"),
                    )
                )
        if item.sourcing is Sourcing.MAKE and not item.routing:
            problems.append(
                (
                    f"items[{index}].routing",
                    gettext(
                        "item '%(item_id)s' is made (%(make)s) but has no "
                        "routing; add its operations or set %(buy)s"
                    )
                    % {"item_id": item.id, **_SOURCING},
                )
            )
        if item.sourcing is Sourcing.BUY:
            if item.routing or item.bom:
                problems.append(
                    (
                        f"items[{index}]",
                        gettext(
                            "item '%(item_id)s' is bought; a bought item has no "
                            "routing or bom (set %(make)s to make it)"
                        )
                        % {"item_id": item.id, **_SOURCING},
                    )
                )
            if not any(s.item == item.id for s in scenario.suppliers):
                problems.append(
                    (
                        f"items[{index}].sourcing",
                        gettext(
                            "item '%(item_id)s' is bought but no supplier sells it; "
                            "add a supplier or set %(make)s"
                        )
                        % {"item_id": item.id, **_SOURCING},
                    )
                )
    for index, supplier in enumerate(scenario.suppliers):
        path = f"suppliers[{index}]"
        if supplier.item not in items:
            problems.append(
                (f"{path}.item", _unknown(N_("item"), supplier.item, items))
            )
        elif items[supplier.item].sourcing is not Sourcing.BUY:
            problems.append(
                (
                    f"{path}.item",
                    gettext(
                        "item '%(item)s' is made in the sites; set its sourcing "
                        "to buy to buy it from a supplier"
                    )
                    % {"item": supplier.item},
                )
            )
    return problems
