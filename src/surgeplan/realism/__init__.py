"""Realism: a plan's ramp-up held against the surges that really happened.

`reference` reads the shipped reference class (real programs, each figure with its
public source); `measures` and `precedents` measure each record's ramp; `plan_ramp`
measures a plan the same way; `comparison` places the plan among them and flags what
no precedent achieved.
"""
