"""Scenario + Plan -> BusinessCase: revenue, costs, NPV and added activity."""

from surgeplan.economics.case import BusinessCase, SiteActivity, YearCashFlow
from surgeplan.economics.cashflow import CONVENTIONS, business_case
from surgeplan.economics.finance import npv, payback_years
from surgeplan.economics.sensitivity import (
    Sensitivity,
    SensitivityCase,
    last_milestone_date,
    sensitivity,
)
from surgeplan.economics.variants import SensitivityInput

__all__ = [
    "CONVENTIONS",
    "BusinessCase",
    "Sensitivity",
    "SensitivityCase",
    "SensitivityInput",
    "SiteActivity",
    "YearCashFlow",
    "business_case",
    "last_milestone_date",
    "npv",
    "payback_years",
    "sensitivity",
]
