"""The drone example's key figures from a run folder, rounded for a golden file.

`regenerate.py` writes them to `uav-surge.json`; `test_golden_example.py` compares a
fresh run with it. Money is rounded to the euro and odds to 1e-4 (a share of 10,000
simulated runs is exact at that step), so a change in results shows, float noise not.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from surgeplan.planning import load_plan
from surgeplan.risk import load_risk_report

REPOSITORY = Path(__file__).resolve().parents[2]
EXAMPLE = REPOSITORY / "examples" / "uav-surge.yaml"
GOLDEN_FILE = Path(__file__).with_name("uav-surge.json")

Figures = dict[str, Any]


def run_example(folder: Path) -> None:
    """`surgeplan run` on the drone example with its defaults, in a process of its own.

    A process of its own: the run loads HiGHS, which a test process must not share with
    OR-Tools (../shared/SOLVERS.md), and the figures are those a user gets.
    """
    subprocess.run(
        [
            sys.executable,
            "-m",
            "surgeplan.cli",
            "run",
            str(EXAMPLE),
            "--out",
            str(folder),
        ],
        check=True,
        capture_output=True,
        text=True,
    )


def money(amount_eur: float) -> int:
    """To the euro."""
    return round(amount_eur)


def odds(probability: float) -> float:
    """To 1e-4."""
    return round(probability, 4)


def day(date: object) -> str | None:
    """ISO date, or None when there is none (never met, beyond the horizon)."""
    return None if date is None else str(date)


def plan_figures(folder: Path) -> Figures:
    """Cost, units, each milestone's met date, the tightest bottleneck (plan.json)."""
    plan = load_plan(folder / "plan.json")
    bottleneck = plan.tightest_bottleneck
    return {
        "total_cost_eur": money(plan.total_cost_eur),
        # Whole units: the LP's fractions are not results people read.
        "units_delivered": round(plan.units_delivered),
        "met_date_by_milestone": {m.id: day(m.met_date) for m in plan.milestones},
        "tightest_bottleneck": None
        if bottleneck is None
        else {
            "kind": str(bottleneck.kind),
            "site": bottleneck.site,
            "resource": bottleneck.resource,
        },
    }


def confidence_figures(folder: Path) -> Figures | None:
    """The confidence record of plan.json: target, whether reached, each key odds."""
    record = load_plan(folder / "plan.json").confidence
    if record is None:
        return None
    return {
        "target": odds(record.target),
        "is_reached": record.is_reached,
        "odds_by_key_milestone": {
            m.milestone: odds(m.probability_on_time)
            for m in record.milestones
            if m.is_key
        },
    }


def risk_figures(folder: Path) -> Figures:
    """Each key milestone's odds of being on time, its P50 and P90 dates (risk.json)."""
    report = load_risk_report(folder / "risk.json")
    figures: Figures = {}
    for milestone_id in report.key_milestones:
        milestone = report.milestone(milestone_id)
        date_by_quantile = {r.quantile: r.date for r in milestone.reached}
        figures[milestone_id] = {
            "probability_on_time": odds(milestone.probability_on_time),
            "p50_date": day(date_by_quantile.get(0.5)),
            "p90_date": day(date_by_quantile.get(0.9)),
        }
    return figures


def business_case_figures(folder: Path) -> Figures:
    """The business case's NPV (business-case.json)."""
    content = json.loads((folder / "business-case.json").read_text("utf-8"))
    return {"npv_eur": money(content["npv_eur"])}


def key_figures(folder: Path) -> Figures:
    """Every key figure of a run folder of the drone example, by section."""
    return {
        "plan": plan_figures(folder),
        "confidence": confidence_figures(folder),
        "risk": risk_figures(folder),
        "business_case": business_case_figures(folder),
    }


def golden_text(figures: Figures) -> str:
    """The golden file's text: sorted keys, so a change is a readable diff."""
    return json.dumps(figures, indent=2, sort_keys=True) + "\n"


def read_golden() -> Figures:
    """The committed key figures."""
    figures: Figures = json.loads(GOLDEN_FILE.read_text("utf-8"))
    return figures
