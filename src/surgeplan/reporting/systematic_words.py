"""A systematic risk's sentence in the document's language.

`risk.json` states each always-on shortfall in English (`SystematicRisk.statement`,
from `risk.systematic`); the documents say it again here from its figures, in the
language in force. In English the sentence reads exactly as risk.json has it (a
test holds them equal on the drone example).
"""

from __future__ import annotations

from surgeplan.i18n import current_language, gettext
from surgeplan.risk.report import SystematicRisk
from surgeplan.risk.targets import RiskKind

# As risk.systematic: below this difference a plan and a scenario agree.
AGREEMENT = 1e-9
EN_DASH = "\N{EN DASH}"
# Parameters where a higher value is worse for the plan.
HIGHER_IS_WORSE = {
    "absence_rate",
    "learning_rate",
    "start_delay_weeks",
    "delay_weeks",
    "breakdown_hours_share",
}


def risk_kind_name(kind: RiskKind) -> str:
    """What a risk does, in a word or two (English keeps the kind's id)."""
    return {
        RiskKind.SITE_DISRUPTION: gettext("site_disruption"),
        RiskKind.CYBER_OT: gettext("cyber_ot"),
        RiskKind.CYBER_IT: gettext("cyber_it"),
        RiskKind.SUPPLIER_FAILURE: gettext("supplier_failure"),
        RiskKind.SUPPLIER_DELAY: gettext("supplier_delay"),
        RiskKind.SUPPLIER_RAMP: gettext("supplier_ramp"),
        RiskKind.GATE: gettext("gate"),
        RiskKind.BUILDING_DELAY: gettext("building_delay"),
        RiskKind.STATION_BREAKDOWN: gettext("station_breakdown"),
        RiskKind.STAFF_OPT_OUT: gettext("staff_opt_out"),
        RiskKind.LEARNING: gettext("learning"),
        RiskKind.REFERENCE_PRIOR: gettext("reference_prior"),
    }[kind]


def _figure(value: float) -> str:
    """Three significant digits, with the language's decimal sign."""
    text = f"{value:.3g}"
    return text if current_language().value == "en" else text.replace(".", ",")


def _percent(share: float) -> str:
    return gettext("{figure} %").format(figure=_figure(100 * share))


def _share_range(entry: SystematicRisk) -> str:
    low, mean, high = entry.expected_low, entry.expected_mean, entry.expected_high
    if high - low <= AGREEMENT:
        return _percent(mean)
    return gettext("{low}{dash}{high} (mean {mean})").format(
        low=_percent(low), dash=EN_DASH, high=_percent(high), mean=_percent(mean)
    )


def _weeks_range(entry: SystematicRisk) -> str:
    low, mean, high = entry.expected_low, entry.expected_mean, entry.expected_high
    if entry.parameter == "delay_weeks":
        return gettext("{low}{dash}{high} weeks late (mean {mean})").format(
            low=_figure(low), dash=EN_DASH, high=_figure(high), mean=_figure(mean)
        )
    if high - low <= AGREEMENT:
        return gettext("{mean} weeks").format(mean=_figure(mean))
    return gettext("{low}{dash}{high} weeks (mean {mean})").format(
        low=_figure(low), dash=EN_DASH, high=_figure(high), mean=_figure(mean)
    )


def _wording(entry: SystematicRisk) -> tuple[str, str] | None:
    """What the plan assumes and what the scenario expects; None: unknown kind."""
    assumed = entry.plan_assumes
    where = entry.where
    match entry.parameter:
        case "volunteer_share":
            return (
                gettext("{share} of the {pool} headcount volunteer").format(
                    share=_percent(assumed), pool=where
                ),
                _share_range(entry),
            )
        case "absence_rate":
            return (
                gettext("no absence in {pool}").format(pool=where),
                gettext("{share} absent each week").format(
                    share=_percent(entry.expected_mean)
                ),
            )
        case "learning_rate":
            return (
                gettext("a learning rate of {rate} for {item}").format(
                    rate=_percent(assumed), item=where
                ),
                gettext("{range} (a higher rate learns more slowly)").format(
                    range=_share_range(entry)
                ),
            )
        case "start_delay_weeks":
            return (
                gettext("the ramp of {supplier} starts {weeks} weeks late").format(
                    supplier=where, weeks=_figure(assumed)
                ),
                _weeks_range(entry),
            )
        case "delivered_share":
            return (
                gettext("{supplier} delivers {share} of its promise").format(
                    supplier=where, share=_percent(assumed)
                ),
                _share_range(entry),
            )
        case "delay_weeks":
            return (
                gettext("{risk} is done on its date").format(risk=entry.risk),
                _weeks_range(entry),
            )
        case "breakdown_hours_share":
            return (
                gettext(
                    "its efficiency covers every loss of {capability} stations"
                ).format(capability=where),
                gettext(
                    "repairs to take {share} of the hours operated on top (MTTR / MTBF)"
                ).format(share=_percent(entry.expected_mean)),
            )
    return None


def systematic_statement(entry: SystematicRisk) -> str:
    """The comparison in one sentence; risk.json's own for a kind not known here."""
    wording = _wording(entry)
    if wording is None:
        return entry.statement
    worse_by = entry.expected_mean - entry.plan_assumes
    if entry.parameter not in HIGHER_IS_WORSE:
        worse_by = -worse_by
    if worse_by > AGREEMENT:
        verdict = gettext("the plan is optimistic by design")
    elif worse_by < -AGREEMENT:
        verdict = gettext("the plan is cautious")
    else:
        verdict = gettext("the plan assumes what the scenario expects")
    assumed, expected = wording
    return gettext(
        "{risk}: the plan assumes {assumed}; the scenario expects {expected}: {verdict}"
    ).format(risk=entry.risk, assumed=assumed, expected=expected, verdict=verdict)
