"""The toolbar never moves: 撤销/重做 keep their labels, the step is in the tooltip and status tip
(written when the pointer comes to the button)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from tests.support.qt import show_tab


def geometries(window) -> list:
    bar = window.toolbar
    return [bar.widgetForAction(a).geometry() for a in bar.actions() if not a.isSeparator()]


def test_toolbar_buttons_stay_where_they_were_after_an_edit(qtbot, main_window):
    page = main_window.pages[0]
    show_tab(qtbot, main_window, page)
    before = geometries(main_window)
    view = page.view
    view.setFocus()
    view.setCurrentIndex(page.model.index(0, 13))
    qtbot.keyClicks(view, "8")
    editor = view.viewport().findChild(QLineEdit)
    qtbot.keyClicks(editor, "0")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(main_window.undo_action.isEnabled)
    qtbot.wait(10)  # the toolbar lays out again after the action changed
    assert geometries(main_window) == before
    assert main_window.undo_action.text() == "撤销"
    button = main_window.toolbar.widgetForAction(main_window.undo_action)
    QTest.mouseMove(button)  # the pointer comes to 撤销: the tip names the step
    qtbot.waitUntil(button.underMouse)
    assert "附件2 行政处罚(件)（2024）：80" in button.toolTip()
    assert main_window.undo_action.statusTip() == button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # resting there, it follows the step taken
    qtbot.waitUntil(main_window.redo_action.isEnabled)
    assert button.toolTip() == "没有可撤销的操作"
    redo = main_window.toolbar.widgetForAction(main_window.redo_action)
    QTest.mouseMove(redo)
    qtbot.waitUntil(redo.underMouse)
    assert redo.toolTip() == "重做：附件2 行政处罚(件)（2024）：80（Ctrl+Y）"
    qtbot.wait(10)
    assert geometries(main_window) == before and main_window.redo_action.text() == "重做"
    assert main_window.docx_button.isEnabled()
