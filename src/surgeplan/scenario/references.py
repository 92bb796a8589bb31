"""Cross-reference checks: every id is declared once and points at the right kind."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from surgeplan.scenario.items import ItemKind, Sourcing
from surgeplan.scenario.model import Scenario

Problem = tuple[str, str]  # (path, message)


def _unknown(kind: str, value: str, known: Iterable[str]) -> str:
    known_list = sorted(set(known))
    close = difflib.get_close_matches(value, known_list, n=1)
    if close:
        return f"unknown {kind} '{value}'; did you mean '{close[0]}'?"
    if not known_list:
        return f"unknown {kind} '{value}': none is declared"
    shown = ", ".join(known_list[:12]) + (" …" if len(known_list) > 12 else "")
    return f"unknown {kind} '{value}'; declared: {shown}"


def _duplicates(ids: list[str], path_of: str, kind: str) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, value in enumerate(ids):
        if value in seen:
            problems.append(
                (
                    f"{path_of}[{index}].id",
                    f"duplicate {kind} id '{value}' "
                    f"(first at {path_of}[{seen[value]}])",
                )
            )
        else:
            seen[value] = index
    return problems


def check_unique_ids(scenario: Scenario) -> list[Problem]:
    """Ids are unique within their family; sites and delivery points share one space."""
    problems = _duplicates([s.id for s in scenario.sites], "sites", "site")
    problems += _duplicates(
        [d.id for d in scenario.delivery_points], "delivery_points", "delivery point"
    )
    site_ids = {site.id for site in scenario.sites}
    for index, point in enumerate(scenario.delivery_points):
        if point.id in site_ids:
            problems.append(
                (
                    f"delivery_points[{index}].id",
                    f"'{point.id}' is already a site id; lanes name both, so give the "
                    "delivery point another id",
                )
            )
    problems += _duplicates([i.id for i in scenario.items], "items", "item")
    problems += _duplicates([s.id for s in scenario.suppliers], "suppliers", "supplier")
    problems += _duplicates([lane.id for lane in scenario.lanes], "lanes", "lane")
    problems += _duplicates(
        [m.id for m in scenario.demand.milestones], "demand.milestones", "milestone"
    )
    problems += _duplicates(
        [m.id for m in scenario.mitigations], "mitigations", "mitigation"
    )
    for site_index, site in enumerate(scenario.sites):
        site_path = f"sites[{site_index}]"
        problems += _duplicates(
            [wc.id for wc in site.work_centers],
            f"{site_path}.work_centers",
            "work center",
        )
        skills = [pool.skill for pool in site.workforce]
        for index, skill in enumerate(skills):
            if skills.index(skill) != index:
                problems.append(
                    (
                        f"{site_path}.workforce[{index}].skill",
                        f"skill '{skill}' has two workforce pools at this site; "
                        "merge them",
                    )
                )
        for wc_index, work_center in enumerate(site.work_centers):
            wc_path = f"{site_path}.work_centers[{wc_index}]"
            problems += _duplicates(
                [p.id for p in work_center.shift_patterns],
                f"{wc_path}.shift_patterns",
                "shift pattern",
            )
            problems += _duplicates(
                [c.id for c in work_center.conversions],
                f"{wc_path}.conversions",
                "conversion",
            )
    for item_index, item in enumerate(scenario.items):
        problems += _duplicates(
            [op.id for op in item.routing], f"items[{item_index}].routing", "operation"
        )
    seen_core: dict[tuple[str, str], int] = {}
    for index, core in enumerate(scenario.demand.core):
        key = (core.item, core.site)
        if key in seen_core:
            problems.append(
                (
                    f"demand.core[{index}]",
                    f"core demand for '{core.item}' at '{core.site}' is given twice "
                    f"(first at demand.core[{seen_core[key]}]); merge them, with "
                    "changes for rate changes",
                )
            )
        else:
            seen_core[key] = index
    risk_ids = scenario.risks.all_ids()
    for index, risk_id in enumerate(risk_ids):
        if risk_ids.index(risk_id) != index:
            problems.append(
                ("risks", f"risk id '{risk_id}' is used by two risks; ids must differ")
            )
    return problems


def check_item_references(scenario: Scenario) -> list[Problem]:
    """BOM lines, the program product, suppliers and milestones name declared items."""
    items = {item.id: item for item in scenario.items}
    problems: list[Problem] = []
    product = items.get(scenario.program.product)
    if product is None:
        problems.append(
            ("program.product", _unknown("item", scenario.program.product, items))
        )
    elif product.kind is not ItemKind.PROGRAM:
        problems.append(
            (
                "program.product",
                f"item '{product.id}' is of kind '{product.kind}'; the program's "
                "product must be of kind 'program'",
            )
        )
    for index, item in enumerate(scenario.items):
        for line_index, line in enumerate(item.bom):
            if line.item not in items:
                problems.append(
                    (
                        f"items[{index}].bom[{line_index}].item",
                        _unknown("item", line.item, items),
                    )
                )
            elif line.item == item.id:
                problems.append(
                    (
                        f"items[{index}].bom[{line_index}].item",
                        "an item cannot contain itself",
                    )
                )
        if item.sourcing is Sourcing.MAKE and not item.routing:
            problems.append(
                (
                    f"items[{index}].routing",
                    f"item '{item.id}' is made (sourcing: make) but has no routing; "
                    "add its operations or set sourcing: buy",
                )
            )
        if item.sourcing is Sourcing.BUY:
            if item.routing or item.bom:
                problems.append(
                    (
                        f"items[{index}]",
                        f"item '{item.id}' is bought; a bought item has no routing or "
                        "bom (set sourcing: make to make it)",
                    )
                )
            if not any(s.item == item.id for s in scenario.suppliers):
                problems.append(
                    (
                        f"items[{index}].sourcing",
                        f"item '{item.id}' is bought but no supplier sells it; add a "
                        "supplier or set sourcing: make",
                    )
                )
    for index, supplier in enumerate(scenario.suppliers):
        path = f"suppliers[{index}]"
        if supplier.item not in items:
            problems.append((f"{path}.item", _unknown("item", supplier.item, items)))
        elif items[supplier.item].sourcing is not Sourcing.BUY:
            problems.append(
                (
                    f"{path}.item",
                    f"item '{supplier.item}' is made in the sites; set its sourcing to "
                    "buy to buy it from a supplier",
                )
            )
    return problems
