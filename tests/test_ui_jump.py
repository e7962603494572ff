"""A click on a finding previews it and says how to jump; Enter jumps with the keyboard there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from forms import text_edits as edits
from forms.registry import form
from forms.report import MAIN_ROW, CellKey
from storage.report_text import ReportTexts
from tests.support.qt import finding_items
from tests.support.texts import edit_text


def click(qtbot, panel, item) -> None:
    rect = panel.tree.visualItemRect(item)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def active(qtbot, window):
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.mouseClick(window.audit_panel.summary, Qt.MouseButton.LeftButton)  # folded on 报告正文: opened
    qtbot.waitUntil(lambda: window.audit_panel.tree.height() > 100)
    return window


def test_a_previewed_cell_says_how_to_jump_and_enter_puts_the_keyboard_in_it(qtbot, main_window, store, sample):
    window = active(qtbot, main_window)
    panel = window.audit_panel
    item = finding_items(panel)[1]  # 附件3 罚没金额 2024
    click(qtbot, panel, item)
    assert window.statusBar().currentMessage().endswith("附件3 罚没金额(2024)：回车或双击转到该处")
    assert QApplication.focusWidget() is panel.tree  # a preview leaves the keyboard in the list
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    view = window.pages[1].view
    assert QApplication.focusWidget() is view
    assert (view.currentIndex().row(), view.currentIndex().column()) == (0, 9)
    qtbot.keyClicks(view, "4")
    qtbot.keyClicks(QApplication.focusWidget(), "199252")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: store.form_data(sample, form("a3")).get(CellKey(MAIN_ROW, "fines", 2024)) == 4199252)


def test_a_text_finding_previews_without_taking_the_keyboard_and_jumps_into_the_text(qtbot, main_window, store, sample):
    window = active(qtbot, main_window)
    texts = ReportTexts(store)
    key = next(s.key for s in texts.get(sample).sections if s.heading == "存在问题")
    edit_text(store, sample, edits.set_body, key, "我局共有行政执法岗位编制 69 个。")
    window.refresh_audit()
    panel = window.audit_panel
    item = next(i for i in finding_items(panel) if "69" in i.text(2))
    panel.tree.scrollToItem(item)
    click(qtbot, panel, item)
    assert "回车或双击转到该处" in window.statusBar().currentMessage()
    assert QApplication.focusWidget() is panel.tree
    qtbot.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=panel.tree.visualItemRect(item).center())
    body = window.report_page.body
    assert QApplication.focusWidget() is body and body.textCursor().selectedText() == "69"
    qtbot.keyClicks(body, "79")
    assert "编制 79 个" in body.toPlainText()
