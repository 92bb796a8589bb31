"""Scenario -> run folder: every stage as a function over one typed run folder.

`run_pipeline` is the whole flow; the CLI commands, the service's runs and `make demo`
call these functions. Importing the package loads no solver (see `schedules`).
"""
