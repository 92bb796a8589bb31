"""The options of the risk stages: runs, seed, recovery and where the runs execute."""

from __future__ import annotations

from dataclasses import dataclass, field

from surgeplan.pipeline import defaults
from surgeplan.risk.policy import Executor, RecoveryPolicy


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
    recovery: RecoveryOptions = field(default_factory=RecoveryOptions)
    execution: ExecutionOptions = field(default_factory=ExecutionOptions)


@dataclass(frozen=True)
class MitigationOptions:
    """How the mitigations are ranked."""

    runs: int = defaults.MITIGATION_RUNS
    seed: int = defaults.SEED
    milestone: str | None = None
    """Milestone to rank on; None: the risk stage's key milestone."""
    recovery: RecoveryOptions = field(default_factory=RecoveryOptions)
    execution: ExecutionOptions = field(default_factory=ExecutionOptions)
