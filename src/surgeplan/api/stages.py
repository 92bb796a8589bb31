"""The stages as a notebook calls them: thin functions over each stage's entry point.

Each function does what the command of the same name does, without files unless it
writes documents (`report`, `brief`, `compare`). Planning and scheduling run in a
process of their own when the other solver is loaded (`solvers`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from surgeplan.api.solvers import SolverModule, call_apart_from
from surgeplan.scenario import ScenarioError, ScenarioIssue, load_scenario

if TYPE_CHECKING:
    from surgeplan.economics import BusinessCase, Sensitivity
    from surgeplan.planning.checking.checker import Violation
    from surgeplan.planning.results.plan import Plan
    from surgeplan.reporting.brief import BriefFiles
    from surgeplan.reporting.risk_view import RiskView
    from surgeplan.risk import MitigationReport, RiskReport
    from surgeplan.scenario import Scenario
    from surgeplan.scheduling import Objective, Schedule


def validate(source: str | Path) -> list[ScenarioIssue]:
    """Every problem of a scenario file, each located; empty when it is valid."""
    try:
        load_scenario(source)
    except ScenarioError as error:
        return list(error.issues)
    return []


def plan(
    scenario: Scenario,
    *,
    time_limit_s: float = 60.0,
    mip_gap: float = 1e-4,
    allow_core_impact: bool = False,
    threads: int = 2,
) -> Plan:
    """Decide what each work center makes in each bucket, and what it costs.

    Runs in a process of its own if the scheduler's solver is loaded here.

    Raises:
        ContradictoryScenarioError: core demand cannot be met even with every option.
        PlanningTimeoutError: no plan at all within the time limit.
    """
    from surgeplan.planning import plan as run

    return call_apart_from(
        SolverModule.SCHEDULER,
        run,
        scenario,
        time_limit_s=time_limit_s,
        mip_gap=mip_gap,
        allow_core_impact=allow_core_impact,
        threads=threads,
    )


def check(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Every constraint the plan breaks, recomputed from its records; empty if none."""
    from surgeplan.planning.checking.checker import check_plan

    return check_plan(scenario, plan)


def schedule(
    scenario: Scenario,
    plan: Plan | None = None,
    *,
    site: str,
    start_week: int = 1,
    weeks: int = 1,
    time_limit_s: float = 10.0,
    workers: int = 2,
    seed: int = 0,
    objective: Objective | None = None,
) -> Schedule:
    """Sequence a site's batches on its stations over program weeks (1-based).

    Without a plan, the site's share of the milestones is scheduled. Runs in a process
    of its own if the planner's solver is loaded here (after `plan()` in a notebook).

    Raises:
        ScheduleInputError: an unknown site, weeks outside the horizon, or an
            operation no station of the site can do.
    """
    from surgeplan.scheduling import Objective, schedule_site

    return call_apart_from(
        SolverModule.PLANNER,
        schedule_site,
        scenario,
        site,
        start_week,
        weeks,
        plan,
        time_limit_s=time_limit_s,
        workers=workers,
        seed=seed,
        objective=objective or Objective.TARDINESS,
    )


def report(
    scenario: Scenario,
    plan: Plan,
    out_dir: str | Path,
    *,
    risk: RiskReport | None = None,
    mitigations: MitigationReport | None = None,
    case: BusinessCase | None = None,
    sensitivity: Sensitivity | None = None,
) -> Path:
    """Write `report.html` into `out_dir`; never solves (pass what you have)."""
    from surgeplan.reporting import write_report

    return write_report(
        scenario,
        plan,
        Path(out_dir),
        case=case,
        sensitivity=sensitivity,
        risk=_risk_view(scenario, risk, mitigations),
    )


def brief(
    scenario: Scenario,
    plan: Plan,
    out_dir: str | Path,
    *,
    risk: RiskReport | None = None,
    mitigations: MitigationReport | None = None,
    case: BusinessCase | None = None,
    sensitivity: Sensitivity | None = None,
) -> BriefFiles:
    """Write the decision brief (`brief.html`, `brief.pdf`) into `out_dir`."""
    from surgeplan.reporting import write_brief

    return write_brief(
        scenario,
        plan,
        Path(out_dir),
        case=case,
        sensitivity=sensitivity,
        risk=_risk_view(scenario, risk, mitigations),
    )


def compare(
    variants: Sequence[tuple[str, Scenario, Plan]], out_dir: str | Path
) -> tuple[Path, Path]:
    """Write `compare.html` and `compare.csv` for planned variants; both paths.

    Each variant is (label, scenario, plan); its business case is computed here.
    """
    from surgeplan.reporting import Variant, write_comparison

    return write_comparison(
        [Variant.of(label, scenario, plan) for label, scenario, plan in variants],
        Path(out_dir),
    )


def load_mitigations(path: str | Path) -> MitigationReport:
    """Read a `mitigations.json` written by `surgeplan mitigate`."""
    from surgeplan.risk import MitigationReport

    return MitigationReport.model_validate_json(Path(path).read_text("utf-8"))


def _risk_view(
    scenario: Scenario,
    risk: RiskReport | None,
    mitigations: MitigationReport | None,
) -> RiskView | None:
    if risk is None:
        return None
    from surgeplan.reporting.mitigation_view import mitigation_ranking
    from surgeplan.reporting.risk_view import risk_view

    view = risk_view(risk, scenario)
    if mitigations is None:
        return view
    return replace(view, mitigations=mitigation_ranking(mitigations, scenario))
