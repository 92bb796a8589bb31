"""The opening state checked against the scenario it belongs to."""

from __future__ import annotations

from surgeplan.scenario.items import ItemKind
from surgeplan.scenario.model import Scenario
from surgeplan.scenario.opening_state import Problem, check_opening_state


def check_scenario_opening_state(scenario: Scenario) -> list[Problem]:
    """Every id of the opening state is declared; dates are not before the start."""
    return check_opening_state(
        scenario.opening_state,
        start_date=scenario.program.start_date,
        items=[item.id for item in scenario.items],
        core_items=[item.id for item in scenario.items_of_kind(ItemKind.CORE)],
        sites=[site.id for site in scenario.sites],
        delivery_points=[point.id for point in scenario.delivery_points],
        suppliers=[supplier.id for supplier in scenario.suppliers],
        pools=[
            (site.id, pool.skill) for site in scenario.sites for pool in site.workforce
        ],
        lanes=[lane.id for lane in scenario.lanes],
        conversions=[
            (site.id, center.id, conversion.id)
            for site, center in scenario.work_centers()
            for conversion in center.conversions
        ],
    )
