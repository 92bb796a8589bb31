"""Scenario + Plan -> RiskReport: vectorised Monte Carlo of executing the plan."""
