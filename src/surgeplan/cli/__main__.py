"""`python -m surgeplan.cli`: the `surgeplan` command from a given interpreter."""

from surgeplan.cli.main import run

run()
