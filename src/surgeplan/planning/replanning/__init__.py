"""Planning again on a running program: re-plan, promise, demand changes."""
