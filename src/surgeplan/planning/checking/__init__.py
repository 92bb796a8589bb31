"""The independent plan checker: every constraint recomputed from the records."""
