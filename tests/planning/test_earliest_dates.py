"""Earliest dates found beside the learning loop, and what happens when they are not."""

from __future__ import annotations

import threading
import time

import pytest

from surgeplan.planning.model.formulation import PlanningModel, build_model
from surgeplan.planning.model.index import PlanningIndex
from surgeplan.planning.model.index_build import build_index
from surgeplan.planning.model.variables import make_weights
from surgeplan.planning.solve.background import InBackground
from surgeplan.planning.solve.earliest import earliest_buckets
from surgeplan.planning.solve.learning_estimates import initial_factors
from surgeplan.scenario import Scenario


def one_line_model(scenario: Scenario) -> tuple[PlanningIndex, PlanningModel]:
    index = build_index(scenario)
    model = build_model(
        index, initial_factors(index), make_weights(index), allow_core_impact=False
    )
    return index, model


def test_the_earliest_date_of_one_line_is_its_capacity_bound(
    one_line_scenario: Scenario,
) -> None:
    # 10 units a week, 50 due: no plan has them before the end of week 5 (bucket 4).
    index, model = one_line_model(one_line_scenario)
    found = earliest_buckets(index, model, threads=2)
    assert list(found.buckets.values()) == [4]
    assert found.stopped_by_time_limit is False


def test_an_earliest_date_lp_past_its_deadline_gives_no_bound(
    one_line_scenario: Scenario,
) -> None:
    index, model = one_line_model(one_line_scenario)
    found = earliest_buckets(index, model, deadline=time.perf_counter() - 1.0)
    assert list(found.buckets.values()) == [None]
    assert found.stopped_by_time_limit is True


def test_a_stopped_earliest_date_lp_gives_no_bound(one_line_scenario: Scenario) -> None:
    index, model = one_line_model(one_line_scenario)
    stop = threading.Event()
    stop.set()
    assert list(earliest_buckets(index, model, stop=stop).buckets.values()) == [None]


def test_a_background_call_hands_back_its_value_and_its_error() -> None:
    release = threading.Event()
    waiting = InBackground("test", lambda: release.wait(5.0) and 42)
    assert waiting.wait(0.01) is False
    release.set()
    assert waiting.result() == 42

    def fail() -> int:
        raise ValueError("bad model")

    with pytest.raises(ValueError, match="bad model"):
        InBackground("failing", fail).result()
