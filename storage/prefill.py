"""A new report for year Y starts from the same unit's Y−1 report, when the file holds it.

Its (Y−1) columns are what that report gave for its own year, and 填报单位/联系人/联系方式 are
carried over unless typed anew. The import issue extends this to figures read from last year's
workbook; both end in ``Store.set_values`` on the new report.
"""

from __future__ import annotations

from forms.report import MAIN_ROW, CellKey, Report
from forms.spec import RowStyle
from storage.store import Store


def previous_report(store: Store, unit: str, year: int) -> Report | None:
    """The same unit's report for the year before, if the file holds it."""
    return store.find_report(unit.strip(), year - 1)


def create_report_from_previous(
    store: Store, unit: str, year: int, *, filler: str = "", contact_person: str = "", contact_phone: str = ""
) -> Report:
    """``Store.create_report``, then last year's figures and contact line copied in, in one
    transaction: the new report exists complete or not at all."""
    with store.write():
        previous = previous_report(store, unit, year)
        if previous is not None:
            filler = filler or (previous.filler if previous.filler != previous.unit else "")
            contact_person = contact_person or previous.contact_person
            contact_phone = contact_phone or previous.contact_phone
        report = store.create_report(
            unit, year, filler=filler, contact_person=contact_person, contact_phone=contact_phone
        )
        if previous is not None:
            copy_last_year(store, previous, report)
    return report


def copy_last_year(store: Store, previous: Report, report: Report) -> int:
    """Copy ``previous``'s own-year figures into ``report``'s (Y−1) columns; returns how many."""
    copied = 0
    for spec in store.forms:
        if spec.rows is not RowStyle.COMPARISON:
            continue  # 附件4/附件5 have no last-year column
        data = store.form_data(previous, spec)
        values = {
            CellKey(MAIN_ROW, field.key, report.year - 1): data.get(CellKey(MAIN_ROW, field.key, previous.year))
            for field in spec.paired_fields()
        }
        values = {key: value for key, value in values.items() if value is not None}
        if values:
            store.set_values(report.id, spec, values)
            copied += len(values)
    return copied
