"""Building conversions name work centers of their site, under ids of their own."""

from __future__ import annotations

from surgeplan.scenario.model import Scenario
from surgeplan.scenario.references import Problem, _unknown


def check_buildings(scenario: Scenario) -> list[Problem]:
    """Each building names its site's work centers once, with an id no one else has."""
    problems: list[Problem] = []
    # A building draws its delay from the stream named by its id, as risks do.
    taken = set(scenario.risks.all_ids()) | {gate.id for gate in scenario.gates}
    for site_index, site in enumerate(scenario.sites):
        centers = {center.id: center for center in site.work_centers}
        for index, building in enumerate(site.building_conversions):
            path = f"sites[{site_index}].building_conversions[{index}]"
            if building.id in taken:
                problems.append((f"{path}.id", f"id '{building.id}' is already used"))
            taken.add(building.id)
            seen: set[str] = set()
            for number, converted in enumerate(building.work_centers):
                where = f"{path}.work_centers[{number}].work_center"
                center = centers.get(converted.work_center)
                if center is None:
                    problems.append(
                        (
                            where,
                            _unknown(
                                f"work center at '{site.id}'",
                                converted.work_center,
                                centers,
                            ),
                        )
                    )
                    continue
                if converted.work_center in seen:
                    problems.append(
                        (where, f"'{converted.work_center}' is listed twice")
                    )
                seen.add(converted.work_center)
                if any(c.id == building.id for c in center.conversions):
                    problems.append(
                        (
                            f"{path}.id",
                            f"work center '{center.id}' has a conversion "
                            f"'{building.id}' of its own",
                        )
                    )
    return problems
