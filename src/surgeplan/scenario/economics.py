"""Contract terms and overheads for the business case."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from surgeplan.scenario.base import Money, NonNegative, ScenarioModel, Share


class Economics(ScenarioModel):
    """The contract and the cost structure beyond the plan's direct costs."""

    contract_unit_price: Money | None = Field(
        default=None, description="Price per delivered unit."
    )
    contract_value: Money | None = Field(
        default=None,
        description="Total contract value, when priced as a whole; the unit price is "
        "then the value divided by the contracted units.",
    )
    contract_units_total: NonNegative | None = Field(
        default=None, description="Units over the whole contract."
    )
    contract_duration_years: Annotated[int, Field(ge=1, le=50)] = Field(
        default=10, description="Years the contract runs from the start of the plan."
    )
    discount_rate: Annotated[float, Field(ge=0.0, le=1.0)] = Field(
        default=0.08, description="Yearly discount rate for the net present value."
    )
    overhead_share: Share = Field(
        default=0.1, description="Overheads as a share of direct costs."
    )
    fixed_overhead_per_year: Money = Field(
        default=0.0, description="Overheads a year that do not depend on the volume."
    )
    depreciation_years: Annotated[int, Field(ge=1, le=50)] = Field(
        default=5, description="Years over which capex is depreciated."
    )
    tax_rate: Share = Field(default=0.0, description="Tax rate on profit.")
    annual_units_after_horizon: NonNegative | None = Field(
        default=None,
        description="Units a year after the plan's horizon, to the contract's end; "
        "defaults to the rate of the plan's last quarter.",
    )

    @model_validator(mode="after")
    def _priced(self) -> Economics:
        if self.contract_unit_price is None and self.contract_value is None:
            raise ValueError(
                "give contract_unit_price or contract_value (with contract_units_total)"
            )
        if self.contract_value is not None and not self.contract_units_total:
            raise ValueError("contract_value needs contract_units_total")
        return self

    @property
    def unit_price(self) -> float:
        """Revenue per delivered unit."""
        if self.contract_unit_price is not None:
            return self.contract_unit_price
        assert self.contract_value is not None
        assert self.contract_units_total
        return self.contract_value / self.contract_units_total
