"""What exists when the plan starts: stock, work in progress, deliveries, people.

A plan made from week 1 of a new program starts from nothing; a plan made part-way
through a running program (a re-plan) or for a program whose first units were built
before approval starts from what is there. The fields mirror what the program's status
says at the end of a week (units completed and delivered, people qualified and hired,
conversions finished, purchases in transit), so a status maps onto them one to one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from pydantic import Field

from surgeplan.scenario.base import Id, NonNegative, ScenarioModel
from surgeplan.scenario.speech import gettext

Problem = tuple[str, str]  # (path, message)


class UnitsMade(ScenarioModel):
    """Units of an item completed at a site before the start (for learning)."""

    item: Id = Field(description="Id of the item made.")
    site: Id = Field(description="Id of the site that made it.")
    units: NonNegative = Field(description="Cumulative units completed.")


class StockOnHand(ScenarioModel):
    """Units of an item in stock at a site when the plan starts (products or kits)."""

    item: Id = Field(description="Id of the item in stock (a program item).")
    site: Id = Field(description="Id of the site holding it.")
    units: NonNegative = Field(description="Units on hand at the start.")


class WorkInProgress(ScenarioModel):
    """Units already started at a site, in stock from a given day without more work."""

    item: Id = Field(description="Id of the item being finished (a program item).")
    site: Id = Field(description="Id of the site finishing it.")
    units: NonNegative = Field(description="Units in progress.")
    ready_date: dt.date = Field(
        description="Day the units are finished and in stock; on or after the start."
    )


class PurchaseInTransit(ScenarioModel):
    """Units ordered from a supplier before the start that arrive during the plan."""

    supplier: Id = Field(description="Id of the supplier that shipped them.")
    site: Id = Field(description="Id of the site they go to.")
    units: NonNegative = Field(description="Units on their way.")
    arrival_date: dt.date = Field(description="Day they arrive; on or after the start.")


class ShipmentInTransit(ScenarioModel):
    """Units shipped on a lane before the start that arrive during the plan."""

    lane: Id = Field(description="Id of the lane they travel on.")
    item: Id = Field(description="Id of the item shipped.")
    units: NonNegative = Field(description="Units on their way.")
    arrival_date: dt.date = Field(description="Day they arrive; on or after the start.")


class DeliveredUnits(ScenarioModel):
    """Units of an item already delivered at a delivery point.

    They count toward its milestones, which are cumulative.
    """

    item: Id = Field(description="Id of the program item delivered.")
    delivery_point: Id = Field(description="Id of the delivery point.")
    units: NonNegative = Field(description="Units delivered before the start.")


class PoolState(ScenarioModel):
    """People of one workforce pool as they are at the start."""

    site: Id = Field(description="Id of the site of the pool.")
    skill: Id = Field(description="Skill of the pool.")
    qualified: int = Field(
        ge=0,
        description="People qualified for program work at the start (replaces the "
        "pool's `initially_qualified`).",
    )
    hired: int = Field(
        default=0,
        ge=0,
        description="People already hired for the program; they count against the "
        "pool's `hires_max_total`.",
    )


class DoneConversion(ScenarioModel):
    """A conversion of a work center begun before the start; its capex is spent.

    Its capabilities are there from the first day, or from `ready_date` if it is
    still under way.
    """

    site: Id = Field(description="Id of the site.")
    work_center: Id = Field(description="Id of the work center converted.")
    conversion: Id = Field(description="Id of the conversion begun.")
    ready_date: dt.date | None = Field(
        default=None,
        description="Day a conversion still under way is ready; leave it out for "
        "one finished before the start.",
    )


class OpeningState(ScenarioModel):
    """What exists when the plan starts. Everything left out does not exist."""

    made: list[UnitsMade] = Field(
        default_factory=list,
        description="Units completed before the start per item and site: the "
        "learning curve goes on from there (averaged over the sites that made the "
        "item, as `prior_cumulative_units` is one number per item).",
    )
    stock: list[StockOnHand] = Field(
        default_factory=list,
        description="Finished units and components in stock per item and site.",
    )
    work_in_progress: list[WorkInProgress] = Field(
        default_factory=list,
        description="Units started before the start and finished on a given day.",
    )
    in_transit: list[PurchaseInTransit] = Field(
        default_factory=list, description="Purchases on their way at the start."
    )
    shipments: list[ShipmentInTransit] = Field(
        default_factory=list,
        description="Shipments on lanes at the start (to sites or delivery points).",
    )
    delivered: list[DeliveredUnits] = Field(
        default_factory=list,
        description="Units already delivered; they count toward milestones.",
    )
    people: list[PoolState] = Field(
        default_factory=list,
        description="Qualified and hired people per pool at the start.",
    )
    conversions_done: list[DoneConversion] = Field(
        default_factory=list,
        description="Conversions already finished: the work center starts converted.",
    )
    cause: str = Field(
        default="",
        max_length=400,
        description="Why the program is where it is (e.g. 'output 30 % below plan in "
        "weeks 1-20'); a re-plan records it so a plan diff can name it.",
    )

    def delivered_units(self, item_id: str, delivery_point: str) -> float:
        """Units of an item delivered at a delivery point before the start."""
        return sum(
            entry.units
            for entry in self.delivered
            if entry.item == item_id and entry.delivery_point == delivery_point
        )


def check_opening_state(
    opening: OpeningState | None,
    *,
    start_date: dt.date,
    items: Iterable[str],
    core_items: Iterable[str],
    sites: Iterable[str],
    delivery_points: Iterable[str],
    suppliers: Iterable[str],
    pools: Iterable[tuple[str, str]],
    lanes: Iterable[str],
    conversions: Iterable[tuple[str, str, str]],
) -> list[Problem]:
    """Every reference of the opening state names something the scenario declares."""
    if opening is None:
        return []
    item_ids, core_ids = set(items), set(core_items)
    site_ids, point_ids = set(sites), set(delivery_points)
    supplier_ids, pool_keys = set(suppliers), set(pools)
    conversion_keys = set(conversions)
    lane_ids = set(lanes)
    problems: list[Problem] = []
    base = "opening_state"
    located: list[tuple[str, Sequence[UnitsMade | StockOnHand | WorkInProgress]]] = [
        ("made", opening.made),
        ("stock", opening.stock),
        ("work_in_progress", opening.work_in_progress),
    ]
    for field, entries in located:
        for number, entry in enumerate(entries):
            path = f"{base}.{field}[{number}]"
            if entry.item not in item_ids:
                problems.append((f"{path}.item", f"unknown item '{entry.item}'"))
            elif entry.item in core_ids:
                problems.append(
                    (
                        f"{path}.item",
                        gettext(
                            "'%(item)s' is a core product: core stock is not planned"
                        )
                        % {"item": entry.item},
                    )
                )
            if entry.site not in site_ids:
                problems.append((f"{path}.site", f"unknown site '{entry.site}'"))
    for number, wip in enumerate(opening.work_in_progress):
        if wip.ready_date < start_date:
            problems.append(
                (
                    f"{base}.work_in_progress[{number}].ready_date",
                    gettext(
                        "%(ready_date)s is before the plan's start "
                        "%(start_date)s: finished units belong in `stock`"
                    )
                    % {"ready_date": wip.ready_date, "start_date": start_date},
                )
            )
    for number, transit in enumerate(opening.in_transit):
        path = f"{base}.in_transit[{number}]"
        if transit.supplier not in supplier_ids:
            problems.append(
                (f"{path}.supplier", f"unknown supplier '{transit.supplier}'")
            )
        if transit.site not in site_ids:
            problems.append((f"{path}.site", f"unknown site '{transit.site}'"))
        if transit.arrival_date < start_date:
            problems.append(
                (
                    f"{path}.arrival_date",
                    gettext(
                        "%(arrival_date)s is before the plan's start "
                        "%(start_date)s: received units belong in `stock`"
                    )
                    % {"arrival_date": transit.arrival_date, "start_date": start_date},
                )
            )
    for number, shipment in enumerate(opening.shipments):
        path = f"{base}.shipments[{number}]"
        if shipment.lane not in lane_ids:
            problems.append((f"{path}.lane", f"unknown lane '{shipment.lane}'"))
        if shipment.item not in item_ids:
            problems.append((f"{path}.item", f"unknown item '{shipment.item}'"))
        if shipment.arrival_date < start_date:
            problems.append(
                (
                    f"{path}.arrival_date",
                    gettext(
                        "%(arrival_date)s is before the plan's start "
                        "%(start_date)s: arrived units belong in `stock` or "
                        "`delivered`"
                    )
                    % {"arrival_date": shipment.arrival_date, "start_date": start_date},
                )
            )
    for number, delivered in enumerate(opening.delivered):
        path = f"{base}.delivered[{number}]"
        if delivered.item not in item_ids:
            problems.append((f"{path}.item", f"unknown item '{delivered.item}'"))
        if delivered.delivery_point not in point_ids:
            problems.append(
                (
                    f"{path}.delivery_point",
                    gettext("unknown delivery point '%(delivery_point)s'")
                    % {"delivery_point": delivered.delivery_point},
                )
            )
    for number, pool in enumerate(opening.people):
        if (pool.site, pool.skill) not in pool_keys:
            problems.append(
                (
                    f"{base}.people[{number}]",
                    gettext(
                        "site '%(site)s' has no workforce pool of skill '%(skill)s'"
                    )
                    % {"site": pool.site, "skill": pool.skill},
                )
            )
    for number, done in enumerate(opening.conversions_done):
        if (done.site, done.work_center, done.conversion) not in conversion_keys:
            problems.append(
                (
                    f"{base}.conversions_done[{number}]",
                    gettext(
                        "no conversion '%(conversion)s' of work center "
                        "'%(site)s/%(work_center)s'"
                    )
                    % {
                        "conversion": done.conversion,
                        "site": done.site,
                        "work_center": done.work_center,
                    },
                )
            )
    return problems
