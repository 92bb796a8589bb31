"""Fixtures for planner tests."""

from __future__ import annotations

import pytest
from planning_cases import make_scenario

from surgeplan.scenario import Scenario


@pytest.fixture
def one_line_scenario() -> Scenario:
    return make_scenario()
