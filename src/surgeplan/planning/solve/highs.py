"""Hand a built model to HiGHS and read back the solution.

HiGHS's interior-point solver HiPO is used for large models (../shared/SOLVERS.md:
the default dual simplex does not finish on the planner's LPs of 190,000 nonzeros and
more); smaller models go to dual simplex, whose learning LPs start from the previous
basis. Measured on the generated M scenario (101,554 nonzeros): the whole planning run
took 24 s of CPU with dual simplex against 40 s with HiPO, which cannot warm-start.
"""

from __future__ import annotations

import atexit
import contextlib
import math
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import highspy
import numpy as np
import numpy.typing as npt

from surgeplan.arrays import FloatArray
from surgeplan.planning.model.builder import ColumnwiseMatrix, ModelBuilder, lp_names
from surgeplan.planning.results.plan import SolveStatus

Progress = Callable[[str], None]
IPM_NONZEROS = 150_000
# A stopped MILP ends at HiGHS's next check of its flag: seconds, not minutes.
STOPPING_SOLVE_WAIT_S = 30.0


@dataclass
class SolveResult:
    """What one HiGHS run gave."""

    status: SolveStatus
    columns: FloatArray
    row_duals: FloatArray | None
    row_activity: FloatArray
    objective: float
    mip_gap: float | None
    seconds: float
    variables: int
    constraints: int
    nonzeros: int
    basis: highspy.HighsBasis | None = None
    # The MILP's proven lower bound on the objective (None for an LP or no bound).
    mip_bound: float | None = None
    # Reduced costs: a limit written as a column's bound (a purchase within a single
    # site's supplier capacity) shows its price here, not in a row's dual.
    column_duals: FloatArray | None = None


@dataclass(frozen=True)
class WorkLimits:
    """Deterministic limits on a MILP's search: counts of HiGHS's own steps.

    They, not the wall clock, decide where a whole-number search ends, so the same
    model gives the same plan on a quiet and on a loaded machine.
    """

    max_nodes: int
    max_stall_nodes: int


def _new_highs() -> highspy.Highs:
    """A HiGHS instance (its constructor is the one highspy call without types)."""
    return highspy.Highs()  # type: ignore[no-untyped-call]


def highs_version() -> str:
    """The HiGHS version in use."""
    return str(_new_highs().version())


def solve_model(
    builder: ModelBuilder,
    *,
    integer: bool,
    fixed_columns: dict[int, float] | None = None,
    time_limit_s: float,
    mip_gap: float,
    threads: int,
    progress: Progress | None = None,
    start: FloatArray | None = None,
    basis: highspy.HighsBasis | None = None,
    stop: threading.Event | None = None,
    work_limits: WorkLimits | None = None,
    simplex: bool = False,
) -> SolveResult:
    """Solve the model as a MILP (`integer`) or as an LP, integers fixed or relaxed.

    `fixed_columns` holds decisions already taken (column -> value); `start` is a
    feasible plan the MILP starts from; `basis`, from an earlier LP solve of the same
    shape, warm-starts a small LP; setting `stop` ends the solve early (a MILP keeps
    its best plan). `work_limits` bound a MILP's search; `time_limit_s` is then only
    a backstop, and a result it stopped has the status TIME_LIMIT. `simplex` asks for
    dual simplex whatever the model's size (a `basis` then warm-starts it).
    """
    lower, upper, cost, is_integer = builder.column_arrays()
    if fixed_columns:
        columns = np.fromiter(fixed_columns.keys(), dtype=np.int64)
        values = np.fromiter(fixed_columns.values(), dtype=float)
        lower[columns] = values
        upper[columns] = values
    matrix = builder.matrix()
    highs = _new_highs()
    highs.setOptionValue("output_flag", False)
    _use_threads(threads)
    highs.setOptionValue("threads", threads)
    highs.setOptionValue("time_limit", float(time_limit_s))
    highs.setOptionValue("random_seed", 0)
    uses_integers = integer and bool(is_integer.any())
    large = matrix.nnz >= IPM_NONZEROS and not simplex
    if uses_integers:
        highs.setOptionValue("mip_rel_gap", mip_gap)
        if work_limits is not None:
            highs.setOptionValue("mip_max_nodes", work_limits.max_nodes)
            highs.setOptionValue("mip_max_stall_nodes", work_limits.max_stall_nodes)
        if large:
            highs.setOptionValue("mip_lp_solver", "ipm")
            highs.setOptionValue("mip_ipm_solver", "hipo")
    elif large:
        highs.setOptionValue("solver", "hipo")
    integrality = np.where(is_integer & uses_integers, 1, 0).astype(np.int32)
    _pass_model(highs, builder, matrix, cost, lower, upper, integrality)
    if basis is not None and not uses_integers and not large:
        # Learning iterations change only hours per unit: the last basis is close.
        highs.setBasis(basis)
    if start is not None and uses_integers:
        # A feasible plan to start from: the MILP only has to improve on it.
        solution = highspy.HighsSolution()
        solution.col_value = np.asarray(start, dtype=float)
        solution.value_valid = True
        highs.setSolution(solution)
    if uses_integers and progress is not None:

        def report(event: object) -> None:
            data = getattr(event, "data_out", None)
            if data is None:
                return
            objective = float(data.objective_function_value)
            gap = data.mip_gap
            progress(
                f"HiGHS: improved plan, objective {objective:,.1f}"
                + (f", gap {100 * gap:.2f} %" if math.isfinite(gap) else "")
            )

        highs.cbMipImprovingSolution.subscribe(report)
    if stop is not None:

        def interrupt(event: object) -> None:
            if stop.is_set():
                getattr(event, "interrupt")()  # noqa: B009 (highspy's event is untyped)

        for callback in (
            highs.cbMipInterrupt,
            highs.cbSimplexInterrupt,
            highs.cbIpmInterrupt,
        ):
            callback.subscribe(interrupt)
    started = time.perf_counter()
    with _solving():
        run_status = highs.run()
        if run_status == highspy.HighsStatus.kError and basis is not None:
            # A basis from a model with other bounds can be refused; start afresh.
            highs.clearSolver()
            run_status = highs.run()
    seconds = time.perf_counter() - started
    model_status = highs.getModelStatus()
    info = highs.getInfo()
    solution = highs.getSolution()
    has_solution = bool(solution.value_valid)
    status = _status(model_status, has_solution)
    columns_out = (
        np.asarray(solution.col_value)
        if has_solution
        else np.zeros(builder.num_columns)
    )
    duals = np.asarray(solution.row_dual) if solution.dual_valid else None
    activity = (
        np.asarray(solution.row_value) if has_solution else np.zeros(builder.num_rows)
    )
    return SolveResult(
        status=status,
        columns=columns_out,
        row_duals=duals,
        row_activity=activity,
        objective=float(info.objective_function_value)
        if has_solution
        else float("nan"),
        mip_gap=float(info.mip_gap) if uses_integers and has_solution else None,
        seconds=seconds,
        variables=builder.num_columns,
        constraints=builder.num_rows,
        nonzeros=int(matrix.nnz),
        basis=highs.getBasis() if has_solution and not uses_integers else None,
        mip_bound=_finite(float(info.mip_dual_bound)) if uses_integers else None,
        column_duals=np.asarray(solution.col_dual) if solution.dual_valid else None,
    )


def _finite(value: float) -> float | None:
    """A value HiGHS reports, None where it is infinite (no bound known)."""
    return value if math.isfinite(value) else None


def _pass_model(
    highs: highspy.Highs,
    builder: ModelBuilder,
    matrix: ColumnwiseMatrix,
    cost: FloatArray,
    lower: FloatArray,
    upper: FloatArray,
    integrality: npt.NDArray[np.int32],
) -> None:
    """Load the column-wise matrix, bounds, costs and integrality into HiGHS."""
    row_lower, row_upper = builder.row_arrays()
    status = highs.passModel(
        builder.num_columns,
        builder.num_rows,
        int(matrix.nnz),
        int(highspy.MatrixFormat.kColwise),
        int(highspy.ObjSense.kMinimize),
        0.0,
        cost,
        lower,
        upper,
        row_lower,
        row_upper,
        matrix.starts.astype(np.int32),
        matrix.indices.astype(np.int32),
        matrix.values,
        integrality,
    )
    if status != highspy.HighsStatus.kOk:
        raise RuntimeError(f"HiGHS refused the planning model ({status})")


_scheduler_threads: list[int] = []
_running: list[int] = [0]
_all_ended = threading.Condition()


@contextlib.contextmanager
def _solving() -> Iterator[None]:
    """Count a HiGHS solve as running while it runs."""
    with _all_ended:
        _running[0] += 1
    try:
        yield
    finally:
        with _all_ended:
            _running[0] -= 1
            _all_ended.notify_all()


def wait_for_solves(timeout_s: float) -> bool:
    """Wait until no HiGHS solve runs in this process; True if none does.

    A stopped MILP may still be finishing its current step after its plan is out
    (HiGHS checks its stop flag between steps); the scheduler must not be resized
    under it, nor the process end inside it.
    """
    with _all_ended:
        return _all_ended.wait_for(lambda: _running[0] == 0, timeout=timeout_s)


def _use_threads(threads: int) -> None:
    """Size HiGHS's process-wide thread pool for this solve.

    HiGHS keeps one global scheduler per process, sized by the first solve; a later
    solve asking for another number of threads fails with an error unless the
    scheduler is reset first (several plans with different `threads` in one process),
    which waits for any solve still finishing.
    """
    if _scheduler_threads and _scheduler_threads[0] != threads:
        wait_for_solves(STOPPING_SOLVE_WAIT_S)
        highspy.Highs.resetGlobalScheduler(True)
        _scheduler_threads.clear()
    if not _scheduler_threads:
        _scheduler_threads.append(threads)


# HiGHS in a daemon thread at interpreter exit can abort the process: exit waits.
atexit.register(wait_for_solves, STOPPING_SOLVE_WAIT_S)


def write_model(builder: ModelBuilder, path: Path) -> None:
    """Write the model (whole-number decisions included) as an MPS or LP file."""
    lower, upper, cost, is_integer = builder.column_arrays()
    highs = _new_highs()
    highs.setOptionValue("output_flag", False)
    matrix = builder.matrix()
    _pass_model(highs, builder, matrix, cost, lower, upper, is_integer.astype(np.int32))
    # HiGHS writes the names of the model it holds and ignores names passed one by
    # one: the names go in through a whole `HighsLp` passed back in.
    lp = highs.getLp()
    columns, rows = builder.column_names(), builder.row_names()
    if path.suffix.lower() == ".lp":
        columns, rows = lp_names(columns), lp_names(rows)
    lp.col_names_ = columns
    lp.row_names_ = rows
    highs.passModel(lp)
    highs.writeModel(str(path))


def _status(model_status: highspy.HighsModelStatus, has_solution: bool) -> SolveStatus:
    """Our status for HiGHS's model status; a time limit without a plan is a failure."""
    kind = highspy.HighsModelStatus
    if model_status == kind.kOptimal:
        return SolveStatus.OPTIMAL
    if model_status in (kind.kInfeasible, kind.kUnboundedOrInfeasible):
        return SolveStatus.INFEASIBLE
    if model_status == kind.kTimeLimit:
        return SolveStatus.TIME_LIMIT if has_solution else SolveStatus.NO_SOLUTION
    return SolveStatus.FEASIBLE if has_solution else SolveStatus.NO_SOLUTION
