"""The numpy array types every stage shares: one name per element type.

A leaf: it imports nothing of ours, so any module may use it.
"""

from typing import TypeAlias

import numpy as np
import numpy.typing as npt

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]
BoolArray: TypeAlias = npt.NDArray[np.bool_]

__all__ = ["BoolArray", "FloatArray", "IntArray"]
