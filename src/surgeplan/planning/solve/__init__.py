"""HiGHS runs on a built model, and the phases of a planning run around them."""
