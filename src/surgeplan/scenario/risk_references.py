"""Risks and mitigations name declared sites, zones, suppliers, capabilities, items."""

from __future__ import annotations

from surgeplan.scenario.consistency import capabilities_by_site
from surgeplan.scenario.excel_words import N_
from surgeplan.scenario.model import Scenario
from surgeplan.scenario.references import Problem, _unknown
from surgeplan.scenario.speech import gettext

# Which parameters each kind of risk has, so a mitigation cannot change a missing one.
_PARAMETERS_BY_GROUP = {
    "site_disruptions": {
        "probability_per_week",
        "duration_weeks",
        "capacity_loss_share",
    },
    "cyber_incidents": {"probability_per_week", "duration_weeks"},
    "supplier_risks": {"probability_per_week", "duration_weeks", "capacity_loss_share"},
    "supplier_ramps": {"delivered_share"},
    "station_breakdowns": {"mtbf_hours", "mttr_hours"},
    "staff_opt_out": {"volunteer_share", "absence_rate"},
    "learning_uncertainty": {"learning_rate"},
}


def check_risks(scenario: Scenario) -> list[Problem]:
    """Each risk names things the scenario declares."""
    problems: list[Problem] = []
    risks = scenario.risks
    sites = {site.id: site for site in scenario.sites}
    zones = {site.network_zone for site in scenario.sites}
    suppliers = {supplier.id for supplier in scenario.suppliers}
    items = {item.id for item in scenario.items}
    capabilities = set().union(
        *capabilities_by_site(scenario, with_conversions=True).values()
    )
    for index, disruption in enumerate(risks.site_disruptions):
        if disruption.site not in sites:
            problems.append(
                (
                    f"risks.site_disruptions[{index}].site",
                    _unknown(N_("site"), disruption.site, sites),
                )
            )
    for index, incident in enumerate(risks.cyber_incidents):
        if incident.network_zone not in zones:
            problems.append(
                (
                    f"risks.cyber_incidents[{index}].network_zone",
                    _unknown(N_("network zone"), incident.network_zone, zones),
                )
            )
    for index, supplier_risk in enumerate(risks.supplier_risks):
        if supplier_risk.supplier not in suppliers:
            problems.append(
                (
                    f"risks.supplier_risks[{index}].supplier",
                    _unknown(N_("supplier"), supplier_risk.supplier, suppliers),
                )
            )
    for index, ramp in enumerate(risks.supplier_ramps):
        if ramp.supplier not in suppliers:
            problems.append(
                (
                    f"risks.supplier_ramps[{index}].supplier",
                    _unknown(N_("supplier"), ramp.supplier, suppliers),
                )
            )
    for index, breakdown in enumerate(risks.station_breakdowns):
        if breakdown.capability not in capabilities:
            problems.append(
                (
                    f"risks.station_breakdowns[{index}].capability",
                    _unknown(N_("capability"), breakdown.capability, capabilities),
                )
            )
    for index, opt_out in enumerate(risks.staff_opt_out):
        path = f"risks.staff_opt_out[{index}]"
        site = sites.get(opt_out.site)
        if site is None:
            problems.append((f"{path}.site", _unknown(N_("site"), opt_out.site, sites)))
            continue
        skills = {pool.skill for pool in site.workforce}
        if opt_out.skill not in skills:
            problems.append(
                (
                    f"{path}.skill",
                    _unknown(
                        gettext("skill at '%(site)s'") % {"site": site.id},
                        opt_out.skill,
                        skills,
                    ),
                )
            )
    for index, uncertainty in enumerate(risks.learning_uncertainty):
        if uncertainty.item not in items:
            problems.append(
                (
                    f"risks.learning_uncertainty[{index}].item",
                    _unknown(N_("item"), uncertainty.item, items),
                )
            )
    return problems


def check_mitigations(scenario: Scenario) -> list[Problem]:
    """Mitigations change parameters their risks have; combinations name mitigations."""
    problems: list[Problem] = []
    group_of_risk = {
        risk.id: group
        for group in _PARAMETERS_BY_GROUP
        for risk in getattr(scenario.risks, group)
    }
    sites = {site.id for site in scenario.sites}
    items = {item.id for item in scenario.items}
    for index, mitigation in enumerate(scenario.mitigations):
        for effect_index, effect in enumerate(mitigation.effects):
            path = f"mitigations[{index}].effects[{effect_index}]"
            group = group_of_risk.get(effect.risk)
            if group is None:
                problems.append(
                    (f"{path}.risk", _unknown(N_("risk"), effect.risk, group_of_risk))
                )
            elif effect.parameter not in _PARAMETERS_BY_GROUP[group]:
                allowed = ", ".join(sorted(_PARAMETERS_BY_GROUP[group]))
                problems.append(
                    (
                        f"{path}.parameter",
                        gettext(
                            "risk '%(risk)s' has no '%(parameter)s'; it has %(allowed)s"
                        )
                        % {
                            "risk": effect.risk,
                            "parameter": effect.parameter,
                            "allowed": allowed,
                        },
                    )
                )
            elif (
                effect.set is not None
                and effect.parameter
                in (
                    "probability_per_week",
                    "capacity_loss_share",
                    "volunteer_share",
                    "absence_rate",
                    "delivered_share",
                )
                and effect.set > 1
            ):
                problems.append(
                    (
                        f"{path}.set",
                        gettext("a share or probability is at most 1 (got %(set)s)")
                        % {"set": format(effect.set, "g")},
                    )
                )
        for stock_index, stock in enumerate(mitigation.buffer_stock):
            path = f"mitigations[{index}].buffer_stock[{stock_index}]"
            if stock.item not in items:
                problems.append(
                    (f"{path}.item", _unknown(N_("item"), stock.item, items))
                )
            if stock.site not in sites:
                problems.append(
                    (f"{path}.site", _unknown(N_("site"), stock.site, sites))
                )
    known = {mitigation.id for mitigation in scenario.mitigations}
    for index, combination in enumerate(scenario.mitigation_combinations):
        for member_index, member in enumerate(combination.mitigations):
            if member not in known:
                problems.append(
                    (
                        f"mitigation_combinations[{index}].mitigations[{member_index}]",
                        _unknown(N_("mitigation"), member, known),
                    )
                )
    return problems
