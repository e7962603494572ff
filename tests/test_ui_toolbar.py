"""The toolbar never moves: 撤销/重做 keep their labels, the step is in the tooltip and status tip."""

from __future__ import annotations

from PySide6.QtCore import Qt
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
    assert "附件2 行政处罚(件)（2024）：80" in main_window.undo_action.toolTip()
    assert main_window.undo_action.statusTip() == main_window.undo_action.toolTip()
    main_window.undo_action.trigger()
    qtbot.wait(10)
    assert geometries(main_window) == before and main_window.redo_action.text() == "重做"
    assert main_window.docx_button.isEnabled()
