"""Runs executed as `surgeplan` subprocesses by a pool of workers."""
