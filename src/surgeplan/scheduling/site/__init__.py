"""Scenario (+ Plan) -> Schedule of one site's stations over some weeks (CP-SAT).

Importing this package loads no solver; `schedule_site` imports OR-Tools when called.
"""
