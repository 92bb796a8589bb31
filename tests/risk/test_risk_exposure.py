"""What single risks do to a batch: incident windows, breakdowns, opt-out."""

import numpy as np
import pytest
from risk_cases import line_plan, line_scenario

from surgeplan.arrays import FloatArray
from surgeplan.risk.draws import BreakdownDraws, StaffDraws, WindowDraws
from surgeplan.risk.exposure import breakdown_impact, incident_cover, staff_impact
from surgeplan.risk.network import PlanNetwork, build_network
from surgeplan.risk.parameters import Timeline, VariantParameters
from surgeplan.risk.targets import BreakdownTargets, StaffTargets
from surgeplan.scenario.base import FixedDistribution
from surgeplan.scenario.risks import StaffOptOut, StationBreakdown

HORIZON = 6
UNCHANGED = VariantParameters(disabled=frozenset())


@pytest.fixture
def network() -> PlanNetwork:
    scenario = line_scenario(horizon=HORIZON, milestones=(("all", 5, 10),))
    return build_network(
        scenario, line_plan(scenario, {"plant": np.full(HORIZON, 5.0)})
    )


def _cover(network: PlanNetwork, starts: list[float], weeks: float) -> FloatArray:
    draws = WindowDraws(
        start=np.array([starts], dtype=np.float32),
        duration=np.zeros((1, HORIZON), dtype=np.float32),
    )
    timeline = Timeline(scale=np.ones(HORIZON), offset=np.zeros(HORIZON))
    cover: FloatArray = incident_cover(
        draws,
        np.full(HORIZON, 0.5),
        timeline,
        FixedDistribution(distribution="fixed", value=weeks),
        network,
    )[0]
    return cover


def test_an_incident_covers_whole_weeks_then_the_rest_of_the_last(
    network: PlanNetwork,
) -> None:
    cover = _cover(network, [0.9, 0.1, 0.9, 0.9, 0.9, 0.9], 2.5)

    assert cover.tolist() == [0.0, 1.0, 1.0, 0.5, 0.0, 0.0]


def test_overlapping_incidents_of_one_risk_count_once(network: PlanNetwork) -> None:
    cover = _cover(network, [0.1, 0.1, 0.9, 0.9, 0.9, 0.9], 1.5)

    assert cover.tolist() == [1.0, 1.0, 0.5, 0.0, 0.0, 0.0]


def test_breakdowns_lose_the_mean_repair_hours_on_average(network: PlanNetwork) -> None:
    risk = StationBreakdown(
        id="wear", capability="assembly", mtbf_hours=50, mttr_hours=5
    )
    operated = np.full((1, HORIZON), 400.0)
    targets = BreakdownTargets(risk, (0,), operated, np.full((1, HORIZON), 1000.0))
    normals = np.random.default_rng(1).standard_normal((20_000, 1, HORIZON))
    draws = BreakdownDraws(normal=normals.astype(np.float32))

    factor = breakdown_impact(targets, draws, UNCHANGED, network).factors[0][1]

    lost_hours = (1.0 - factor) * 1000.0
    assert lost_hours.mean() == pytest.approx(400 / 50 * 5, rel=0.02)
    assert lost_hours.var() == pytest.approx(2 * 400 / 50 * 5**2, rel=0.05)


def test_fewer_volunteers_than_planned_cap_the_qualified_people(
    network: PlanNetwork,
) -> None:
    risk = StaffOptOut(
        id="opt-out",
        site="plant",
        skill="assembler",
        volunteer_share=FixedDistribution(distribution="fixed", value=0.1),
    )
    targets = StaffTargets(
        risk=risk,
        resource=0,
        headcount=100,
        initially_qualified=5,
        qualified=np.array([0.0, 5, 10, 20, 20, 20]),
        hired=np.array([0.0, 0, 0, 0, 2, 4]),
    )
    draws = StaffDraws(volunteer=np.array([0.5]), absence=np.zeros((1, HORIZON)))

    factor = staff_impact(targets, draws, UNCHANGED, network).factors[0][1]

    assert factor[0].tolist() == pytest.approx([1.0, 1.0, 1.0, 0.5, 0.6, 0.7])
