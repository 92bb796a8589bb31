"""The command line: Typer commands that call the stages."""
