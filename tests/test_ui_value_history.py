"""A cell's 修改记录 in the window: typed with real keys, then read from the grid's context menu."""

from __future__ import annotations

from PySide6.QtCore import Qt

from forms.value_log import NO_HISTORY
from tests.support.qt import show_tab

CTRL = Qt.KeyboardModifier.ControlModifier


def rows(dialog) -> list[list[str]]:
    table = dialog.table
    return [[table.item(r, c).text() for c in range(1, table.columnCount())] for r in range(table.rowCount())]


def test_a_cells_history_lists_what_it_held_newest_first(qtbot, main_window):
    page = main_window.pages[0]  # 附件2
    show_tab(qtbot, main_window, page)
    view = page.view
    view.setFocus()
    view.setCurrentIndex(page.model.index(0, 13))  # 行政处罚 2024: 78
    qtbot.keyClicks(view, "8")  # opens the editor, as in Excel
    editor = view.focusWidget()
    qtbot.keyClicks(editor, "0")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    view.setCurrentIndex(page.model.index(0, 13))
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # back to 78
    view.customContextMenuRequested.emit(view.visualRect(page.model.index(0, 13)).center())
    menu = view.context_menu
    history = next(a for a in menu.actions() if a.text() == "修改记录…")
    menu.close()
    history.trigger()
    dialog = page.history_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "修改记录 — 附件2 行政处罚(件)（2024）"
    assert rows(dialog) == [["80", "78", "撤销"], ["78", "80", "输入"], ["（空）", "78", "程序写入"]]
    dialog.close()


def test_a_computed_cell_has_no_history_and_says_so(qtbot, main_window):
    page = main_window.pages[0]
    show_tab(qtbot, main_window, page)
    page.view.setCurrentIndex(page.model.index(1, 13))  # 同比增减: computed
    with qtbot.waitSignal(page.notice) as said:
        page.view.menu_actions["history"].trigger()
    assert said.args == [NO_HISTORY]
