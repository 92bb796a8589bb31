"""Job-shop and flexible job-shop scheduling on CP-SAT: read, solve, check.

`solve_shop` imports OR-Tools; import this package only in processes that do
not use HiGHS (see ../shared/SOLVERS.md).
"""

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
