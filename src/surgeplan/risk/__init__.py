"""Scenario + Plan -> RiskReport: vectorised Monte Carlo of executing the plan."""

from surgeplan.risk.executors import ExecutorError
from surgeplan.risk.mitigate import (
    MITIGATIONS_FORMAT,
    MitigationKind,
    MitigationReport,
    MitigationsFileError,
    MitigationValue,
    load_mitigation_report,
    mitigate,
)
from surgeplan.risk.pairing import (
    PairingError,
    check_pairing,
    check_plan_matches_scenario,
)
from surgeplan.risk.policy import Executor, RecoveryPolicy
from surgeplan.risk.report import (
    RISK_FORMAT,
    FanPoint,
    KeyMilestonesChange,
    MilestoneChange,
    MilestoneOdds,
    ReachedDate,
    RiskContribution,
    RiskFileError,
    RiskReport,
    SystematicRisk,
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
    "KeyMilestonesChange",
    "MilestoneChange",
    "MilestoneOdds",
    "MitigationKind",
    "MitigationReport",
    "MitigationValue",
    "MitigationsFileError",
    "PairingError",
    "ReachedDate",
    "RecoveryPolicy",
    "RiskContribution",
    "RiskFileError",
    "RiskKind",
    "RiskReport",
    "SystematicRisk",
    "check_pairing",
    "check_plan_matches_scenario",
    "load_mitigation_report",
    "load_risk_report",
    "mitigate",
    "simulate",
]
