"""Scenario -> Plan: the capacity and ramp-up plan, a MILP on HiGHS."""
