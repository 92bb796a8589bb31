"""A broken constraint of a plan, and the tolerances the checker compares with.

Apart from `checker` so that each family's checks (`capacity`, `demand`, ...) import
it while `checker` imports them: the families never import the module that runs them.
"""

from __future__ import annotations

from dataclasses import dataclass

RELATIVE_TOLERANCE = 1e-6
ABSOLUTE_TOLERANCE = 1e-5
LEARNING_TOLERANCE = 0.01


@dataclass(frozen=True)
class Violation:
    """One broken constraint: its family, where, and by how much."""

    family: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.family}: {self.where}: {self.message}"


def exceeds(used: float, limit: float, tolerance: float = RELATIVE_TOLERANCE) -> bool:
    """Whether `used` is above `limit` beyond the tolerance."""
    return used > limit + max(
        ABSOLUTE_TOLERANCE, tolerance * max(abs(limit), abs(used))
    )


def differs(left: float, right: float, tolerance: float = RELATIVE_TOLERANCE) -> bool:
    """Whether two quantities differ beyond the tolerance."""
    return abs(left - right) > max(
        ABSOLUTE_TOLERANCE, tolerance * max(abs(left), abs(right))
    )
