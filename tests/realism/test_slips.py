"""The slips of real programs against their first schedule, shipped to the simulation.

Hand-checked: GM and Ventec promised 6,132 by 1 June 2020, 76 days after the first
calls of 17 March; the count rose from about 3,000 on 5 June to 20,000 on 12 August,
so 6,132 was reached 12 days after 5 June (3,132 of 17,000 over 68 days, whole days):
92 days, a ratio of 92/76 = 1.2105. Ford and GE promised 50,000 by 13 July (105
days after 30 March) and shipped the last on 28 August (151 days): 1.4381.
"""

from __future__ import annotations

from importlib import resources

import pytest

from surgeplan.realism.reference import load_reference_class
from surgeplan.realism.slips import reference_slips, slips_document


def test_a_missed_milestone_is_dated_from_the_published_counts() -> None:
    slips = {
        (s.program, s.due.isoformat()): s
        for s in reference_slips(load_reference_class())
    }

    gm = slips[("gm-ventec-2020", "2020-06-01")]
    ford = slips[("ford-ge-2020", "2020-07-13")]

    assert gm.ratio == pytest.approx(92 / 76, abs=1e-4)
    assert not gm.is_lower_bound
    assert ford.ratio == pytest.approx(151 / 105, abs=1e-4)


def test_a_met_milestone_counts_as_no_slip() -> None:
    slips = reference_slips(load_reference_class())

    full_order = next(s for s in slips if s.due.isoformat() == "2020-08-31")

    assert full_order.ratio == 1.0


def test_a_target_never_reached_on_record_gives_a_lower_bound() -> None:
    slips = [
        s
        for s in reference_slips(load_reference_class())
        if s.program == "us-155mm-2022"
    ]

    # October 2024 and April 2025 were not reached by June 2025, the last figure;
    # October 2025 lies after it and says nothing.
    assert [s.due.isoformat() for s in slips] == ["2024-10-31", "2025-04-30"]
    assert all(s.is_lower_bound for s in slips)
    assert all(s.ratio > 1.0 for s in slips)


def test_every_slip_cites_a_source_of_the_reference_class() -> None:
    reference = load_reference_class()
    known = {source.id for source in reference.sources}

    assert {slip.source for slip in reference_slips(reference)} <= known


def test_the_simulation_ships_exactly_the_slips_derived_here() -> None:
    shipped = (
        resources.files("surgeplan.risk")
        .joinpath("reference_slips.yaml")
        .read_text("utf-8")
    )

    assert shipped == slips_document(reference_slips(load_reference_class())), (
        "regenerate: python -m surgeplan.realism.slips > "
        "src/surgeplan/risk/reference_slips.yaml"
    )
