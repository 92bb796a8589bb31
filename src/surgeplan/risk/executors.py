"""Where batches run: in this process, in local worker processes, or on a Dask cluster.

Batches are numbered and sized the same way whatever the executor, and results come
back in batch order, so every executor gives identical numbers for the same seed.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from surgeplan.risk.batches import BatchOutcome, SimulationModel, run_batch
from surgeplan.risk.errors import RiskError
from surgeplan.risk.parameters import VariantParameters
from surgeplan.risk.policy import BATCH_RUNS, Executor


class ExecutorError(RiskError):
    """The requested executor cannot run (no scheduler address, cluster unreachable)."""


@dataclass(frozen=True)
class ExecutionSettings:
    """How to spread batches: executor, workers, Dask scheduler, runs per batch."""

    executor: Executor = Executor.LOCAL
    workers: int = 1
    scheduler: str | None = None
    batch_runs: int = BATCH_RUNS


def batch_sizes(runs: int, batch_runs: int) -> list[int]:
    """Runs in each batch: full batches, then the rest."""
    if runs <= 0:
        return []
    full, rest = divmod(runs, batch_runs)
    return [batch_runs] * full + ([rest] if rest else [])


def run_batches(
    model: SimulationModel,
    variants: tuple[VariantParameters, ...],
    runs: int,
    settings: ExecutionSettings,
    variant_runs: int | None = None,
) -> list[BatchOutcome]:
    """Every batch of the simulation, in batch order.

    Variants after the first run only on the batches holding the first `variant_runs`
    runs (all runs when None).
    """
    sizes = batch_sizes(runs, settings.batch_runs)
    indices = list(range(len(sizes)))
    limit = runs if variant_runs is None else min(variant_runs, runs)
    with_all = -(-limit // settings.batch_runs)
    per_batch = [variants if i < with_all else variants[:1] for i in indices]
    if settings.executor is Executor.DASK:
        return _on_dask(model, per_batch, indices, sizes, settings)
    workers = max(1, min(settings.workers, len(sizes)))
    if workers == 1:
        return [
            run_batch(model, chosen, i, size, settings.batch_runs)
            for chosen, i, size in zip(per_batch, indices, sizes, strict=True)
        ]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(
            pool.map(
                run_batch,
                [model] * len(sizes),
                per_batch,
                indices,
                sizes,
                [settings.batch_runs] * len(sizes),
            )
        )


def _on_dask(
    model: SimulationModel,
    per_batch: list[tuple[VariantParameters, ...]],
    indices: list[int],
    sizes: list[int],
    settings: ExecutionSettings,
) -> list[BatchOutcome]:
    """Batches as tasks on an existing Dask distributed cluster."""
    scheduler = settings.scheduler
    if not scheduler:
        raise ExecutorError("the dask executor needs a scheduler address (--scheduler)")
    import distributed

    # distributed's Client is not typed; it is only used through these four calls.
    connect: Any = distributed.Client
    try:
        client: Any = connect(scheduler, timeout="20s")
    except OSError as error:
        raise ExecutorError(
            f"cannot reach the Dask scheduler at {scheduler}: {error}"
        ) from None
    try:
        shared_model = client.scatter(model, broadcast=True)
        futures = [
            client.submit(
                run_batch,
                shared_model,
                chosen,
                i,
                size,
                settings.batch_runs,
                pure=False,
            )
            for chosen, i, size in zip(per_batch, indices, sizes, strict=True)
        ]
        outcomes: list[BatchOutcome] = client.gather(futures)
    finally:
        client.close()
    return sorted(outcomes, key=lambda outcome: outcome.index)
