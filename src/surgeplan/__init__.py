"""surgeplan: plan a manufacturing surge, from scenario to decision brief.

The public Python API is imported lazily: `import surgeplan` loads no solver, because
HiGHS (planning) and OR-Tools (scheduling) cannot share one process.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_LAZY_API = {
    "load_scenario": "surgeplan.scenario",
    "Scenario": "surgeplan.scenario",
    "ScenarioError": "surgeplan.scenario",
    "plan": "surgeplan.planning",
    "Plan": "surgeplan.planning",
    "schedule": "surgeplan.scheduling",
    "simulate": "surgeplan.risk",
}

__all__ = [*sorted(_LAZY_API), "__version__"]


def __getattr__(name: str) -> Any:
    module_name = _LAZY_API.get(name)
    if module_name is None:
        raise AttributeError(f"module 'surgeplan' has no attribute {name!r}")
    return getattr(importlib.import_module(module_name), name)
