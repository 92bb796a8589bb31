"""The plan as data: its records, files, workbook and diff; no model, no solver."""
