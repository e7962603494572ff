"""Local persistence: one SQLite file, values keyed by (report, form, row, field, period)."""
