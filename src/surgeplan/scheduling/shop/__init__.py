"""Job-shop and flexible job-shop scheduling on CP-SAT: read, solve, check.

Importing this package does not import OR-Tools; `solve_shop` does, on first
use. HiGHS and OR-Tools cannot share a process, so call it only in processes
that have not loaded HiGHS.
"""

from typing import TYPE_CHECKING

from surgeplan.scheduling.shop.checker import check_shop_solution
from surgeplan.scheduling.shop.instance import (
    Alternative,
    Job,
    Operation,
    OperationRef,
    ShopInstance,
)
from surgeplan.scheduling.shop.parsers import (
    ShopFormat,
    ShopFormatError,
    detect_format,
    parse_fjsp,
    parse_jsp,
    read_shop_instance,
)
from surgeplan.scheduling.shop.solution import (
    ScheduledOperation,
    ShopSolution,
    ShopStatistics,
    ShopStatus,
)

if TYPE_CHECKING:
    from surgeplan.scheduling.shop.solve import solve_shop

__all__ = [
    "Alternative",
    "Job",
    "Operation",
    "OperationRef",
    "ScheduledOperation",
    "ShopFormat",
    "ShopFormatError",
    "ShopInstance",
    "ShopSolution",
    "ShopStatistics",
    "ShopStatus",
    "check_shop_solution",
    "detect_format",
    "parse_fjsp",
    "parse_jsp",
    "read_shop_instance",
    "solve_shop",
]


def __getattr__(name: str) -> object:
    # OR-Tools loads only when the solver is first asked for.
    if name == "solve_shop":
        from surgeplan.scheduling.shop.solve import solve_shop

        return solve_shop
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
