"""The root of every error surgeplan raises on purpose.

Each stage has one base under it (`ScenarioError`, `PlanningError`, `SchedulingError`,
`RiskError`, `ReportingError`, `PipelineError`, `StoreError`), so a caller catches
one stage's refusals, or all of them, without importing a solver. This module is a
leaf: it imports nothing of ours.
"""

from __future__ import annotations


class SurgeplanError(Exception):
    """An input or a state surgeplan refuses, with a message saying what to do."""
