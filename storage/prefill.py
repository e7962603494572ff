"""A new report for year Y starts from the same unit's Y−1 report, when the file holds it.

Its (Y−1) columns are what that report gave for its own year (``Store.fill_previous_year``, for
typed and imported reports alike), and 填报单位/联系人/联系方式 are carried over unless typed anew.
"""

from __future__ import annotations

from forms.report import Report
from storage.store import Store


def previous_report(store: Store, unit: str, year: int) -> Report | None:
    """The same unit's report for the year before, if the file holds it."""
    return store.find_report(unit.strip(), year - 1)


def create_report_from_previous(
    store: Store, unit: str, year: int, *, filler: str = "", contact_person: str = "", contact_phone: str = ""
) -> Report:
    """``Store.create_report`` (which fills the (Y−1) columns from last year's report, see
    ``Store.fill_previous_year``) with last year's contact line where none is typed; one
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
    return report
