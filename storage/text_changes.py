"""Report-text and contact-line changes applied in one transaction, compare-and-set: a change
whose ``before`` the file no longer holds (another window or program wrote in between) is
refused, as ``Store.apply`` refuses a cell change. The text itself is written by
``storage.report_text.put_text``, the one write of a report text."""

from __future__ import annotations

from forms.errors import UserError
from forms.report import Report
from forms.text_changes import Contact, ContactChange, TextChange
from storage.report_text import ReportTexts, put_text
from storage.store import Store


class TextConflict(UserError):
    def __init__(self) -> None:
        super().__init__("报告正文已被另一个窗口或程序修改，本次操作未保存；已显示文件中的最新内容")


class ContactConflict(UserError):
    def __init__(self) -> None:
        super().__init__("填报单位和联系人已被另一个窗口或程序修改，本次操作未保存；已显示文件中的最新内容")


def apply_text(texts: ReportTexts, report: Report, change: TextChange) -> None:
    with texts.store.write():
        if texts.get(report, change.before.kind) != change.before:
            raise TextConflict
        put_text(texts, report, change.after)


def apply_contact(store: Store, report_id: int, change: ContactChange) -> Report:
    """The report with its new contact line (附件2's 行政执法单位名称 follows the 填报单位)."""
    with store.write():
        if Contact.of(store.report(report_id)) != change.before:
            raise ContactConflict
        after = change.after
        store.update_contact(report_id, filler=after.filler, contact_person=after.person, contact_phone=after.phone)
    return store.report(report_id)
