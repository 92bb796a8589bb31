"""Contract terms and overheads for the business case."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from surgeplan.scenario.base import Money, NonNegative, ScenarioModel, Share
from surgeplan.scenario.speech import gettext

# Contracts shorter than a quarter are counted in weeks, shorter than a year in months.
SHORT_CONTRACT_WEEKS = 13
WEEKS_PER_YEAR = 52
MONTHS_PER_YEAR = 12


class CashFlowPeriod(StrEnum):
    """The period a business case counts, discounts and reports cash flows in."""

    YEAR = "year"
    MONTH = "month"
    WEEK = "week"


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
    contract_duration_months: Annotated[int, Field(ge=1, le=600)] | None = Field(
        default=None,
        description="Months the contract runs from the start of the plan, in place "
        "of `contract_duration_years` (a contract shorter than a year).",
    )
    contract_duration_weeks: Annotated[int, Field(ge=1, le=2600)] | None = Field(
        default=None,
        description="Weeks the contract runs from the start of the plan, in place "
        "of `contract_duration_years` (a contract of a few weeks).",
    )
    cash_flow_period: CashFlowPeriod | None = Field(
        default=None,
        description="Period of the business case's cash flows, discounting and "
        "payback: `year`, `month` or `week`. Left out: years, or months for a "
        "contract shorter than a year, weeks for one shorter than 13 weeks.",
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
                gettext(
                    "give contract_unit_price or contract_value (with "
                    "contract_units_total)"
                )
            )
        if self.contract_value is not None and not self.contract_units_total:
            raise ValueError(gettext("contract_value needs contract_units_total"))
        if (
            self.contract_duration_months is not None
            and self.contract_duration_weeks is not None
        ):
            raise ValueError(
                gettext(
                    "give contract_duration_months or contract_duration_weeks, not both"
                )
            )
        return self

    @property
    def period(self) -> CashFlowPeriod:
        """The cash-flow period: as stated, or else from the contract's length."""
        if self.cash_flow_period is not None:
            return self.cash_flow_period
        if self.contract_duration_weeks is not None:
            if self.contract_duration_weeks < SHORT_CONTRACT_WEEKS:
                return CashFlowPeriod.WEEK
            if self.contract_duration_weeks < WEEKS_PER_YEAR:
                return CashFlowPeriod.MONTH
        months = self.contract_duration_months
        if months is not None and months < MONTHS_PER_YEAR:
            return CashFlowPeriod.MONTH
        return CashFlowPeriod.YEAR

    @property
    def unit_price(self) -> float:
        """Revenue per delivered unit."""
        if self.contract_unit_price is not None:
            return self.contract_unit_price
        assert self.contract_value is not None
        assert self.contract_units_total
        return self.contract_value / self.contract_units_total
