"""Scenario + Plan -> RiskReport: vectorised Monte Carlo of executing the plan."""

from surgeplan.risk.executors import ExecutorError
from surgeplan.risk.mitigate import (
    MITIGATIONS_FORMAT,
    MitigationKind,
    MitigationReport,
    MitigationValue,
    mitigate,
)
from surgeplan.risk.policy import Executor, RecoveryPolicy
from surgeplan.risk.report import (
    RISK_FORMAT,
    FanPoint,
    MilestoneChange,
    MilestoneOdds,
    ReachedDate,
    RiskContribution,
    RiskReport,
    load_risk_report,
)
from surgeplan.risk.simulate import simulate
from surgeplan.risk.targets import RiskKind

__all__ = [
    "MITIGATIONS_FORMAT",
    "RISK_FORMAT",
    "Executor",
    "ExecutorError",
    "FanPoint",
    "MilestoneChange",
    "MilestoneOdds",
    "MitigationKind",
    "MitigationReport",
    "MitigationValue",
    "ReachedDate",
    "RecoveryPolicy",
    "RiskContribution",
    "RiskKind",
    "RiskReport",
    "load_risk_report",
    "mitigate",
    "simulate",
]
