"""The service starts without the heavy libraries of the planning stages."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("numpy", "pandas", "highspy", "plotly", "openpyxl", "ortools")


def test_importing_the_service_app_loads_no_solver_or_dataframe_library():
    probe = (
        "import sys, uvicorn, surgeplan.service.app; "
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    )

    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()

    assert loaded == []
