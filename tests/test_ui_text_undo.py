"""撤销/重做 of the report text and the contact line, driven by real keys and clicks."""

from __future__ import annotations

from contextlib import suppress

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QToolBar, QToolButton

from forms import text_edits as edits
from forms.errors import UserError
from storage.database import DatabaseLocked
from storage.report_text import ReportTexts
from storage.store import Store
from tests.support.qt import show_tab, step_tip
from tests.support.texts import edit_text
from tests.test_ui_report_kinds import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
PROBLEMS = 8  # 三、存在问题 in the outline list (导语 is row 0)


@pytest.fixture
def window(qtbot, main_window):
    show_tab(qtbot, main_window, main_window.report_page)
    return main_window


def button(page, text: str) -> QToolButton:
    return next(b for b in page.findChildren(QToolButton) if b.text() == text)


def outline(page) -> list[str]:
    return [page.sections.item(i).text() for i in range(page.sections.count())]


def test_a_deleted_section_comes_back_with_its_text_on_ctrl_z(qtbot, window, store, sample):
    page = window.report_page
    shown = outline(page)
    body = ReportTexts(store).get(sample).sections[7].body
    assert body  # 存在问题 has text: deleting it asked "删除后不能恢复" before it could be undone
    page.sections.setCurrentRow(PROBLEMS)
    qtbot.mouseClick(button(page, "删除"), Qt.MouseButton.LeftButton)  # no question: a dialog fails the test
    assert "三、存在问题" not in outline(page)
    assert step_tip(window.undo_action) == "撤销：删除小节“三、存在问题”（Ctrl+Z）"
    page.sections.setFocus()  # not the text editor, whose own Ctrl+Z undoes typing
    qtbot.keyClick(page.sections, Qt.Key.Key_Z, CTRL)
    assert outline(page) == shown
    assert page.sections.currentItem().text() == "三、存在问题"
    assert page.body.toPlainText() == body
    assert ReportTexts(store).get(sample).sections[7].body == body
    assert "已撤销：删除小节“三、存在问题”" in window.statusBar().currentMessage()
    qtbot.keyClick(page.sections, Qt.Key.Key_Y, CTRL)  # 重做 deletes it again
    assert "三、存在问题" not in outline(page)
    assert [s.heading for s in ReportTexts(store).get(sample).sections][-2:] == [
        "行政执法工作保障情况",
        "下一步工作打算",
    ]


def test_typing_saved_on_a_pause_is_one_step(qtbot, window, store, sample):
    page = window.report_page
    page.sections.setCurrentRow(PROBLEMS)
    before = page.body.toPlainText()
    page.body.setFocus()
    page.body.moveCursor(page.body.textCursor().MoveOperation.End)
    type_text(page.body, "另起一句。")
    stored = lambda: ReportTexts(store).get(sample).sections[7].body  # noqa: E731
    qtbot.waitUntil(lambda: stored() == before + "另起一句。", timeout=3000)
    assert step_tip(window.undo_action) == "撤销：小节正文 三、存在问题（Ctrl+Z）"
    page.sections.setFocus()
    qtbot.keyClick(page.sections, Qt.Key.Key_Z, CTRL)
    assert stored() == before and page.body.toPlainText() == before


def test_a_new_section_and_a_level_change_undo_in_turn(qtbot, window, store, sample, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    page = window.report_page
    shown = outline(page)
    page.sections.setCurrentRow(PROBLEMS)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("工作建议", True))
    qtbot.mouseClick(button(page, "添加"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(page, "降级"), Qt.MouseButton.LeftButton)
    assert outline(page)[PROBLEMS + 1] == "　（一）工作建议"
    page.sections.setFocus()
    qtbot.keyClick(page.sections, Qt.Key.Key_Z, CTRL)
    assert outline(page)[PROBLEMS + 1] == "四、工作建议"
    qtbot.keyClick(page.sections, Qt.Key.Key_Z, CTRL)
    assert outline(page) == shown


def test_undo_is_refused_when_another_window_changed_the_text(qtbot, window, store, sample, db_path, monkeypatch):
    page = window.report_page
    page.sections.setCurrentRow(PROBLEMS)
    qtbot.mouseClick(button(page, "删除"), Qt.MouseButton.LeftButton)
    other = Store(db_path)
    try:
        edit_text(other, sample, edits.set_title, "另一个窗口改的标题")
    finally:
        other.close()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    page.sections.setFocus()
    qtbot.keyClick(page.sections, Qt.Key.Key_Z, CTRL)
    assert shown and "已被另一个窗口或程序修改" in shown[0]
    assert page.title.text() == "另一个窗口改的标题"  # the page shows the file as it is
    assert "三、存在问题" not in outline(page)
    assert not window.undo_action.isEnabled()  # the steps no longer match the file


def test_the_contact_person_comes_back_on_undo(qtbot, window, store, sample):
    person = window.person
    person.setFocus()
    person.selectAll()
    type_text(person, "王明")
    qtbot.keyClick(person, Qt.Key.Key_Return)  # editingFinished: saved
    assert store.report(sample.id).contact_person == "王明"
    assert step_tip(window.undo_action) == "撤销：修改联系人（Ctrl+Z）"
    window.report_page.sections.setFocus()
    qtbot.keyClick(window.report_page.sections, Qt.Key.Key_Z, CTRL)
    assert person.text() == "林晓岚" and store.report(sample.id).contact_person == "林晓岚"
    assert "已撤销：修改联系人" in window.statusBar().currentMessage()
    qtbot.keyClick(window.report_page.sections, Qt.Key.Key_Y, CTRL)
    assert person.text() == "王明" and store.report(sample.id).contact_person == "王明"


def test_a_pasted_report_is_one_step(qtbot, window, store, sample):
    from PySide6.QtGui import QGuiApplication

    from tests.test_report_kinds import PASTED

    page, texts = window.report_page, ReportTexts(store)
    texts.open(sample, "rule_of_law")  # a report with no text yet
    page.set_report(sample)
    empty, shown = texts.get(sample, "rule_of_law"), outline(page)
    QGuiApplication.clipboard().setText(PASTED)
    page.paste_report()
    assert texts.get(sample, "rule_of_law").closing == "特此报告。"
    assert step_tip(window.undo_action) == "撤销：粘贴整篇报告（Ctrl+Z）"
    page.sections.setFocus()
    qtbot.keyClick(page.sections, Qt.Key.Key_Z, CTRL)
    assert texts.get(sample, "rule_of_law") == empty and outline(page) == shown


def test_after_a_restore_text_steps_undo_again(qtbot, window, store, sample, tmp_path, monkeypatch):
    page = window.report_page
    copy = store.backup("manual", tmp_path / "备份.sqlite3")
    monkeypatch.setattr("ui.backups.QFileDialog.getOpenFileName", lambda *a, **k: (str(copy), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.restore()
    shown = outline(page)
    page.sections.setCurrentRow(PROBLEMS)
    qtbot.mouseClick(button(page, "删除"), Qt.MouseButton.LeftButton)
    assert window.undo_action.isEnabled()  # recorded in the window's new history
    page.sections.setFocus()
    qtbot.keyClick(page.sections, Qt.Key.Key_Z, CTRL)
    assert outline(page) == shown


def test_undo_opens_the_report_kind_the_step_was_made_in(qtbot, window, store, sample):
    page = window.report_page
    title = page.title.text()
    page.title.setFocus()
    page.title.selectAll()
    type_text(page.title, "新标题")
    page.sections.setFocus()  # leaving the title saves it
    assert ReportTexts(store).get(sample, "enforcement").title == "新标题"
    page.kind.setCurrentIndex(page.kind.findData("rule_of_law"))
    page.kind.activated.emit(page.kind.currentIndex())
    assert page.kind.currentData() == "rule_of_law"
    qtbot.keyClick(page.sections, Qt.Key.Key_Z, CTRL)
    assert page.kind.currentData() == "enforcement" and page.title.text() == title
    assert ReportTexts(store).get(sample, "enforcement").title == title


def test_deleting_two_sections_in_turn_leaves_the_others_text_as_it_was(qtbot, window, store, sample):
    # Seen by hand: 删除 on 三、存在问题, then 删除 again (on the section then selected) wrote a mangled body
    # (the drafted paragraph twice over) into the section shown next.
    page = window.report_page
    before = {s.heading: s.body for s in ReportTexts(store).get(sample).sections}
    page.sections.setCurrentRow(PROBLEMS)
    qtbot.mouseClick(button(page, "删除"), Qt.MouseButton.LeftButton)
    second = page.sections.currentItem().text()
    qtbot.mouseClick(button(page, "删除"), Qt.MouseButton.LeftButton)
    qtbot.wait(700)  # past the typing pause: nothing typed, nothing to save
    after = {s.heading: s.body for s in ReportTexts(store).get(sample).sections}
    assert after == {h: b for h, b in before.items() if h not in ("存在问题", second.split("、", 1)[-1])}


@pytest.mark.parametrize("name", ["下移", "降级"])
def test_moving_or_relevelling_a_section_can_be_undone_at_once(qtbot, window, store, sample, name):
    page = window.report_page
    page.sections.setCurrentRow(PROBLEMS)
    assert not window.undo_action.isEnabled()
    qtbot.mouseClick(button(page, name), Qt.MouseButton.LeftButton)
    assert window.undo_action.isEnabled()  # it stayed grey: the step was recorded but the window never heard
    assert step_tip(window.undo_action).startswith("撤销：")


def test_a_half_typed_heading_is_a_step_before_the_toolbar_undo_not_lost(qtbot, window, store, sample):
    page = window.report_page
    page.title.setText("先改的标题")
    page._save_title()  # an earlier step: 撤销 is enabled
    page.sections.setCurrentRow(PROBLEMS)
    page.heading.setFocus()
    qtbot.waitUntil(page.heading.hasFocus)
    page.heading.selectAll()
    type_text(page.heading, "打了一半的小标题")  # no Enter, no focus change: editingFinished never came
    bar = window.findChild(QToolBar)
    qtbot.mouseClick(bar.widgetForAction(window.undo_action), Qt.MouseButton.LeftButton)
    assert ReportTexts(store).get(sample).sections[7].heading == "存在问题"  # 撤销 undid the typing, as Word does
    qtbot.mouseClick(bar.widgetForAction(window.redo_action), Qt.MouseButton.LeftButton)
    assert ReportTexts(store).get(sample).sections[7].heading == "打了一半的小标题"
    assert page.heading.text() == "打了一半的小标题"
    assert ReportTexts(store).get(sample).title == "先改的标题"  # the step before stays


def test_a_title_typed_and_not_left_is_saved_before_an_export_or_a_close(qtbot, window, store, sample):
    page = window.report_page
    page.title.setFocus()
    qtbot.waitUntil(page.title.hasFocus)
    page.title.selectAll()
    type_text(page.title, "新的报告标题")
    assert window._save_pending() == [None, None]  # what export, restore and close call first
    assert ReportTexts(store).get(sample).title == "新的报告标题"


def test_a_read_failing_while_the_page_is_shown_again_leaves_it_editable(qtbot, window, store, sample, monkeypatch):
    page = window.report_page
    real, calls = page.texts.open_kind, []

    def locked_once(report):
        calls.append(report)
        if len(calls) == 1:
            raise DatabaseLocked("数据库正被其他程序占用")
        return real(report)

    monkeypatch.setattr(page.texts, "open_kind", locked_once)
    page.current_key = None  # the file's text differs from what is shown: follow_file reloads
    with suppress(UserError):  # as FileWatch.look does around a read of the file
        page.follow_file()
    page.sections.setCurrentRow(PROBLEMS)
    page.body.setFocus()
    page.body.moveCursor(page.body.textCursor().MoveOperation.End)
    type_text(page.body, "还能打字")
    assert page.save_pending() is None
    assert ReportTexts(store).get(sample).sections[7].body.endswith("还能打字")
