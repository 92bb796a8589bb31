"""The options of each stage, as typed objects with the defaults of `defaults`.

A stage takes one options object rather than a growing list of keywords, so that a
new option (the lead's planned `confidence` loop for the plan stage) is one field
here and leaves every caller that does not use it unchanged. The options of the risk and
scheduling stages live in modules of their own, so that planning loads neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from surgeplan.pipeline import defaults
from surgeplan.scenario.program import Language


@dataclass(frozen=True)
class PlanOptions:
    """How the planner runs."""

    time_limit_s: float = defaults.PLAN_TIME_LIMIT_S
    mip_gap: float = defaults.PLAN_MIP_GAP
    threads: int = defaults.PLAN_THREADS
    allow_core_impact: bool = False
    write_mps: Path | None = None
    confidence: tuple[float, ...] | None = None
    """Odds each key milestone must reach (several: the price of confidence, side by
    side); None: the scenario's `program.confidence`, if it sets one; (): none."""
    confidence_runs: int = defaults.CONFIDENCE_RUNS
    confidence_seed: int = defaults.CONFIDENCE_SEED
    confidence_executor: str = "local"
    """Where the search's simulations run: `local` or `dask` (as `simulate`)."""
    confidence_workers: int | None = None
    confidence_scheduler: str | None = None
    language: Language | None = None
    """The language of plan.xlsx; None: the scenario's `program.language`."""

    def confidence_targets(self, program_confidence: float | None) -> tuple[float, ...]:
        """The odds to plan to, lowest first; empty for a plan without margins."""
        if self.confidence is not None:
            return tuple(sorted(set(self.confidence)))
        return () if program_confidence is None else (program_confidence,)


@dataclass(frozen=True)
class DocumentOptions:
    """Which results a report or brief shows beside the plan."""

    plan_file: Path | None = None
    risk_file: Path | None = None
    mitigations_file: Path | None = None
    with_risk: bool = True
    """False: leave out the folder's risk.json and mitigations.json."""
    language: Language | None = None
    """The documents' language; None: the scenario's `program.language`."""
