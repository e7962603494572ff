"""Whether a clerk has started on a report (the audit summarises the blanks of one never touched)."""

from __future__ import annotations

from forms.report import ReportData


def untouched(data: ReportData) -> bool:
    """True while no table holds a value typed for the report year: only blanks, or the
    last-year column a new report copies from the year before."""
    previous = data.report.year - 1
    return not any(
        value is not None and key.period != previous for form in data.forms for key, value in form.values.items()
    )
