"""Building conversions name work centers of their site, under ids of their own."""

from __future__ import annotations

from surgeplan.scenario.model import Scenario
from surgeplan.scenario.references import Problem, _unknown
from surgeplan.scenario.speech import gettext


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
                problems.append(
                    (
                        f"{path}.id",
                        gettext("id '%(building_id)s' is already used")
                        % {"building_id": building.id},
                    )
                )
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
                                gettext("work center at '%(site_id)s'")
                                % {"site_id": site.id},
                                converted.work_center,
                                centers,
                            ),
                        )
                    )
                    continue
                if converted.work_center in seen:
                    problems.append(
                        (
                            where,
                            gettext("'%(work_center)s' is listed twice")
                            % {"work_center": converted.work_center},
                        )
                    )
                seen.add(converted.work_center)
                if any(c.id == building.id for c in center.conversions):
                    problems.append(
                        (
                            f"{path}.id",
                            gettext(
                                "work center '%(center_id)s' has a conversion "
                                "'%(building_id)s' of its own"
                            )
                            % {"center_id": center.id, "building_id": building.id},
                        )
                    )
    return problems
