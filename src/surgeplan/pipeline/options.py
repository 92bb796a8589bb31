"""The options of each stage, as typed objects with the defaults of `defaults`.

A stage takes one options object rather than a growing list of keywords, so that a
new option (the lead's planned `confidence` loop for the plan stage) is one field
here and leaves every caller that does not use it unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from surgeplan.pipeline import defaults
from surgeplan.risk.policy import Executor, RecoveryPolicy
from surgeplan.scheduling.site.result import Objective


@dataclass(frozen=True)
class PlanOptions:
    """How the planner runs."""

    time_limit_s: float = defaults.PLAN_TIME_LIMIT_S
    mip_gap: float = defaults.PLAN_MIP_GAP
    threads: int = defaults.PLAN_THREADS
    allow_core_impact: bool = False
    write_mps: Path | None = None


@dataclass(frozen=True)
class ExecutionOptions:
    """Where the simulated runs execute; the results do not depend on it."""

    executor: Executor = Executor.LOCAL
    workers: int | None = None
    """Worker processes (None: one per core)."""
    scheduler: str | None = None
    batch_runs: int = defaults.BATCH_RUNS


@dataclass(frozen=True)
class RecoveryOptions:
    """What the program does when a week makes less than the plan."""

    reaction_delay_weeks: float = defaults.REACTION_DELAY_WEEKS
    is_recovering: bool = True

    def policy(self) -> RecoveryPolicy:
        """The risk stage's policy for these options."""
        if not self.is_recovering:
            return RecoveryPolicy.none()
        return RecoveryPolicy(reaction_delay_weeks=self.reaction_delay_weeks)


@dataclass(frozen=True)
class SimulationOptions:
    """How many runs, on which seed, and whether to measure each risk's share."""

    runs: int = defaults.SIMULATION_RUNS
    seed: int = defaults.SEED
    with_contributions: bool = True
    contribution_runs: int = defaults.CONTRIBUTION_RUNS
    recovery: RecoveryOptions = RecoveryOptions()
    execution: ExecutionOptions = ExecutionOptions()


@dataclass(frozen=True)
class MitigationOptions:
    """How the mitigations are ranked."""

    runs: int = defaults.MITIGATION_RUNS
    seed: int = defaults.SEED
    milestone: str | None = None
    """Milestone to rank on; None: the risk stage's key milestone."""
    recovery: RecoveryOptions = RecoveryOptions()
    execution: ExecutionOptions = ExecutionOptions()


@dataclass(frozen=True)
class ScheduleOptions:
    """Which site and weeks to schedule, and how CP-SAT runs."""

    site: str
    start_week: int
    weeks: int = defaults.SCHEDULE_WEEKS
    time_limit_s: float = defaults.SCHEDULE_TIME_LIMIT_S
    threads: int = defaults.SCHEDULE_THREADS
    seed: int = defaults.SEED
    objective: Objective = Objective.TARDINESS
    deterministic_time: float | None = None


@dataclass(frozen=True)
class DocumentOptions:
    """Which results a report or brief shows beside the plan."""

    plan_file: Path | None = None
    risk_file: Path | None = None
    mitigations_file: Path | None = None
    with_risk: bool = True
    """False: leave out the folder's risk.json and mitigations.json."""
