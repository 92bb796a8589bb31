"""The business case: yearly cash flows, totals, NPV and the activity added per site."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from surgeplan.display import Summarized, Summary, day, money, share, whole
from surgeplan.scenario.economics import CashFlowPeriod

BUSINESS_CASE_FORMAT = "surgeplan-business-case/1"


class EconomicsRecord(BaseModel):
    """Base of business-case records: immutable, strict."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class YearCashFlow(EconomicsRecord):
    """One contract period (a year, or a month or week of a short contract)."""

    year: int = Field(
        description="Number of the period (the case's `period`); 1 is the plan's first."
    )
    start: dt.date
    end: dt.date = Field(description="Last day of the year.")
    planned_share: float = Field(
        description="Share of the year's days inside the plan's horizon."
    )
    units: float = Field(description="Units invoiced (capped by the contract).")
    revenue_eur: float
    direct_costs_eur: float = Field(description="Plan costs, or run costs after it.")
    overheads_eur: float
    capex_eur: float
    depreciation_eur: float
    operating_margin_eur: float = Field(
        description="Revenue - direct costs - overheads - depreciation."
    )
    tax_eur: float
    cash_flow_eur: float = Field(
        description="Revenue - direct costs - overheads - capex - tax."
    )
    discounted_cash_flow_eur: float
    cumulative_cash_flow_eur: float


class SiteActivity(EconomicsRecord):
    """The work the program brings to one site over the plan's horizon."""

    site: str
    site_name: str
    program_hours: float = Field(description="Station hours on program work.")
    core_hours: float = Field(description="Station hours on core production.")
    share_of_core_load: float | None = Field(
        description="Program hours / core hours; None when the site has no core load."
    )
    labour_hours: float
    fte_average: float = Field(
        description="Labour hours / (pool hours_per_week x weeks), summed over pools."
    )
    fte_peak: float = Field(description="Highest FTE in any one bucket.")
    qualified_peak: float = Field(description="Most people qualified at once.")
    volunteers: int
    trainees: float
    hires: float


class BusinessCase(Summarized, EconomicsRecord):
    """What the program earns over the contract, from the plan and the contract terms.

    Conventions: year 1 starts on the plan's first day; cash flows are discounted at
    the end of each year; capex counts in the year a conversion starts.
    """

    format: str = BUSINESS_CASE_FORMAT
    scenario_name: str
    currency: str
    unit_price_eur: float
    discount_rate: float
    contract_years: int
    period: CashFlowPeriod = Field(
        default=CashFlowPeriod.YEAR,
        description="What each entry of `years` is: a year, or a month or week of a "
        "short contract; payback is in years all the same.",
    )
    contract_length: str = Field(
        default="", description="The contract's length as stated, e.g. '20 weeks'."
    )
    horizon_end: dt.date
    contract_end: dt.date
    units: float = Field(description="Units invoiced over the contract.")
    units_in_plan: float
    revenue_eur: float
    direct_costs_eur: float
    costs_by_kind_eur: dict[str, float] = Field(
        description="The plan's costs by kind over its horizon (capex included)."
    )
    post_horizon_costs_eur: float
    annual_units_after_horizon: float
    unit_cost_after_horizon_eur: float
    overheads_eur: float
    capex_eur: float
    depreciation_eur: float
    operating_margin_eur: float
    tax_eur: float
    npv_eur: float
    payback_years: float | None = Field(
        description="Years until the cumulative cash flow turns positive for good."
    )
    years: list[YearCashFlow]
    activity: list[SiteActivity]
    conventions: list[str]

    @property
    def term(self) -> str:
        """The contract's length for a sentence: '10-year', or '20-week' if short."""
        count, _, unit = self.contract_length.partition(" ")
        if not unit or unit.startswith("year"):
            return f"{self.contract_years}-year"
        return f"{count}-{unit.removesuffix('s')}"

    @property
    def span(self) -> str:
        """The contract's length after 'over': '10 years', or '20 weeks' if short."""
        _, _, unit = self.contract_length.partition(" ")
        if not unit or unit.startswith("year"):
            return f"{self.contract_years} years"
        return self.contract_length

    @property
    def margin_share(self) -> float | None:
        """Operating margin as a share of revenue."""
        return (
            self.operating_margin_eur / self.revenue_eur if self.revenue_eur else None
        )

    @property
    def added_fte(self) -> float:
        """Average full-time equivalents added over all sites."""
        return sum(site.fte_average for site in self.activity)

    def summary(self) -> Summary:
        """NPV, revenue, margin and payback, then each year, for repr and notebooks."""
        payback = "never" if self.payback_years is None else f"{self.payback_years:.1f}"
        margin = "-" if self.margin_share is None else share(self.margin_share)
        return Summary(
            title=self.scenario_name,
            facts=[
                ("NPV", money(self.npv_eur, self.currency)),
                ("revenue", money(self.revenue_eur, self.currency)),
                ("operating margin", margin),
                ("units", whole(self.units)),
                ("payback years", payback),
            ],
            headers=(self.period.value, "from", "units", "revenue", "direct costs"),
            rows=[
                (
                    str(year.year),
                    day(year.start),
                    whole(year.units),
                    money(year.revenue_eur, self.currency),
                    money(year.direct_costs_eur, self.currency),
                )
                for year in self.years
            ],
        )
