"""A supplier's promised ramp per bucket, late or short by a supplier ramp risk.

The planner reads `planned_capacity_by_bucket`: the promise, or the ramp a stated share
of runs meets when the ramp risk gives `planned_quantile`. The simulation draws a
start delay and a delivered share per run and reads `RampSteps.units` for them;
both go through the same arithmetic, so a draw equal to the planned values gives the
planned capacity exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.scenario.calendar import Bucket, rate_by_bucket
from surgeplan.scenario.model import Scenario
from surgeplan.scenario.quantiles import quantile
from surgeplan.scenario.supply import Supplier, SupplierRamp


def ramp_of(scenario: Scenario, supplier_id: str) -> SupplierRamp | None:
    """The ramp risk of a supplier, if the scenario gives one."""
    for ramp in scenario.risks.supplier_ramps:
        if ramp.supplier == supplier_id:
            return ramp
    return None


def planned_delay_and_share(ramp: SupplierRamp | None) -> tuple[float, float]:
    """Start delay (weeks) and delivered share the planner plans with."""
    if ramp is None or ramp.planned_quantile is None:
        return 0.0, 1.0
    level = np.array([ramp.planned_quantile])
    delay = float(quantile(ramp.start_delay_weeks, level)[0])
    # A worse ramp delivers less: the share a run meets is at the lower quantile.
    share = float(quantile(ramp.delivered_share, 1.0 - level)[0])
    return max(delay, 0.0), min(max(share, 0.0), 1.0)


@dataclass(frozen=True)
class RampSteps:
    """A promised ramp as rate increases at moments, over given buckets (in weeks).

    A supplier without a ramp promises its full rate from the program start.
    """

    at_weeks: FloatArray
    increases: FloatArray
    bucket_start_weeks: FloatArray
    bucket_end_weeks: FloatArray

    @classmethod
    def of(
        cls, scenario: Scenario, supplier: Supplier, buckets: list[Bucket]
    ) -> RampSteps:
        """The supplier's promise over these buckets."""
        start = scenario.program.start_date
        steps = sorted(
            (step.from_date, step.units_per_week) for step in supplier.capacity_ramp
        ) or [(start, supplier.capacity_per_week)]
        rates = np.minimum([rate for _, rate in steps], supplier.capacity_per_week)
        bucket_start = np.array([(b.start - start).days / 7.0 for b in buckets])
        return cls(
            at_weeks=np.array([(day - start).days / 7.0 for day, _ in steps]),
            increases=np.diff(np.concatenate(([0.0], rates))),
            bucket_start_weeks=bucket_start,
            bucket_end_weeks=bucket_start + np.array([b.weeks for b in buckets]),
        )

    def units(self, delay_weeks: FloatArray, delivered_share: FloatArray) -> FloatArray:
        """Units per bucket for each (delay, share) pair: runs x buckets.

        Each step's rate increase counts from its moment plus the delay, for the part
        of a bucket after that (day-weighted like `rate_by_bucket`).
        """
        start, end = self.bucket_start_weeks, self.bucket_end_weeks
        begins = self.at_weeks[None, :] + np.maximum(delay_weeks, 0.0)[:, None]
        overlap = np.clip(
            end[None, None, :] - np.maximum(start[None, None, :], begins[:, :, None]),
            0.0,
            end - start,
        )
        units = np.einsum("s,rsb->rb", self.increases, overlap)
        share = np.clip(delivered_share, 0.0, 1.0)[:, None]
        result: FloatArray = np.maximum(units, 0.0) * share
        return result


def planned_capacity_by_bucket(
    scenario: Scenario, supplier: Supplier, buckets: list[Bucket]
) -> FloatArray:
    """Units a bucket the planner may order from the supplier."""
    weeks = np.array([bucket.weeks for bucket in buckets])
    delay, share = planned_delay_and_share(ramp_of(scenario, supplier.id))
    if delay == 0.0 and share == 1.0:
        steps = [
            (step.from_date, step.units_per_week) for step in supplier.capacity_ramp
        ]
        base = 0.0 if steps else supplier.capacity_per_week
        promise: FloatArray = np.minimum(
            rate_by_bucket(base, steps, buckets), supplier.capacity_per_week * weeks
        )
        return promise
    promised = RampSteps.of(scenario, supplier, buckets)
    planned = promised.units(np.array([delay]), np.array([share]))[0]
    capped: FloatArray = np.minimum(planned, supplier.capacity_per_week * weeks)
    return capped
