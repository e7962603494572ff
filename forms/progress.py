"""Whether a clerk has started on a report (the audit summarises the blanks of one never touched)."""

from __future__ import annotations

from forms.report import CellKey, FormData, ReportData
from forms.spec import FILLER


def untouched(data: ReportData) -> bool:
    """True while no table holds a value typed for the report year: only blanks, the last-year column
    a new report copies from the year before, or what a field starts as (附件2's unit, the 填报单位)."""
    previous = data.report.year - 1
    filler = data.report.filler or data.report.unit
    return not any(
        value is not None and key.period != previous and not _as_started(form, key, value, filler)
        for form in data.forms
        for key, value in form.values.items()
    )


def _as_started(form: FormData, key: CellKey, value: object, filler: str) -> bool:
    try:
        return form.spec.field(key.field).default == FILLER and value == filler
    except KeyError:
        return False
