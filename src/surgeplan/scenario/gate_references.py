"""Gates name declared items and sites, and ids no risk uses."""

from __future__ import annotations

from surgeplan.scenario.excel_words import N_
from surgeplan.scenario.model import Scenario
from surgeplan.scenario.references import Problem, _unknown
from surgeplan.scenario.speech import gettext


def check_gates(scenario: Scenario) -> list[Problem]:
    """Each gate names a declared item and sites, under an id of its own."""
    problems: list[Problem] = []
    items = {item.id for item in scenario.items}
    sites = {site.id for site in scenario.sites}
    # A gate draws its delay from the stream named by its id, as risks do.
    taken = set(scenario.risks.all_ids())
    for index, gate in enumerate(scenario.gates):
        path = f"gates[{index}]"
        if gate.id in taken:
            problems.append(
                (
                    f"{path}.id",
                    gettext("id '%(gate_id)s' is already used") % {"gate_id": gate.id},
                )
            )
        taken.add(gate.id)
        if gate.item not in items:
            problems.append((f"{path}.item", _unknown(N_("item"), gate.item, items)))
        for site_index, site in enumerate(gate.sites):
            if site not in sites:
                problems.append(
                    (f"{path}.sites[{site_index}]", _unknown(N_("site"), site, sites))
                )
    return problems
