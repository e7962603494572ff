"""The section editor shows a bold span bold with its ``**`` marks hidden, and stores them again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication, QInputMethodEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from storage.report_text import ReportTexts
from tests.support.qt import show_tab
from tests.test_ui_report_kinds import type_text
from ui.figure_edit import TOKEN_PROPERTY, FigureEdit

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def edit(qtbot):
    editor = FigureEdit(lambda token: {"{{a2.penalty.cur}}": "78", "{{a2.penalty.prev}}": "100"}[token])
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    return editor


def select(editor: FigureEdit, start: int, end: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def caret(editor: FigureEdit, at: int) -> None:
    select(editor, at, at)


def bold(editor: FigureEdit) -> str:
    """The shown characters drawn bold, a space for each one that is not."""
    cursor = QTextCursor(editor.document())
    out = []
    for at, ch in enumerate(editor.shown_text()):
        cursor.setPosition(at + 1)
        out.append(ch if cursor.charFormat().fontWeight() == QFont.Weight.Bold else " ")
    return "".join(out)


def test_a_span_is_shown_bold_without_its_marks(edit):
    edit.setPlainText("一是**明确职责。**二是")
    assert edit.shown_text() == "一是明确职责。二是"
    assert bold(edit) == "  明确职责。  "
    assert edit.toPlainText() == "一是**明确职责。**二是"


def test_ctrl_b_marks_and_unmarks_the_selection(edit):
    edit.setPlainText("一是明确职责。二是")
    select(edit, 2, 7)
    QTest.keyClick(edit, Qt.Key.Key_B, CTRL)
    assert edit.toPlainText() == "一是**明确职责。**二是"
    assert edit.shown_text() == "一是明确职责。二是" and bold(edit) == "  明确职责。  "
    assert edit.textCursor().selectedText() == "明确职责。"
    QTest.keyClick(edit, Qt.Key.Key_B, CTRL)
    assert edit.toPlainText() == "一是明确职责。二是" and bold(edit).strip() == ""
    # Within a span, Ctrl+B makes the selected part plain; across a span's edge it does nothing.
    edit.setPlainText("**一是明确职责。**二是")
    select(edit, 2, 4)
    QTest.keyClick(edit, Qt.Key.Key_B, CTRL)
    assert edit.toPlainText() == "**一是**明确**职责。**二是" and bold(edit) == "一是  职责。  "
    select(edit, 5, 9)
    QTest.keyClick(edit, Qt.Key.Key_B, CTRL)
    assert edit.toPlainText() == "**一是**明确**职责。**二是"


def test_undo_and_redo_keep_the_marks_hidden(edit):
    edit.setPlainText("一是明确职责。二是")
    select(edit, 0, 7)
    QTest.keyClick(edit, Qt.Key.Key_B, CTRL)
    QTest.keyClick(edit, Qt.Key.Key_Z, CTRL)
    assert (edit.toPlainText(), bold(edit).strip()) == ("一是明确职责。二是", "")
    QTest.keyClick(edit, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert edit.toPlainText() == "**一是明确职责。**二是"
    assert edit.shown_text() == "一是明确职责。二是" and bold(edit) == "一是明确职责。  "


def test_typing_inside_a_span_is_bold_and_right_after_it_plain(edit):
    edit.setPlainText("一是**明确职责。**二是")
    caret(edit, 4)
    type_text(edit, "好")
    assert edit.toPlainText() == "一是**明确好职责。**二是"
    caret(edit, 8)  # right after the span's last character
    type_text(edit, "三是")
    assert edit.toPlainText() == "一是**明确好职责。**三是二是"
    caret(edit, 2)  # right before its first
    QTest.keyClicks(edit, "A")
    assert edit.toPlainText() == "一是A**明确好职责。**三是二是"
    assert bold(edit) == "   明确好职责。    "
    # A span at the end of its paragraph; Enter inside one leaves a span in each paragraph.
    edit.setPlainText("一是**明确职责。**")
    edit.moveCursor(QTextCursor.MoveOperation.End)
    type_text(edit, "局")
    caret(edit, 4)
    QTest.keyClick(edit, Qt.Key.Key_Return)
    assert edit.toPlainText() == "一是**明确**\n**职责。**局"


def test_an_input_method_commit_follows_the_same_rule(edit):
    edit.setPlainText("**一是明确职责。**二是")
    caret(edit, 7)
    event = QInputMethodEvent()
    event.setCommitString("全局")
    QApplication.sendEvent(edit, event)
    assert edit.toPlainText() == "**一是明确职责。**全局二是"


def test_typing_over_a_selection_inside_a_span_stays_bold(edit):
    edit.setPlainText("**一是明确职责。**二是")
    select(edit, 2, 4)
    type_text(edit, "压实")
    assert edit.toPlainText() == "**一是压实职责。**二是"


def test_a_figure_inside_a_span_is_bold_and_linked(edit):
    edit.setPlainText("全年**行政处罚{{a2.penalty.cur}}件**。")
    assert edit.shown_text() == "全年行政处罚78件。" and bold(edit) == "  行政处罚78件 "
    cursor = QTextCursor(edit.document())
    cursor.setPosition(len("全年行政处罚7"))
    assert cursor.charFormat().property(TOKEN_PROPERTY) == "{{a2.penalty.cur}}"
    caret(edit, len("全年行政处罚78"))
    type_text(edit, "起")  # after the figure, within the span: bold prose
    assert edit.toPlainText() == "全年**行政处罚{{a2.penalty.cur}}起件**。"
    edit.figure_text = lambda token: "80"
    edit.refresh_figures()
    assert edit.shown_text() == "全年行政处罚80起件。" and bold(edit) == "  行政处罚80起件 "
    assert edit.toPlainText() == "全年**行政处罚{{a2.penalty.cur}}起件**。"
    caret(edit, len("全年行政处罚8"))  # inside the figure: what is typed follows it
    type_text(edit, "余")
    assert edit.toPlainText() == "全年**行政处罚{{a2.penalty.cur}}余起件**。"
    # A figure picked into a span joins it.
    caret(edit, 2 + len("行政处罚"))
    edit.insertPlainText("{{a2.penalty.prev}}")
    assert edit.toPlainText() == "全年**行政处罚{{a2.penalty.prev}}{{a2.penalty.cur}}余起件**。"


def test_shown_position_steps_over_the_hidden_marks(edit):
    stored = "一是**处罚{{a2.penalty.cur}}件。**共{{a2.penalty.cur}}件"
    edit.setPlainText(stored)
    assert edit.shown_text() == "一是处罚78件。共78件"
    first = stored.index("{{")
    last = stored.rindex("{{")
    assert [edit.shown_position(at) for at in (first, first + 18, last, last + 18)] == [4, 6, 9, 11]
    assert edit.shown_position(2) == edit.shown_position(4) == 2  # around the opening mark
    assert edit.shown_position(stored.index("**共") + 2) == 8


def test_copy_gives_the_stored_form_and_paste_hides_its_marks(edit):
    edit.setPlainText("一是**明确职责。**二是")
    select(edit, 3, 8)
    QTest.keyClick(edit, Qt.Key.Key_C, CTRL)
    assert QGuiApplication.clipboard().text() == "**确职责。**二"
    edit.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClick(edit, Qt.Key.Key_V, CTRL)
    assert edit.shown_text() == "一是明确职责。二是确职责。二"
    assert edit.toPlainText() == "一是**明确职责。**二是**确职责。**二"
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_X, CTRL)
    assert edit.toPlainText() == ""
    QTest.keyClick(edit, Qt.Key.Key_V, CTRL)
    assert edit.toPlainText() == "一是**明确职责。**二是**确职责。**二"


def test_a_lone_mark_is_text_as_typed(edit):
    edit.setPlainText("乘号 ** 单独出现")
    assert edit.shown_text() == "乘号 ** 单独出现" and bold(edit).strip() == ""
    edit.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClicks(edit, "ab")
    assert edit.shown_text() == "乘号 ** 单独出现ab" and edit.toPlainText() == "乘号 ** 单独出现ab"
    edit.setPlainText("一是")
    edit.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClicks(edit, "**b")
    assert edit.shown_text() == "一是**b" and edit.toPlainText() == "一是**b"
    # Its partner typed by hand makes it a span, shown as printed.
    QTest.keyClicks(edit, "**c")
    assert edit.shown_text() == "一是bc" and bold(edit) == "  b " and edit.toPlainText() == "一是**b**c"


@pytest.fixture
def page(qtbot, main_window):
    show_tab(qtbot, main_window, main_window.report_page)
    return main_window.report_page


def test_the_page_saves_the_marks(qtbot, page, store, sample):
    page.sections.setCurrentRow(8)  # 三、存在问题
    page.body.setFocus()
    qtbot.waitUntil(page.body.hasFocus)
    page.body.setPlainText("一是人手不足。执法人员少。")
    select(page.body, 0, 7)
    QTest.keyClick(page.body, Qt.Key.Key_B, CTRL)
    assert page.body.shown_text() == "一是人手不足。执法人员少。"
    caret(page.body, 7)
    type_text(page.body, "目前")

    def stored() -> str:
        return next(s.body for s in ReportTexts(store).get(sample).sections if s.heading == "存在问题")

    qtbot.waitUntil(lambda: stored() == "**一是人手不足。**目前执法人员少。", timeout=3000)
    assert page.preview.text() == "<b>一是人手不足。</b>目前执法人员少。"
