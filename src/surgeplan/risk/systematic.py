"""Systematic risks: always-on shortfalls, what the plan assumes against the scenario.

An incident may or may not happen in a run; opt-out, absences, a slower learning rate
and breakdowns act in every run. The planner plans on one value of each (the pool's
volunteer share, no absence, the item's learning rate, an efficiency that covers
planned losses only), so where the scenario expects worse, the plan is late by design
and no recovery policy makes up for it. Naming them says why the odds sit below the
plan before any incident is blamed.
"""

from __future__ import annotations

import numpy as np

from surgeplan.risk.draws import AnyDistribution, quantile
from surgeplan.risk.reference_prior import (
    REFERENCE_PRIOR_ID,
    has_own_programme_delay,
    reference_slip_ratios,
    slip_quantile,
)
from surgeplan.risk.report import SystematicRisk
from surgeplan.risk.targets import RiskKind
from surgeplan.scenario import Scenario
from surgeplan.scenario.base import FixedDistribution, LognormalDistribution
from surgeplan.scenario.reference_prior import ReferencePrior
from surgeplan.scenario.supply import SupplierRamp
from surgeplan.scenario.supply_ramps import planned_delay_and_share

# Lognormal spreads are stated as P10-P90: the distribution has no finite bounds.
LOGNORMAL_RANGE = (0.1, 0.9)
# Below this difference a plan and a scenario agree (shares and rates are rounded).
AGREEMENT = 1e-9
EN_DASH = "\N{EN DASH}"


def spread(distribution: AnyDistribution) -> tuple[float, float, float]:
    """Low, mean and high of a distribution (P10 and P90 for a lognormal)."""
    if isinstance(distribution, FixedDistribution):
        value = float(distribution.value)
        return value, value, value
    if isinstance(distribution, LognormalDistribution):
        low, high = quantile(distribution, np.array(LOGNORMAL_RANGE))
        mean = distribution.median * np.exp(distribution.sigma**2 / 2.0)
        return float(low), float(mean), float(high)
    low, high = quantile(distribution, np.array([0.0, 1.0]))
    # The mean of any distribution is the integral of its inverse CDF; a fine grid
    # of midpoints is exact enough for a sentence and needs no formula per kind.
    grid = (np.arange(4096) + 0.5) / 4096
    return float(low), float(np.mean(quantile(distribution, grid))), float(high)


def _percent(share: float) -> str:
    return f"{100 * share:.3g} %"


def _verdict(is_optimistic: bool, is_cautious: bool) -> str:
    if is_optimistic:
        return "the plan is optimistic by design"
    if is_cautious:
        return "the plan is cautious"
    return "the plan assumes what the scenario expects"


def _entry(
    risk: str,
    kind: RiskKind,
    parameter: str,
    where: str,
    plan_assumes: float,
    expected: tuple[float, float, float],
    *,
    higher_is_worse: bool,
    wording: tuple[str, str],
) -> SystematicRisk:
    """One comparison; `wording` is how the plan's value and the range are said."""
    low, mean, high = expected
    worse_by = (mean - plan_assumes) if higher_is_worse else (plan_assumes - mean)
    is_optimistic = worse_by > AGREEMENT
    assumed, range_text = wording
    statement = (
        f"{risk}: the plan assumes {assumed}; the scenario expects {range_text}: "
        f"{_verdict(is_optimistic, worse_by < -AGREEMENT)}"
    )
    return SystematicRisk(
        risk=risk,
        kind=kind,
        parameter=parameter,
        where=where,
        plan_assumes=plan_assumes,
        expected_low=low,
        expected_mean=mean,
        expected_high=high,
        is_optimistic=is_optimistic,
        statement=statement,
    )


def _range(low: float, mean: float, high: float) -> str:
    if high - low <= AGREEMENT:
        return _percent(mean)
    return f"{_percent(low)}{EN_DASH}{_percent(high)} (mean {_percent(mean)})"


def _ramp_entries(ramp: SupplierRamp) -> list[SystematicRisk]:
    """A supplier ramp's start delay and delivered share against what is planned."""
    delay, share = planned_delay_and_share(ramp)
    low, mean, high = spread(ramp.delivered_share)
    low, mean, high = min(low, 1.0), min(mean, 1.0), min(high, 1.0)
    delay_low, delay_mean, delay_high = spread(ramp.start_delay_weeks)
    delay_range = (
        f"{delay_mean:.3g} weeks"
        if delay_high - delay_low <= AGREEMENT
        else f"{delay_low:.3g}{EN_DASH}{delay_high:.3g} weeks (mean {delay_mean:.3g})"
    )
    return [
        _entry(
            ramp.id,
            RiskKind.SUPPLIER_RAMP,
            "start_delay_weeks",
            ramp.supplier,
            delay,
            (delay_low, delay_mean, delay_high),
            higher_is_worse=True,
            wording=(
                f"the ramp of {ramp.supplier} starts {delay:.3g} weeks late",
                delay_range,
            ),
        ),
        _entry(
            ramp.id,
            RiskKind.SUPPLIER_RAMP,
            "delivered_share",
            ramp.supplier,
            share,
            (low, mean, high),
            higher_is_worse=False,
            wording=(
                f"{ramp.supplier} delivers {_percent(share)} of its promise",
                _range(low, mean, high),
            ),
        ),
    ]


def _delay_entries(scenario: Scenario) -> list[SystematicRisk]:
    """Gates and building conversions the plan takes as on time, drawn late."""
    delayed: list[tuple[str, RiskKind, str, AnyDistribution]] = [
        (gate.id, RiskKind.GATE, f"gate of {gate.item}", gate.delay_weeks)
        for gate in scenario.gates
        if gate.delay_weeks is not None
    ]
    delayed += [
        (building.id, RiskKind.BUILDING_DELAY, site.id, building.delay_weeks)
        for site in scenario.sites
        for building in site.building_conversions
        if building.delay_weeks is not None
    ]
    found = []
    for risk_id, kind, where, distribution in delayed:
        low, mean, high = spread(distribution)
        found.append(
            _entry(
                risk_id,
                kind,
                "delay_weeks",
                where,
                0.0,
                (low, mean, high),
                higher_is_worse=True,
                wording=(
                    f"{risk_id} is done on its date",
                    f"{low:.3g}{EN_DASH}{high:.3g} weeks late (mean {mean:.3g})",
                ),
            )
        )
    return found


def _prior_entries(scenario: Scenario) -> list[SystematicRisk]:
    """The reference prior: the plan runs to its schedule, real programs slipped."""
    if scenario.risks.reference_prior is ReferencePrior.NONE:
        return []
    if has_own_programme_delay(scenario):
        return []
    ratios = np.array(reference_slip_ratios())
    grid = (np.arange(4096) + 0.5) / 4096
    low, high = float(ratios[0]), float(ratios[-1])
    mean = float(np.mean(slip_quantile(ratios, grid)))
    return [
        _entry(
            REFERENCE_PRIOR_ID,
            RiskKind.REFERENCE_PRIOR,
            "slip_ratio",
            "programme",
            1.0,
            (low, mean, high),
            higher_is_worse=True,
            wording=(
                "the programme keeps its first schedule",
                f"slips of real programs of {low:.3g}{EN_DASH}{high:.3g} times the "
                f"promised weeks (mean {mean:.3g})",
            ),
        )
    ]


def systematic_risks(scenario: Scenario) -> list[SystematicRisk]:
    """Every always-on shortfall of the scenario's risks, in the scenario's order."""
    found: list[SystematicRisk] = []
    risks = scenario.risks
    for opt_out in risks.staff_opt_out:
        pool = next(
            p for p in scenario.site(opt_out.site).workforce if p.skill == opt_out.skill
        )
        where = f"{opt_out.site}/{opt_out.skill}"
        low, mean, high = spread(opt_out.volunteer_share)
        found.append(
            _entry(
                opt_out.id,
                RiskKind.STAFF_OPT_OUT,
                "volunteer_share",
                where,
                pool.volunteer_share,
                (low, mean, high),
                higher_is_worse=False,
                wording=(
                    f"{_percent(pool.volunteer_share)} of the {where} headcount "
                    "volunteer",
                    _range(low, mean, high),
                ),
            )
        )
        if opt_out.absence_rate > 0.0:
            rate = opt_out.absence_rate
            found.append(
                _entry(
                    opt_out.id,
                    RiskKind.STAFF_OPT_OUT,
                    "absence_rate",
                    where,
                    0.0,
                    (rate, rate, rate),
                    higher_is_worse=True,
                    wording=(
                        f"no absence in {where}",
                        f"{_percent(rate)} absent each week",
                    ),
                )
            )
    for uncertainty in risks.learning_uncertainty:
        item = scenario.item(uncertainty.item)
        low, mean, high = spread(uncertainty.learning_rate)
        found.append(
            _entry(
                uncertainty.id,
                RiskKind.LEARNING,
                "learning_rate",
                item.id,
                item.learning_rate,
                (low, mean, high),
                # A higher learning rate learns more slowly (fewer hours saved).
                higher_is_worse=True,
                wording=(
                    f"a learning rate of {_percent(item.learning_rate)} for {item.id}",
                    _range(low, mean, high) + " (a higher rate learns more slowly)",
                ),
            )
        )
    for ramp in risks.supplier_ramps:
        found.extend(_ramp_entries(ramp))
    found.extend(_delay_entries(scenario))
    found.extend(_prior_entries(scenario))
    for breakdown in risks.station_breakdowns:
        share = breakdown.mttr_hours / breakdown.mtbf_hours
        found.append(
            _entry(
                breakdown.id,
                RiskKind.STATION_BREAKDOWN,
                "breakdown_hours_share",
                breakdown.capability,
                0.0,
                (share, share, share),
                higher_is_worse=True,
                wording=(
                    f"its efficiency covers every loss of {breakdown.capability} "
                    "stations",
                    f"repairs to take {_percent(share)} of the hours operated on "
                    "top (MTTR / MTBF)",
                ),
            )
        )
    return found
