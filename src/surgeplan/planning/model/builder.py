"""A lean sparse model builder: variable blocks and constraint rows as numpy arrays.

Variables are created in blocks (one numpy range per family and key), constraints as
COO triplets appended in bulk; no Python object per variable. `names` are kept per
block so LP files and errors stay readable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from surgeplan.arrays import BoolArray, FloatArray, IntArray

INF = float("inf")


@dataclass
class VariableBlock:
    """A contiguous range of columns of one family, e.g. a route's units per bucket."""

    family: str
    key: tuple[str | int, ...]
    first: int
    count: int

    @property
    def columns(self) -> IntArray:
        """Column indices of the block."""
        return np.arange(self.first, self.first + self.count, dtype=np.int64)


def delayed_entries(
    columns: IntArray, ready_bucket: IntArray, horizon: int
) -> tuple[IntArray, IntArray]:
    """(bucket, column) pairs of decisions that take effect inside the horizon.

    `columns[t]` is the decision of bucket t and `ready_bucket[t]` when it takes effect.
    """
    keep = ready_bucket < horizon
    return ready_bucket[keep], columns[keep]


@dataclass
class RowBlock:
    """A contiguous range of rows of one constraint family."""

    family: str
    key: tuple[str | int, ...]
    first: int
    count: int


@dataclass(frozen=True)
class ColumnwiseMatrix:
    """A sparse matrix in compressed columns, the layout HiGHS takes as it is.

    Built with numpy alone: scipy.sparse would cost the command a quarter of a second
    of imports for one sort.
    """

    starts: IntArray
    indices: IntArray
    values: FloatArray
    num_rows: int
    num_columns: int

    @property
    def nnz(self) -> int:
        """Number of stored (nonzero) entries."""
        return int(self.values.size)

    @classmethod
    def from_entries(
        cls,
        rows: IntArray,
        columns: IntArray,
        values: FloatArray,
        num_rows: int,
        num_columns: int,
    ) -> ColumnwiseMatrix:
        """From (row, column, value) triplets in any order, repeats summed."""
        key = columns * max(num_rows, 1) + rows
        unique_keys, position = np.unique(key, return_inverse=True)
        summed = np.bincount(position, weights=values, minlength=unique_keys.size)
        keep = summed != 0.0
        unique_keys, summed = unique_keys[keep], summed[keep]
        entry_columns = unique_keys // max(num_rows, 1)
        starts = np.zeros(num_columns + 1, dtype=np.int64)
        np.cumsum(np.bincount(entry_columns, minlength=num_columns), out=starts[1:])
        return cls(
            starts=starts,
            indices=(unique_keys % max(num_rows, 1)).astype(np.int64),
            values=summed,
            num_rows=num_rows,
            num_columns=num_columns,
        )


@dataclass
class ModelBuilder:
    """Collects columns (bounds, costs, integrality) and rows (bounds, COO entries)."""

    lower: list[FloatArray] = field(default_factory=list)
    upper: list[FloatArray] = field(default_factory=list)
    cost: list[FloatArray] = field(default_factory=list)
    integer: list[BoolArray] = field(default_factory=list)
    blocks: list[VariableBlock] = field(default_factory=list)
    row_lower: list[FloatArray] = field(default_factory=list)
    row_upper: list[FloatArray] = field(default_factory=list)
    row_blocks: list[RowBlock] = field(default_factory=list)
    entry_rows: list[IntArray] = field(default_factory=list)
    entry_columns: list[IntArray] = field(default_factory=list)
    entry_values: list[FloatArray] = field(default_factory=list)
    num_columns: int = 0
    num_rows: int = 0

    def add_variables(
        self,
        family: str,
        key: tuple[str | int, ...],
        count: int,
        *,
        lower: float | FloatArray = 0.0,
        upper: float | FloatArray = INF,
        cost: float | FloatArray = 0.0,
        integer: bool = False,
    ) -> VariableBlock:
        """A block of `count` columns with broadcast bounds and costs."""
        block = VariableBlock(family, key, self.num_columns, count)
        self.lower.append(np.broadcast_to(np.asarray(lower, float), (count,)).copy())
        self.upper.append(np.broadcast_to(np.asarray(upper, float), (count,)).copy())
        self.cost.append(np.broadcast_to(np.asarray(cost, float), (count,)).copy())
        self.integer.append(np.full(count, integer))
        self.blocks.append(block)
        self.num_columns += count
        return block

    def add_rows(
        self,
        family: str,
        key: tuple[str | int, ...],
        count: int,
        *,
        lower: float | FloatArray = -INF,
        upper: float | FloatArray = INF,
    ) -> RowBlock:
        """A block of `count` rows with broadcast bounds; fill it with `add_entries`."""
        block = RowBlock(family, key, self.num_rows, count)
        self.row_lower.append(
            np.broadcast_to(np.asarray(lower, float), (count,)).copy()
        )
        self.row_upper.append(
            np.broadcast_to(np.asarray(upper, float), (count,)).copy()
        )
        self.row_blocks.append(block)
        self.num_rows += count
        return block

    def add_entries(
        self,
        rows: IntArray | int,
        columns: IntArray | int,
        values: FloatArray | float,
    ) -> None:
        """Coefficients, broadcast together (a row range times a column range, etc.)."""
        row_array, column_array, value_array = np.broadcast_arrays(
            np.asarray(rows, np.int64),
            np.asarray(columns, np.int64),
            np.asarray(values, float),
        )
        keep = value_array != 0.0
        self.entry_rows.append(row_array[keep].ravel())
        self.entry_columns.append(column_array[keep].ravel())
        self.entry_values.append(value_array[keep].ravel())

    def set_cost(self, block: VariableBlock, cost: float | FloatArray) -> None:
        """Replace the objective coefficients of a block."""
        position = self.blocks.index(block)
        self.cost[position] = np.broadcast_to(
            np.asarray(cost, float), (block.count,)
        ).copy()

    def column_arrays(
        self,
    ) -> tuple[FloatArray, FloatArray, FloatArray, BoolArray]:
        """Lower, upper, cost and integrality of every column."""
        return (
            np.concatenate(self.lower) if self.lower else np.zeros(0),
            np.concatenate(self.upper) if self.upper else np.zeros(0),
            np.concatenate(self.cost) if self.cost else np.zeros(0),
            np.concatenate(self.integer) if self.integer else np.zeros(0, bool),
        )

    def row_arrays(self) -> tuple[FloatArray, FloatArray]:
        """Lower and upper bounds of every row."""
        return (
            np.concatenate(self.row_lower) if self.row_lower else np.zeros(0),
            np.concatenate(self.row_upper) if self.row_upper else np.zeros(0),
        )

    def matrix(self) -> ColumnwiseMatrix:
        """The constraint matrix, column-wise, duplicates summed and zeros dropped."""
        if self.entry_rows:
            rows = np.concatenate(self.entry_rows).astype(np.int64)
            columns = np.concatenate(self.entry_columns).astype(np.int64)
            values = np.concatenate(self.entry_values).astype(float)
        else:
            rows = columns = np.zeros(0, np.int64)
            values = np.zeros(0)
        return ColumnwiseMatrix.from_entries(
            rows, columns, values, self.num_rows, self.num_columns
        )

    def column_names(self) -> list[str]:
        """Readable names of every column, e.g. `make[drone,chassis-plant,b12]`."""
        return [
            name
            for block in self.blocks
            for name in solver_names(block.family, block.key, block.count)
        ]

    def row_names(self) -> list[str]:
        """Readable names of every row, e.g. `capacity[chassis-plant,line-2,b5]`."""
        return [
            name
            for block in self.row_blocks
            for name in solver_names(block.family, block.key, block.count)
        ]


# MPS files take any name without blanks; the LP format reads `-`, `[`, `:`, `/` and a
# few more as its own syntax, and HiGHS then writes `c0…` instead of every name.
_BLANKS = re.compile(r"\s+")
_LP_UNSAFE = re.compile(r"[^A-Za-z0-9_.,()#@!~$%&?;{}]")
_LP_BRACKETS = str.maketrans("[]", "()")


def lp_names(names: list[str]) -> list[str]:
    """The names as the LP format takes them: `make(drone,chassis_plant,b12)`.

    Two names that only differ by a replaced character keep apart by a `#n` suffix.
    """
    safe = [_LP_UNSAFE.sub("_", name.translate(_LP_BRACKETS)) for name in names]
    seen: dict[str, int] = {}
    unique: list[str] = []
    for name in safe:
        count = seen.get(name, 0)
        seen[name] = count + 1
        unique.append(name if count == 0 else f"{name}#{count}")
    return unique


def solver_names(family: str, key: tuple[str | int, ...], count: int) -> list[str]:
    """Names of a block's rows or columns: family, key and `b<bucket>` when per bucket.

    A block of one (a one-off limit, a conversion done once) has no bucket part.
    """
    parts = ",".join(str(part) for part in key)
    stem = _BLANKS.sub("_", f"{family}[{parts}")
    if count == 1:
        return [f"{stem}]" if parts else family]
    separator = "," if parts else ""
    return [f"{stem}{separator}b{bucket}]" for bucket in range(count)]
