"""Scenario (+ Plan) -> Schedule: detailed station schedules on CP-SAT."""
