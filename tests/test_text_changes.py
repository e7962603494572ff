"""Report-text and contact changes in a real SQLite file: one transaction, compare-and-set, exact undo."""

from __future__ import annotations

import pytest

from forms import text_edits as edits
from forms.report import MAIN_ROW, CellKey
from forms.text_changes import Contact
from storage.report_text import ReportTexts, put_text
from storage.store import Store
from storage.text_changes import ContactConflict, TextConflict, apply_contact, apply_text
from tests.support.texts import edit_text


def test_a_whole_text_reads_back_as_it_was_put(store, sample):
    texts = ReportTexts(store)
    text = texts.get(sample)
    put_text(texts, sample, text)
    assert texts.get(sample) == text


def test_undo_of_a_removed_section_brings_back_its_body_and_place(store, sample):
    texts = ReportTexts(store)
    original = texts.get(sample)
    change = edits.remove_section(original, "s8")  # 三、存在问题, which has text
    apply_text(texts, sample, change)
    assert "存在问题" not in [s.heading for s in texts.get(sample).sections]
    undo = change.inverse()
    assert (undo.label, undo.key) == ("删除小节“三、存在问题”", "s8")  # 重做 shows the same step, at the section
    apply_text(texts, sample, undo)
    assert texts.get(sample) == original
    assert texts.get(sample).sections[7].body == original.sections[7].body != ""


def test_a_change_is_refused_when_another_window_wrote_in_between(store, sample, db_path):
    texts = ReportTexts(store)
    change = edits.set_body(texts.get(sample), "s9", "明年继续努力。")
    apply_text(texts, sample, change)
    other = Store(db_path)  # another window on the same file
    try:
        edit_text(other, sample, edits.set_body, "s1", "另一个窗口写的。")
    finally:
        other.close()
    with pytest.raises(TextConflict, match="已被另一个窗口或程序修改"):
        apply_text(texts, sample, change.inverse())
    after = texts.get(sample)
    assert after.sections[0].body == "另一个窗口写的。" and after.sections[8].body == "明年继续努力。"


def test_each_kind_keeps_its_own_text(store, sample):
    texts = ReportTexts(store)
    texts.open(sample, "rule_of_law")
    other = texts.get(sample, "rule_of_law")
    enforcement = texts.get(sample, "enforcement")
    apply_text(texts, sample, edits.set_title(enforcement, "新的标题"))
    assert texts.get(sample, "enforcement").title == "新的标题"
    assert texts.get(sample, "rule_of_law") == other


def test_a_contact_change_and_its_undo(store, sample):
    before = Contact.of(sample)
    change = edits.edit_contact(before, "示例市应急管理局执法支队", "王明", sample.contact_phone)
    report = apply_contact(store, sample.id, change)
    assert (report.filler, report.contact_person) == ("示例市应急管理局执法支队", "王明")
    unit = "unit_name"  # 附件2's 行政执法单位名称 follows the 填报单位
    assert store.form_data(report, store.forms[0]).values[CellKey(MAIN_ROW, unit)] == "示例市应急管理局执法支队"
    assert change.inverse().label == "修改填报单位、联系人"  # the step's name in 撤销/重做 either way
    report = apply_contact(store, sample.id, change.inverse())
    assert Contact.of(report) == before
    assert store.form_data(report, store.forms[0]).values[CellKey(MAIN_ROW, unit)] == before.filler


def test_a_contact_change_is_refused_when_the_file_holds_another_line(store, sample):
    change = edits.edit_contact(Contact.of(sample), sample.filler, "王明", sample.contact_phone)
    store.update_contact(sample.id, filler=sample.filler, contact_person="李四", contact_phone="1")
    with pytest.raises(ContactConflict, match="已被另一个窗口或程序修改"):
        apply_contact(store, sample.id, change)
    assert store.report(sample.id).contact_person == "李四"
