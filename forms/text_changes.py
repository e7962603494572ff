"""Report-text and contact-line edits as values, like the cells' (``forms.changes``).

A text change holds the whole text of one report kind before and after: a text is small (a few
thousand characters), so a whole copy keeps undo exact (a removed section comes back with its
body, key and place) with one simple compare-and-set in storage, where per-field changes would need
one change type per edit. Storage refuses a change when the file no longer holds ``before``.
"""

from __future__ import annotations

from dataclasses import dataclass

from forms.report import Report, ReportText


@dataclass(frozen=True)
class TextChange:
    before: ReportText
    after: ReportText
    label: str  # the step's name in 撤销/重做: 删除小节“二、存在问题”
    key: str | None = None  # the outline entry it concerns, shown once it is applied

    def inverse(self) -> TextChange:
        return TextChange(self.after, self.before, self.label, self.key)


@dataclass(frozen=True)
class Contact:
    """The line above each table: 填报单位, 联系人 and 联系方式."""

    filler: str
    person: str
    phone: str

    @classmethod
    def of(cls, report: Report) -> Contact:
        return cls(report.filler, report.contact_person, report.contact_phone)


@dataclass(frozen=True)
class ContactChange:
    before: Contact
    after: Contact
    label: str

    def inverse(self) -> ContactChange:
        return ContactChange(self.after, self.before, self.label)
