"""Report-text and contact-line changes applied in one transaction, compare-and-set: a change
whose ``before`` the file no longer holds (another window or program wrote in between) is
refused, as ``Store.apply`` refuses a cell change."""

from __future__ import annotations

from forms.errors import UserError
from forms.outline import run_in_text, styles_text
from forms.report import Report, ReportText
from forms.text_changes import Contact, ContactChange, TextChange
from storage.report_text import ReportTexts
from storage.store import Store


class TextConflict(UserError):
    def __init__(self) -> None:
        super().__init__("报告正文已被另一个窗口或程序修改，本次操作未保存；已显示文件中的最新内容")


class ContactConflict(UserError):
    def __init__(self) -> None:
        super().__init__("填报单位和联系人已被另一个窗口或程序修改，本次操作未保存；已显示文件中的最新内容")


def _insert(texts: ReportTexts, table: str, row: dict[str, object]) -> None:
    # Names are the program's own column names, never input.
    names = ", ".join(row)
    marks = ", ".join("?" * len(row))
    texts.store.conn.execute(f"insert into {table} ({names}) values ({marks})", list(row.values()))


def put_text(texts: ReportTexts, report: Report, text: ReportText) -> None:
    """Make ``text`` the report's text of its kind: its report_texts row and all its sections."""
    where = [report.id, text.kind]
    with texts.store.write():
        conn = texts.store.conn
        conn.execute("delete from sections where report_id=? and kind=?", where)
        conn.execute("delete from report_texts where report_id=? and kind=?", where)
        _insert(
            texts,
            "report_texts",
            {
                "report_id": report.id,
                "kind": text.kind,
                "title": text.title,
                "signer": text.signer,
                "sign_date": text.sign_date.isoformat() if text.sign_date else None,
                "attachments": ",".join(text.attachments),
                "attachment_numbering": text.attachment_numbering,
                "lead": text.lead,
                "closing": text.closing,
                "run_in": run_in_text(text.run_in),
                "unit_line": text.unit_line,
                "numbering": styles_text(text.styles),
                "attachment_note": int(text.attachment_note),
            },
        )
        for position, s in enumerate(text.sections):
            _insert(
                texts,
                "sections",
                {
                    "report_id": report.id,
                    "kind": text.kind,
                    "key": s.key,
                    "position": position,
                    "level": s.level,
                    "heading": s.heading,
                    "body": s.body,
                    "numbered": int(s.numbered),
                    "run_in": None if s.run_in is None else int(s.run_in),
                },
            )


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
