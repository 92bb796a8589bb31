"""What the pages show of a finished run, computed once per run and audience.

A finished run's results never change, but they are large (the drone plan.json is
600 KB): parsing them, removing what a viewer may not see and building the charts
took 100-150 ms per page view. The derived view (charts, table list, the milestone
and bottleneck extracts the home page needs) is kept per (program, run, sees costs,
language) in a small per-process cache. Only the view is cached, never the decision:
every request still opens the caller's scope and fetches the run through it, and a
viewer's view is built from the documents as the store redacts them for viewers.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from surgeplan.i18n import Language, current_language
from surgeplan.service.jobs.plan_diff_result import PLAN_DIFF_RESULT
from surgeplan.store.records import ResultTableInfo, RunRecord, RunState
from surgeplan.store.result_tables import describe, tables_in
from surgeplan.store.runs import RunRepository
from surgeplan.store.scope import ProgramScope
from surgeplan.web.charts import Figure, figures
from surgeplan.web.charts_execution import status_figures

CACHED_VIEWS = 64
PLAN_EXTRACT = ("milestones", "bottlenecks")
RISK_EXTRACT = ("milestones", "key_milestones")
STATUS_EXTRACT = (
    "through_week",
    "status_date",
    "binding_item",
    "runs",
    "seed",
    "milestones",
    "forecast",
    "exceptions",
    "estimates",
)
SHOWN_DIFF_ROWS = 200
"""Rows of a re-plan's diff on its page; the table's CSV and Excel have them all."""


@dataclass(frozen=True)
class RunView:
    """A finished run as the pages show it to one audience."""

    figures: list[tuple[str, Figure]]
    tables: list[ResultTableInfo]
    plan: dict[str, Any] | None
    risk: dict[str, Any] | None
    currency: str
    status: dict[str, Any] | None = None
    """A status run's plan against actual, forecast and exceptions."""
    plan_diff: dict[str, Any] | None = None
    """A re-plan run's diff (`changes`, at most SHOWN_DIFF_ROWS; `total`; `cause`)."""


_views: OrderedDict[tuple[int, int, bool, Language], RunView] = OrderedDict()
_lock = threading.Lock()


def _extract(document: Any, keys: tuple[str, ...]) -> dict[str, Any] | None:
    if not isinstance(document, dict):
        return None
    return {key: document[key] for key in keys if key in document}


def _diff(documents: dict[str, Any]) -> dict[str, Any] | None:
    diff = documents.get(PLAN_DIFF_RESULT)
    if not isinstance(diff, dict):
        return None
    changes = diff.get("changes") or []
    change = (documents.get("plan.json") or {}).get("change") or {}
    return {
        "changes": changes[:SHOWN_DIFF_ROWS],
        "total": len(changes),
        "cause": change.get("cause", ""),
        "frozen_changes": change.get("frozen_changes") or [],
    }


def _build(documents: dict[str, Any]) -> RunView:
    plan = documents.get("plan.json")
    return RunView(
        figures=figures(documents) + status_figures(documents),
        tables=[describe(name, records) for name, records in tables_in(documents)],
        plan=_extract(plan, PLAN_EXTRACT),
        risk=_extract(documents.get("risk.json"), RISK_EXTRACT),
        currency=str((plan or {}).get("currency") or "EUR"),
        status=_extract(documents.get("status.json"), STATUS_EXTRACT),
        plan_diff=_diff(documents),
    )


def run_view(scope: ProgramScope, run_id: int) -> tuple[RunRecord, RunView]:
    """A run of the caller's program and its view for the caller's audience.

    The run is fetched through the scope first (404 outside the program, 403
    without the role), cached view or not.
    """
    repository = RunRepository(scope)
    run = repository.get(run_id)
    if run.state is not RunState.DONE:
        return run, _build(repository.results(run.id).results)
    # Charts carry their titles in the page's language: one view per language.
    key = (scope.program_id, run.id, scope.sees_costs, current_language())
    with _lock:
        found = _views.get(key)
        if found is not None:
            _views.move_to_end(key)
            return run, found
    view = _build(repository.results(run.id).results)
    with _lock:
        _views[key] = view
        while len(_views) > CACHED_VIEWS:
            _views.popitem(last=False)
    return run, view
