"""Cross-checks of the workforce terms: exceptions, crew learning and labour loans."""

from __future__ import annotations

from surgeplan.scenario.model import Scenario
from surgeplan.scenario.references import Problem
from surgeplan.scenario.sites import Site
from surgeplan.scenario.speech import gettext


def check_workforce_terms(scenario: Scenario) -> list[Problem]:
    """Every name a calendar exception, crew curve or labour loan uses is declared."""
    problems: list[Problem] = []
    items = {item.id for item in scenario.items}
    for site_index, site in enumerate(scenario.sites):
        path = f"sites[{site_index}]"
        centers = {center.id for center in site.work_centers}
        for index, exception in enumerate(site.calendar.exceptions):
            if (
                exception.work_center is not None
                and exception.work_center not in centers
            ):
                problems.append(
                    (
                        f"{path}.calendar.exceptions[{index}].work_center",
                        gettext(
                            "'%(work_center)s' is not a work center of site "
                            "'%(site_id)s'"
                        )
                        % {"work_center": exception.work_center, "site_id": site.id},
                    )
                )
        problems += _crew_problems(site, path)
        seen: set[str] = set()
        for index, learning in enumerate(site.learning):
            where = f"{path}.learning[{index}].item"
            if learning.item not in items:
                problems.append((where, f"unknown item '{learning.item}'"))
            elif learning.item in seen:
                problems.append(
                    (
                        where,
                        gettext("item '%(item)s' is listed twice")
                        % {"item": learning.item},
                    )
                )
            seen.add(learning.item)
    skills = {
        site.id: {pool.skill for pool in site.workforce} for site in scenario.sites
    }
    for index, loan in enumerate(scenario.labour_loans):
        path = f"labour_loans[{index}]"
        if loan.from_site == loan.to_site:
            problems.append(
                (f"{path}.to_site", gettext("a site cannot lend to itself"))
            )
        for field, site_id in (
            ("from_site", loan.from_site),
            ("to_site", loan.to_site),
        ):
            if site_id not in skills:
                problems.append((f"{path}.{field}", f"unknown site '{site_id}'"))
            elif loan.skill not in skills[site_id]:
                problems.append(
                    (
                        f"{path}.skill",
                        gettext(
                            "site '%(site_id)s' has no workforce pool of skill "
                            "'%(skill)s'"
                        )
                        % {"site_id": site_id, "skill": loan.skill},
                    )
                )
    return problems


def _crew_problems(site: Site, path: str) -> list[Problem]:
    """A pattern's crew is a pool of the site; the pattern it starts on has its crew."""
    problems: list[Problem] = []
    pools = {pool.skill: pool for pool in site.workforce}
    for wc_index, center in enumerate(site.work_centers):
        starting = center.starting_shift_pattern()
        starts_on = starting.id if starting else None
        for index, pattern in enumerate(center.shift_patterns):
            if pattern.crew_people == 0:
                continue
            where = f"{path}.work_centers[{wc_index}].shift_patterns[{index}]"
            pool = pools.get(pattern.crew_skill or "")
            if pool is None:
                problems.append(
                    (
                        f"{where}.crew_skill",
                        gettext(
                            "a crew of %(crew_people)s needs crew_skill, a workforce "
                            "pool of site '%(site_id)s'"
                        )
                        % {"crew_people": pattern.crew_people, "site_id": site.id},
                    )
                )
            elif starts_on == pattern.id and (
                pool.initially_qualified < pattern.crew_people
            ):
                problems.append(
                    (
                        f"{where}.crew_people",
                        gettext(
                            "the work center starts on this pattern, which needs "
                            "%(crew_people)s people qualified in %(skill)s, but only "
                            "%(initially_qualified)s are qualified at the start"
                        )
                        % {
                            "crew_people": pattern.crew_people,
                            "skill": pool.skill,
                            "initially_qualified": pool.initially_qualified,
                        },
                    )
                )
    return problems
