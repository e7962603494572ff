"""The 报告正文 page: both reports, 导语/结束语, run-in choice, Ctrl+B, figures shown as figures, 添加."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog

from storage.report_text import ReportTexts
from tests.support.qt import show_tab


def type_text(widget, text: str) -> None:
    """Typed characters as key events (QTest.keyClicks only knows ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


@pytest.fixture
def page(qtbot, main_window):
    show_tab(qtbot, main_window, main_window.report_page)
    return main_window.report_page


def test_the_other_report_opens_with_its_own_text_and_the_first_is_kept(page, store, sample):
    page.sections.setCurrentRow(0)  # 导语
    assert not page.heading.isEnabled()
    page.body.setPlainText("2024年，我局坚持依法行政。")
    page.kind.setCurrentIndex(page.kind.findData("rule_of_law"))
    page.kind.activated.emit(page.kind.currentIndex())
    assert page.kind.currentText() == "法治政府建设工作报告" and page.kind_name() == "法治政府建设工作报告"
    assert page.sections.item(1).text() == "一、工作情况及主要成效"
    assert page.title.text().endswith("法治政府建设工作报告")
    texts = ReportTexts(store)
    assert texts.get(sample, "enforcement").lead == "2024年，我局坚持依法行政。"
    assert texts.open_kind(sample) == "rule_of_law"
    page.kind.setCurrentIndex(page.kind.findData("enforcement"))
    page.kind.activated.emit(page.kind.currentIndex())
    page.sections.setCurrentRow(0)
    assert page.body.toPlainText() == "2024年，我局坚持依法行政。"


def test_closing_and_run_in_levels_are_saved(page, store, sample):
    page.sections.setCurrentRow(page.sections.count() - 1)
    assert page.sections.currentItem().text().startswith("（结束语")
    page.body.setPlainText("特此报告。")
    page.flush()
    page.levels.run_in[2].setChecked(True)
    text = ReportTexts(store).get(sample)
    assert text.closing == "特此报告。" and text.run_in == frozenset({2, 4})


def test_figures_show_as_numbers_and_copy_as_links(page, store, sample):
    page.sections.setCurrentRow(8)
    page.body.setPlainText("全年行政处罚{{a2.penalty.cur}}件。")
    assert page.body.shown_text() == "全年行政处罚78件。"
    page.body.moveCursor(QTextCursor.MoveOperation.End)
    type_text(page.body, "另有")
    page.body.selectAll()
    page.body.copy()
    assert QGuiApplication.clipboard().text() == "全年行政处罚{{a2.penalty.cur}}件。另有"
    # Typing right after a figure is prose, not part of the figure.
    cursor = page.body.textCursor()
    cursor.setPosition(len("全年行政处罚78"))
    page.body.setTextCursor(cursor)
    type_text(page.body, "起")
    assert page.body.toPlainText() == "全年行政处罚{{a2.penalty.cur}}起件。另有"


def test_ctrl_b_marks_a_lead_sentence_bold(page, store, sample):
    page.sections.setCurrentRow(8)
    page.body.setPlainText("一是人手不足。执法人员少。")
    cursor = page.body.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(7, QTextCursor.MoveMode.KeepAnchor)
    page.body.setTextCursor(cursor)
    QTest.keyClick(page.body, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert page.body.toPlainText() == "**一是人手不足。**执法人员少。"
    assert page.body.textCursor().selectedText() == "一是人手不足。"
    assert page.preview.text() == "<b>一是人手不足。</b>执法人员少。"  # as printed: bold, no marks
    QTest.keyClick(page.body, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert page.body.toPlainText() == "一是人手不足。执法人员少。"


def test_add_puts_a_sibling_after_the_last_sub_heading(page, store, sample, monkeypatch):
    page.sections.setCurrentRow(1)  # 一、行政执法基本情况, with （一）（二） under it
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("新的一节", True))
    page.add_section()
    headings = [(s.level, s.heading) for s in ReportTexts(store).get(sample).sections]
    assert headings[:4] == [
        (1, "行政执法基本情况"),
        (2, "行政执法案件办理情况"),
        (2, "行政执法检查情况"),
        (1, "新的一节"),
    ]
    assert page.sections.item(4).text() == "二、新的一节"
    assert page.sections.currentRow() == 4


def test_a_title_with_a_line_break_is_kept(page, store, sample):
    page.title.setText("示例市应急管理局\n2024年行政执法工作报告")
    page.title.editingFinished.emit()
    assert ReportTexts(store).get(sample).title == "示例市应急管理局\n2024年行政执法工作报告"


@pytest.mark.parametrize("size,least", [((1024, 700), 70), ((1600, 1000), 300)])
def test_the_editor_takes_the_room(qtbot, main_window, page, size, least):
    main_window.resize(*size)
    qtbot.waitExposed(main_window)
    QGuiApplication.processEvents()
    # The 审核 panel is one line on this page; the editor takes the rest, the preview is a tab beside it.
    assert page.body.height() >= least and page.text_tabs.currentWidget() is page.body


def test_figures_in_the_editor_follow_the_tables(page, store, sample):
    from forms.registry import form
    from forms.report import MAIN_ROW, CellKey

    page.sections.setCurrentRow(8)
    page.body.setPlainText("全年行政处罚{{a2.penalty.cur}}件。")
    store.set_value(sample.id, form("a2"), CellKey(MAIN_ROW, "penalty", 2024), 80)
    page.refresh_figures()
    assert page.body.shown_text() == "全年行政处罚80件。"
    assert page.body.toPlainText() == "全年行政处罚{{a2.penalty.cur}}件。"


def test_pasting_a_whole_report_into_an_empty_one(page, store, sample, monkeypatch):
    from tests.test_report_kinds import PASTED

    texts = ReportTexts(store)
    texts.open(sample, "rule_of_law")  # a report with no text yet
    page.set_report(sample)
    QGuiApplication.clipboard().setText(PASTED)
    page.paste_report()
    text = texts.get(sample, "rule_of_law")
    assert (text.unit_line, text.title) == ("某县应急管理局", "2024年行政执法工作报告")  # the unit's own line
    assert text.lead.startswith("2024年，我局坚持依法行政") and text.closing == "特此报告。"
    assert page.sections.item(2).text() == "　（一）明确职责" and page.levels.run_in[2].isChecked()
    assert texts.get(sample, "enforcement").sections[0].body  # the other report untouched
