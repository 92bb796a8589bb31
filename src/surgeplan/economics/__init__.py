"""Scenario + Plan -> BusinessCase: revenue, costs, NPV and added activity."""
