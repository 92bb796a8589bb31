"""Checks of building conversions: every work center in it, in one decision."""

from __future__ import annotations

from surgeplan.planning.checking.violations import ConstraintFamily, Violation
from surgeplan.planning.results.plan import Plan
from surgeplan.scenario import Scenario


def check_buildings(scenario: Scenario, plan: Plan) -> list[Violation]:
    """A building converts all its work centers, starting in one bucket, or none."""
    found: list[Violation] = []
    for site in scenario.sites:
        for building in site.building_conversions:
            listed = {center.work_center for center in building.work_centers}
            started = {
                record.work_center: record.start_bucket
                for record in plan.conversions
                if record.site == site.id and record.conversion == building.id
            }
            where = f"{site.id}/{building.id}"
            if started and set(started) != listed:
                missing = ", ".join(sorted(listed - set(started)))
                found.append(
                    Violation(
                        ConstraintFamily.BUILDING, where, f"converted without {missing}"
                    )
                )
            if len(set(started.values())) > 1:
                found.append(
                    Violation(
                        ConstraintFamily.BUILDING,
                        where,
                        "its work centers start in different buckets: "
                        + ", ".join(f"{c} {b}" for c, b in sorted(started.items())),
                    )
                )
    return found
