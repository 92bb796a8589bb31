"""Where a binding resource could still grow: the slack of its own levers.

A limit with a lever left (station overtime or a longer shift pattern not used, labour
overtime under its allowed share, volunteers or hires not yet taken, people a lender
could still lend) is not what
holds the program back: its shadow price is the price of the lever, and the plan chose
not to pay it, or something else binds first. Such a bucket is *extendable* and the
resource is not named as the limit there (issue 20: a labour pool was named while
overtime was 0 of an allowed 20 % and 208 trainable people stayed untrained).

Station hours, labour pools, training places, suppliers and lanes are judged alike:
binding (a shadow price) and no lever left.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from surgeplan.arrays import BoolArray, FloatArray
from surgeplan.keys import SitePool
from surgeplan.planning.model.builder import RowBlock
from surgeplan.planning.model.formulation import PlanningModel
from surgeplan.planning.model.index import PlanningIndex
from surgeplan.planning.solve.highs import SolveResult
from surgeplan.scenario.calendar import ready_after_both, ready_buckets

# Hours below which a lever counts as used up: solver values carry round-off.
SLACK_HOURS = 1e-3
# A person is whole: less than half a person left to train or hire is none.
SLACK_PEOPLE = 0.5


class LeverSlack:
    """The slack of every lever of a solved model, by family and key."""

    def __init__(
        self, index: PlanningIndex, model: PlanningModel, result: SolveResult
    ) -> None:
        self.index = index
        self.model = model
        self.values = result.columns
        self.activity = result.row_activity
        builder = model.builder
        _, self.column_upper, _, _ = builder.column_arrays()
        self.rows: dict[tuple[str, tuple[str | int, ...]], tuple[RowBlock, FloatArray]]
        self.rows = {
            (block.family, block.key): (block, upper)
            for block, upper in zip(builder.row_blocks, builder.row_upper, strict=True)
        }

    def extendable(self, block: RowBlock) -> BoolArray:
        """Buckets of a limit's rows where one of its levers has room left."""
        judge = _JUDGES.get(block.family)
        if judge is None:
            return np.zeros(block.count, dtype=bool)
        return judge(self, block)

    def row_upper(self, block: RowBlock) -> FloatArray:
        """Upper bounds of a row block (the capacity of a supplier or lane)."""
        return self.rows[(block.family, block.key)][1]

    def row_slack(self, family: str, key: tuple[str | int, ...]) -> FloatArray | None:
        """Upper bound minus activity of a row block; None if the model has none."""
        found = self.rows.get((family, key))
        if found is None:
            return None
        block, upper = found
        activity = self.activity[block.first : block.first + block.count]
        return np.asarray(upper - activity, dtype=float)

    def station_levers(self, block: RowBlock) -> BoolArray:
        """Station overtime below its limit, or a longer shift pattern not worked."""
        info = next(
            info for info in self.index.work_centers if info.key == tuple(block.key)
        )
        variables = self.model.variables
        overtime = self.values[variables.overtime[info.index].columns]
        room = overtime < info.overtime_hours - SLACK_HOURS
        if len(info.patterns) > 1:
            worked = np.zeros(block.count)
            for number, pattern in enumerate(info.patterns):
                chosen = variables.pattern[(info.index, number)].columns
                worked += (
                    self.values[chosen[variables.block_of]] * pattern.effective_hours
                )
            longest = np.max([p.effective_hours for p in info.patterns], axis=0)
            room |= worked < longest - SLACK_HOURS
        return np.asarray(room, dtype=bool)

    def labour_levers(self, block: RowBlock) -> BoolArray:
        """A pool's own levers, or people a loan into it could still bring."""
        key = SitePool(str(block.key[0]), str(block.key[1]))
        return self.own_labour_levers(block) | self._borrowable(key, block.count)

    def own_labour_levers(self, block: RowBlock) -> BoolArray:
        """Labour overtime under its share, or people left to train or hire in time."""
        key = SitePool(str(block.key[0]), str(block.key[1]))
        pool = self.index.pools[key]
        overtime = self.row_slack("overtime_hours", key)
        room = (
            overtime > SLACK_HOURS
            if overtime is not None
            else np.zeros(block.count, dtype=bool)
        )
        if self.volunteers_left(key):
            room |= self._trainable_by(key, block.count)
        hires = self.row_slack("hires_total", key)
        if pool.hires_per_week_max > 0 and (hires is None or hires[0] >= SLACK_PEOPLE):
            buckets = self.index.buckets
            program = self.index.scenario.program
            hiring = ready_buckets(pool.hire_lead_time_weeks, buckets, program)
            training = ready_buckets(pool.training_lead_time_weeks, buckets, program)
            room |= np.arange(block.count) >= int(
                ready_after_both(hiring, training).min()
            )
        return np.asarray(room, dtype=bool)

    def _borrowable(self, key: SitePool, count: int) -> BoolArray:
        """Buckets where a loan into the pool could bring more people.

        More can come where the loan is under its most people and the lender can
        spare them: hours of its own unused, or one of its own levers (overtime,
        people left to train or hire) with room.
        """
        room = np.zeros(count, dtype=bool)
        for loan in self.model.variables.loans:
            if SitePool(loan.loan.to_site, loan.loan.skill) != key:
                continue
            columns = loan.working.columns
            more = self.column_upper[columns] - self.values[columns] >= SLACK_PEOPLE
            lender = SitePool(loan.loan.from_site, loan.loan.skill)
            found = self.rows.get(("labour", lender))
            if found is not None:
                block = found[0]
                spare = self.row_slack("labour", lender)
                assert spare is not None  # the block was found just above
                more &= (spare > SLACK_HOURS) | self.own_labour_levers(block)
            room |= more[:count]
        return room

    def volunteers_left(self, key: SitePool) -> bool:
        """Whether people willing to train are left untrained."""
        volunteers = self.row_slack("volunteers", key)
        return volunteers is not None and bool(volunteers[0] >= SLACK_PEOPLE)

    def training_blocked(self, block: RowBlock) -> BoolArray:
        """Buckets where volunteers are left but no training place was free in time.

        There the pool's limit is its training classes, and is named as training.
        """
        key = SitePool(str(block.key[0]), str(block.key[1]))
        if not self.volunteers_left(key):
            return np.zeros(block.count, dtype=bool)
        lead = self.index.pools[key].training_lead_time_weeks
        training = ready_buckets(lead, self.index.buckets, self.index.scenario.program)
        reachable = np.arange(block.count) >= int(training.min())
        return np.asarray(reachable & ~self._trainable_by(key, block.count), bool)

    def _trainable_by(self, key: SitePool, count: int) -> BoolArray:
        """Buckets by which a trainee started in a week with a free place is ready."""
        pool = self.index.pools[key]
        ready = ready_buckets(
            pool.training_lead_time_weeks,
            self.index.buckets,
            self.index.scenario.program,
        )
        columns = self.model.variables.trainees[key].columns
        room = self.column_upper[columns] - self.values[columns] >= SLACK_PEOPLE
        places = self.row_slack("training_places", key)
        if places is not None:
            room &= places >= SLACK_PEOPLE
        starts = np.nonzero(room & (ready < count))[0]
        first = int(ready[starts].min()) if starts.size else count
        return np.asarray(np.arange(count) >= first, dtype=bool)


_JUDGES: dict[str, Callable[[LeverSlack, RowBlock], BoolArray]] = {
    "capacity": LeverSlack.station_levers,
    "labour": LeverSlack.labour_levers,
}
