"""The rules the window follows, as plain tests (the window only shows them): the export gate, typing
not saved, the contact line, the audit panel's lines, positions in the shown text, the outline
list, the paste-only-into-empty rule, and opening and restoring the file (storage/window_open.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from forms.errors import UserError
from forms.export_gate import errors_question, export_kind, offered_name, unsaved_refusal, with_suffix
from forms.finding_groups import FILTERS, FindingGroup, group_heading, shown_by, summary_line
from forms.findings import ContactLocation, Finding, TextLocation
from forms.history import Histories
from forms.outline_list import (
    CLOSING_LABEL,
    LEAD_LABEL,
    changed_at,
    is_heading,
    outline_entry,
    outline_keys,
    outline_labels,
    row_to_show,
)
from forms.paste_report import has_text
from forms.report import Report, ReportText, Section
from forms.rules import Severity
from forms.shown_text import shown_position, stored_caret, stored_span
from forms.text_changes import Contact, TextChange
from forms.text_edits import CLOSING, LEAD, contact_unchanged, followed_box, unsaved_contact_text
from forms.unsaved import BEFORE_CLOSE, BEFORE_RESTORE, unsaved_note

REPORT = Report(1, "示例市应急管理局", 2024)
ERROR = Finding(TextLocation("s1"), Severity.ERROR, "数字与表格不符", "TEXT_NUMBER")
HINT = Finding(ContactLocation("contact_phone"), Severity.HINT, "请填写联系方式", "CONTACT_BLANK")


def test_an_export_is_refused_while_typing_is_unsaved():
    assert unsaved_refusal([None, None]) is None
    refusal = unsaved_refusal(["文件被占用", None, "磁盘空间已满"])
    assert refusal == "刚填写的内容未能保存，未导出：\n文件被占用\n磁盘空间已满"


def test_a_restore_and_a_close_say_the_same_in_their_own_words():
    assert unsaved_note([None], BEFORE_RESTORE) is None
    assert unsaved_note(["锁定"], BEFORE_RESTORE) == "刚填写的内容未能保存，请先处理后再恢复：\n锁定"
    assert unsaved_note([None, "锁定"], BEFORE_CLOSE) == "有刚填写的内容未能保存：\n锁定"


def test_errors_are_asked_about_hints_are_not():
    assert errors_question([]) is None and errors_question([HINT]) is None
    assert errors_question([ERROR, HINT, ERROR]) == "审核发现 2 个错误尚未改正（见窗口下方“审核”）。仍要导出吗？"
    proofread = replace(HINT, code="PROOF_SPACE")
    assert errors_question([proofread]) is None  # 提示 are not asked about
    assert errors_question([ERROR, proofread]) == (
        "审核发现 1 个错误尚未改正，另有 1 条校对提示（见窗口下方“审核”）。仍要导出吗？"
    )


def test_the_file_name_offered():
    assert export_kind(".xlsx") == "xlsx"
    assert offered_name(REPORT, ".xlsx", "法治政府建设工作报告") == "示例市应急管理局2024年行政执法数据附表.xlsx"
    assert offered_name(REPORT, ".docx") == "示例市应急管理局2024年行政执法工作报告.docx"
    assert offered_name(REPORT, ".docx", "法治政府建设工作报告") == "示例市应急管理局2024年法治政府建设工作报告.docx"
    assert with_suffix("C:/报表/附表", ".xlsx") == "C:/报表/附表.xlsx"
    assert with_suffix("C:/报表/附表.XLSX", ".xlsx") == "C:/报表/附表.XLSX"


def test_the_contact_line():
    saved = Contact("示例市应急管理局", "张三", "0000-1234567")
    assert contact_unchanged(saved, " 示例市应急管理局", "张三 ", "0000-1234567")
    assert not contact_unchanged(saved, "示例市应急管理局", "李四", "0000-1234567")
    assert followed_box("张三 ", "张三", "李四") == "李四"  # not edited: follows the file
    assert followed_box("王五", "张三", "李四") == "王五"  # typed, not saved yet: stays
    assert unsaved_contact_text("局", "张三", "123") == "填报单位：局  联系人：张三  联系方式：123"


def test_a_restore_empties_every_history_in_place():
    histories = Histories()
    held = histories.of(1)
    held.record(ERROR)  # any step with a label would do: only the count matters here
    histories.of(2).record(HINT)
    histories.clear_all()
    assert histories.of(1) is held and held.undo_name() is None and histories.of(2).undo_name() is None


def test_the_audit_panel_lines():
    assert summary_line([]) == "审核：未发现问题"
    assert summary_line([ERROR, HINT]) == "审核：错误 1 条（必须改正），提示 1 条（请核对或说明）"
    assert group_heading(FindingGroup("text", "报告正文", [ERROR, HINT])) == "报告正文（错误 1，提示 1）"
    assert group_heading(FindingGroup("contact", "填报单位和联系人", [HINT])) == "填报单位和联系人（提示 1）"
    assert FILTERS == ("全部", "错误", "提示", "校对")
    slip = Finding(TextLocation("s1", span=(0, 1)), Severity.HINT, "“員”是繁体字", "PROOF_TRADITIONAL", "员")
    assert shown_by([ERROR, HINT, slip], "全部") == [ERROR, HINT, slip]
    assert shown_by([ERROR, HINT, slip], "错误") == [ERROR] and shown_by([ERROR, HINT, slip], "提示") == [HINT, slip]
    assert shown_by([ERROR, HINT, slip], "校对") == [slip]  # the text's slips, without the blank cells between


# "共**78**件": shown as "共78件", the bold marks hidden, 78 a figure stored as its token.
PIECES = [("共", "共", 0, True), ("", "**", 1, False), ("78", "{{a2.penalty.cur}}", 1, False), ("", "**", 3, False),
          ("件", "件", 3, True)]  # fmt: skip


def test_positions_map_between_stored_and_shown_text():
    token = len("{{a2.penalty.cur}}")
    assert shown_position(PIECES, 0, 99) == 0 and shown_position(PIECES, 1, 99) == 1
    assert shown_position(PIECES, 3 + token, 99) == 3  # after the figure
    assert shown_position(PIECES, 1000, 99) == 99
    assert stored_caret(PIECES, 0) == 0 and stored_caret(PIECES, 2) == 3 + token  # inside the figure: after it
    assert stored_caret(PIECES, 4) == 6 + token  # after 件: the whole stored text
    assert stored_span(PIECES, 1, 3) == (3, 3 + token)  # the figure whole
    assert shown_position(PIECES, 4, 99) == 3  # inside the figure's token: after the figure
    assert shown_position(PIECES, 6 + token, 99) == 4  # the stored end is the shown end, not "past the last piece"
    assert stored_caret(PIECES, 3) == 5 + token  # after a bold figure: after the closing mark, typing is not bold
    assert stored_span(PIECES, 2, 3) == (3, 3 + token)  # starting inside the figure: the figure whole


TOKEN = "{{a2.penalty.cur}}"
# "一是**处罚78件**。": shown as "一是处罚78件。", 处罚78件 bold.
BOLD = [("一是", "一是", 0, True), ("", "**", 2, False), ("处罚", "处罚", 2, True), ("78", TOKEN, 4, False),
        ("件", "件", 6, True), ("", "**", 7, False), ("。", "。", 7, True)]  # fmt: skip
# "78件": a text that starts with a figure.
LEADING = [("78", "{{a2.penalty.cur}}", 0, False), ("件", "件", 2, True)]


def test_positions_inside_plain_text_and_at_a_figure_that_starts_the_text():
    token = len("{{a2.penalty.cur}}")
    assert shown_position(BOLD, 5, 99) == 3  # between 处 and 罚
    assert stored_caret(BOLD, 2) == 2  # after 一是: before the opening mark, typing is not bold
    assert stored_caret(BOLD, 3) == 5  # between 处 and 罚
    assert stored_span(BOLD, 3, 4) == (5, 6)  # 罚
    assert stored_span(BOLD, 2, 3) == (4, 5)  # 处: inside the bold span
    assert shown_position(LEADING, 0, 99) == 0 and shown_position(LEADING, token, 99) == 2
    assert stored_caret(LEADING, 0) == 0  # before the figure
    assert stored_caret(LEADING, 1) == token  # inside the figure: after it


def test_the_outline_list():
    text = ReportText("law", "报告", "", None, (), (Section("a", 1, "基本情况", ""), Section("b", 2, "执法", "")))
    assert outline_labels(text) == [LEAD_LABEL, "一、基本情况", "　（一）执法", CLOSING_LABEL]
    keys = outline_keys(text)
    assert keys == [LEAD, "a", "b", CLOSING]
    assert outline_entry(text, LEAD) == Section(LEAD, 0, "导语", "")
    assert outline_entry(text, "b") is text.sections[1] and outline_entry(text, "gone") is None
    assert [is_heading(k) for k in (None, *keys)] == [False, False, True, True, False]
    assert row_to_show(keys, "b") == 2 and row_to_show(keys, "gone") == 1  # the first section
    assert row_to_show(outline_keys(replace(text, sections=())), None) == 0  # none: 导语
    assert row_to_show(outline_keys(replace(text, sections=text.sections[:1])), None) == 1  # one section: it
    closing = replace(text, closing="特此报告。")
    assert outline_entry(closing, CLOSING) == Section(CLOSING, 0, "结束语", "特此报告。")


def test_a_pasted_report_goes_only_into_an_empty_one():
    empty = ReportText("law", "报告", "", date(2025, 1, 1), (), (Section("a", 1, "基本情况", "  "),))
    assert not has_text(empty)
    assert has_text(ReportText("law", "", "", None, (), (), lead="导语"))
    assert has_text(ReportText("law", "", "", None, (), (Section("a", 1, "", "正文"),)))


def test_a_second_window_on_a_file_is_refused_and_its_lock_left_alone(tmp_path):
    from storage.lock import InstanceLock
    from storage.window_open import open_for_window

    db = tmp_path / "tianbao.sqlite3"
    with InstanceLock(db), pytest.raises(UserError, match="已在另一个填报助手窗口中打开"):
        open_for_window(db, lambda _exc: True)
    store, lock = open_for_window(db, lambda _exc: True)  # free again: the refused open held nothing
    store.close()
    lock.release()


def test_a_damaged_file_is_restored_only_when_the_clerk_says_so(tmp_path):
    from storage.database import DamagedDatabase
    from storage.store import Store
    from storage.window_open import open_for_window, restore_question

    db = tmp_path / "tianbao.sqlite3"
    store = Store(db)
    store.backup("start")
    store.close()
    db.write_bytes(b"\x00" * 8192)
    asked: list[str] = []

    def no(exc: DamagedDatabase) -> bool:
        asked.append(restore_question(exc))
        return False

    with pytest.raises(DamagedDatabase):
        open_for_window(db, no)
    assert "可以用最近的备份恢复" in asked[0] and "现在恢复吗？" in asked[0]
    store, lock = open_for_window(db, lambda _exc: True)
    assert list(tmp_path.glob("tianbao.sqlite3.damaged-*"))
    store.close()
    assert lock is not None
    lock.release()


def test_restoring_in_place_leaves_the_store_open(tmp_path):
    from storage.sample import create_sample
    from storage.store import Store
    from storage.window_open import restore_in_place

    store = Store(tmp_path / "tianbao.sqlite3")
    copy = store.backup("manual", tmp_path / "备份.sqlite3")
    create_sample(store)
    restore_in_place(store, copy)
    assert store.reports() == []  # the backup's: before the sample
    with pytest.raises(UserError):
        restore_in_place(store, tmp_path / "没有这个文件.sqlite3")
    assert store.reports() == []  # still open, on the file as it was
    store.close()


def test_an_import_says_what_to_look_at_and_how_many_came_in(tmp_path):
    from importers.importing import REJECTED, SAME, FileResult, results_summary, workbooks_in

    for name in ("b县.xlsx", "a县.xlsx", "~$a县.xlsx", "说明.docx"):
        (tmp_path / name).write_bytes(b"")
    assert [p.name for p in workbooks_in(tmp_path)] == ["a县.xlsx", "b县.xlsx"]  # not Excel's ~$ lock file
    done = FileResult(tmp_path / "a县.xlsx", "已导入", "a县", 2024, changes=["附件2 行政检查(2024) 190 → 200"])
    done.disagreements.append("附件2 同比增减")
    refused = FileResult(tmp_path / "b县.xlsx", REJECTED, message="不是附表")
    assert done.details() == ["同比增减不一致：附件2 同比增减", "改动：附件2 行政检查(2024) 190 → 200"]
    assert refused.details() == []
    assert results_summary([done, refused]) == "共 2 个文件：导入 1 个，与上次相同 0 个，未导入 1 个。"
    same = FileResult(tmp_path / "c县.xlsx", SAME, "c县", 2024)
    assert same.line() == "c县.xlsx\tc县\t2024\t与上次导入的文件相同，没有改动" and same.details() == []
    assert results_summary([done, same, refused]) == "共 3 个文件：导入 1 个，与上次相同 1 个，未导入 1 个。"


def _step(before: str, after: str) -> TextChange:
    def text(body: str) -> ReportText:
        return ReportText("enforcement", "标题", "", None, (), (Section("s1", 1, "基本情况", body),))

    return TextChange(text(before), text(after), "小节正文 一、基本情况", "s1")


def test_the_caret_after_a_step_is_at_the_end_of_what_it_put_there():
    assert changed_at(_step("共78件。", "共78件。另起一句。"), "s1") == 10  # typing back: after it, as typed
    assert changed_at(_step("共78件。另起一句。", "共78件。"), "s1") == 5  # typing taken away: where it was
    assert changed_at(_step("安全管理人員开展", "安全管理人员开展"), "s1") == 6  # a fix: right after it
    assert changed_at(_step("共78件", "再共78件"), "s1") == 1  # at the start
    assert changed_at(_step("甲甲", "甲甲甲"), "s1") == 3  # the same characters: after all of them
    assert changed_at(_step("共78件。", "共78件。"), "s1") is None  # the section did not change
    assert changed_at(_step("共78件。", "共79件。"), "s2") is None  # another section's step


def test_the_caret_stays_put_after_a_step_that_adds_or_removes_the_section():
    with_it = _step("", "共78件。").after
    without = ReportText("enforcement", "标题", "", None, (), ())
    assert changed_at(TextChange(without, with_it, "添加小节", "s1"), "s1") is None  # a new section: its start
    assert changed_at(TextChange(with_it, without, "删除小节", "s1"), "s1") is None
