"""Building blocks of every scenario part: the base model, ids, distributions."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from surgeplan.scenario.speech import gettext

Id = Annotated[
    str,
    StringConstraints(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", min_length=1, max_length=64
    ),
    Field(
        description="An identifier: letters, digits, '-', '_' and '.', "
        "starting with a letter or digit, at most 64 characters.",
    ),
]
Share = Annotated[float, Field(ge=0.0, le=1.0)]
Probability = Annotated[float, Field(ge=0.0, le=1.0)]
NonNegative = Annotated[float, Field(ge=0.0, allow_inf_nan=False)]
Positive = Annotated[float, Field(gt=0.0, allow_inf_nan=False)]
MONEY_UNIT = "money"
# An amount in the program's currency. The marker says what the field means, so that
# whatever must hide money (the service's redaction for viewers) finds every such field
# from the format itself rather than from its name.
Money = Annotated[
    float, Field(ge=0.0, allow_inf_nan=False, json_schema_extra={"unit": MONEY_UNIT})
]


class ScenarioModel(BaseModel):
    """Base of every scenario type: immutable, strict about unknown fields."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=True,
        allow_inf_nan=False,
        validate_default=True,
    )


class FixedDistribution(ScenarioModel):
    """Always the same value."""

    # No default: the tag must survive `to_dict`, which leaves defaults out.
    distribution: Literal["fixed"] = Field(description="Always `fixed`.")
    value: NonNegative = Field(description="The value every draw takes.")

    def mean(self) -> float:
        """Expected value."""
        return self.value


class UniformDistribution(ScenarioModel):
    """Any value between low and high, equally likely."""

    distribution: Literal["uniform"] = Field(description="Always `uniform`.")
    low: NonNegative = Field(description="Smallest value.")
    high: NonNegative = Field(description="Largest value (at least low).")

    @model_validator(mode="after")
    def _ordered(self) -> UniformDistribution:
        if self.high < self.low:
            raise ValueError(gettext("high must be at least low"))
        return self

    def mean(self) -> float:
        """Expected value."""
        return (self.low + self.high) / 2


class TriangularDistribution(ScenarioModel):
    """Between low and high, most often near mode (a planner's three-point estimate)."""

    distribution: Literal["triangular"] = Field(description="Always `triangular`.")
    low: NonNegative = Field(description="Smallest value.")
    mode: NonNegative = Field(description="Most likely value.")
    high: NonNegative = Field(description="Largest value.")

    @model_validator(mode="after")
    def _ordered(self) -> TriangularDistribution:
        if not self.low <= self.mode <= self.high:
            raise ValueError(gettext("low <= mode <= high is required"))
        return self

    def mean(self) -> float:
        """Expected value."""
        return (self.low + self.mode + self.high) / 3


class LognormalDistribution(ScenarioModel):
    """Right-skewed: usually near the median, sometimes much longer."""

    distribution: Literal["lognormal"] = Field(description="Always `lognormal`.")
    median: Positive = Field(description="Median: half the draws are below it.")
    sigma: Annotated[float, Field(gt=0.0, le=3.0)] = Field(
        description="Standard deviation of the underlying normal (log scale)."
    )

    def mean(self) -> float:
        """Expected value."""
        return self.median * math.exp(self.sigma**2 / 2)


Distribution = Annotated[
    FixedDistribution
    | UniformDistribution
    | TriangularDistribution
    | LognormalDistribution,
    Field(discriminator="distribution"),
]
