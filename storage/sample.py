"""Create the example report (``python main.py sample``; 帮助 → 创建示例报表 in the window)."""

from __future__ import annotations

from datetime import date

from forms import sample
from forms import text_edits as edits
from forms.draft import draft_basic_situation
from forms.errors import UserError
from forms.report import Report
from storage.report_text import ReportTexts, put_text
from storage.store import Store


def create_sample(store: Store) -> Report:
    if store.find_report(sample.UNIT, sample.YEAR) is not None:
        raise UserError(f"示例报表（{sample.UNIT} {sample.YEAR}年）已存在")
    report = store.create_report(
        sample.UNIT, sample.YEAR, contact_person=sample.CONTACT_PERSON, contact_phone=sample.CONTACT_PHONE
    )
    year = report.year
    a2, a3, a4, a5 = (store.spec_of(report, key) for key in ("a2", "a3", "a4", "a5"))  # its own template's
    store.set_values(report.id, a2, sample.comparison_values(sample.A2, year))
    store.set_values(report.id, a3, sample.comparison_values(sample.A3, year))
    store.set_values(report.id, a4, sample.list_row(store.form_data(report, a4).rows[0], sample.A4_ROW))
    store.set_values(report.id, a5, sample.list_row(store.form_data(report, a5).rows[0], sample.A5_ROW))
    write_sample_text(store, report)
    return report


def write_sample_text(store: Store, report: Report) -> None:
    """The sample's 成文日期 and section texts, made by the clerk's edits and written as one text."""
    texts = ReportTexts(store)
    drafted = draft_basic_situation(store.report_data(report, with_text=False))
    with store.write():
        before = texts.get(report)
        text = edits.set_sign_date(before, date(*sample.SIGN_DATE)).after
        for section in before.sections:
            body = sample.NARRATIVE.get(section.heading, "")
            text = edits.set_body(text, section.key, body.replace(sample.DRAFTED, drafted)).after
        put_text(texts, report, text)
