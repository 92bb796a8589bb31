"""The planning model: its index, variables and rows, built as arrays (no solver)."""
