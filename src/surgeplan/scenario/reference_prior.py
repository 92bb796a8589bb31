"""Whether the simulation draws a programme slip from the slips of real programs."""

from __future__ import annotations

from enum import StrEnum


class ReferencePrior(StrEnum):
    """What the simulation assumes where the scenario gives no programme slip."""

    NONE = "none"
    SURGES = "surges"
