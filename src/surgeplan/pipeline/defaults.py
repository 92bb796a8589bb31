"""Every default of a run, in one place: the CLI, the service and the demo read them.

The service used to simulate 1,000 runs with seed 1 while the command line used 10,000
with seed 7; a default that lives here cannot drift like that again. Library functions
(`surgeplan.risk.simulate`, `surgeplan.planning.plan`) keep keyword defaults of their
own for the Python API; the pipeline always passes the values below explicitly.
This module imports nothing, so that `surgeplan plan` does not load the simulation.
"""

from __future__ import annotations

from typing import Final

SEED: Final = 7
"""Seed of every random draw (simulation, mitigations) and of CP-SAT."""

PLAN_TIME_LIMIT_S: Final = 60.0
PLAN_MIP_GAP: Final = 1e-4
PLAN_THREADS: Final = 2
"""HiGHS threads; the machines this runs on have two cores (SOLVERS.md)."""

CONFIDENCE_RUNS: Final = 2_000
"""Runs each plan of a confidence search is judged on (`plan --confidence`)."""
CONFIDENCE_SEED: Final = 11
"""Another seed than the simulation's, so that `simulate` checks the search's plan on
runs the search never saw."""

SIMULATION_RUNS: Final = 10_000
CONTRIBUTION_RUNS: Final = 2_000
"""Runs (the first ones) on which each risk is switched off in turn."""
MITIGATION_RUNS: Final = 2_000
"""Each mitigation is one more execution of every run: fewer runs than the odds."""
BATCH_RUNS: Final = 1_000
"""Runs per batch: results depend on the seed and this, never on the workers."""
REACTION_DELAY_WEEKS: Final = 2.0

SENSITIVITY_CHANGE: Final = 0.2
"""Each key input is moved down and up by this share for the tornado chart."""

SCHEDULE_TIME_LIMIT_S: Final = 10.0
SCHEDULE_THREADS: Final = 2
SCHEDULE_WEEKS: Final = 1
