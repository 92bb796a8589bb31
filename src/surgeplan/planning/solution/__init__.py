"""A solved model read back into the plan's records: production, costs, bottlenecks."""
