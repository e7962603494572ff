"""The grid's keys as an Excel/WPS user types them, driven by real key events."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from forms.registry import form
from forms.report import MAIN_ROW, REASON_ROW, CellKey
from tests.support.qt import show_tab
from ui.form_view import FRAME_COLOUR

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def grid(qtbot, main_window):
    page = main_window.pages[0]  # 附件2
    show_tab(qtbot, main_window, page)
    page.view.setFocus()
    qtbot.waitUntil(page.view.hasFocus)
    return page


def stored(store, sample, field, period=2024, row=MAIN_ROW):
    return store.form_data(sample, form("a2")).values.get(CellKey(row, field, period))


def at(view, row, col):
    view.setCurrentIndex(view.model().index(row, col))


def editor_of(view):
    """The open cell editor (the focus is in it while typing)."""
    widget = QApplication.focusWidget()
    return widget if isinstance(widget, (QLineEdit, QPlainTextEdit)) and view.isAncestorOf(widget) else None


def cell(view):
    index = view.currentIndex()
    return index.row(), index.column()


def test_arrows_while_typing_commit_and_move(qtbot, grid, store, sample):
    view = grid.view
    at(view, 0, 2)
    qtbot.keyClicks(view, "5")
    qtbot.keyClick(editor_of(view), Qt.Key.Key_Right)
    assert editor_of(view) is None and cell(view) == (0, 3)
    qtbot.keyClicks(view, "6")
    qtbot.keyClick(editor_of(view), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(store, sample, "license") == 6)
    assert stored(store, sample, "license", 2023) == 5  # two cells, not 56 in one
    assert cell(view) == (2, 2)  # Enter went down to the 原因简析 under 许可
    qtbot.keyClicks(view, "7")
    qtbot.keyClick(editor_of(view), Qt.Key.Key_Up)  # the multi-line editor too: an arrow commits and moves
    assert cell(view)[0] == 1 and stored(store, sample, "license", 0, REASON_ROW) == "7"


def test_f2_edits_in_the_cell_where_arrows_move_the_caret(qtbot, grid, store, sample):
    view = grid.view
    at(view, 0, 2)  # 148
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = editor_of(view)
    assert editor is not None and editor.text() == "148"
    qtbot.keyClick(editor, Qt.Key.Key_Left)
    qtbot.keyClicks(editor, "9")
    assert editor_of(view) is editor and cell(view) == (0, 2)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(store, sample, "license", 2023) == 1498)


def test_enter_skips_read_only_rows_and_wraps_to_the_next_column(qtbot, grid):
    view = grid.view
    at(view, 0, 2)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert cell(view) == (2, 2)  # past 同比增减 to 原因简析
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert cell(view) == (0, 3)  # the column's end: the top of the next column
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert cell(view) == (2, 2)  # the merged 原因简析 under both years
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert cell(view) == (0, 4)  # on from the column Enter came down, not back to 2024
    qtbot.keyClick(view, Qt.Key.Key_Return, SHIFT)
    assert cell(view) == (2, 2)


def test_enter_after_typing_skips_the_yoy_row_too(qtbot, grid, store, sample):
    view = grid.view
    at(view, 0, 13)
    qtbot.keyClicks(view, "8")
    qtbot.keyClicks(editor_of(view), "0")
    qtbot.keyClick(editor_of(view), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(store, sample, "penalty") == 80)
    assert cell(view) == (2, 12) and editor_of(view) is None


def test_tab_commits_moves_right_and_opens_no_editor(qtbot, grid, store, sample):
    view = grid.view
    last = view.model().columnCount() - 1  # 2024.1: 移送司法机关刑事案件件数 2024
    field = grid.model.session.layout.columns[last - 1].field
    at(view, 0, last - 1)
    qtbot.keyClicks(view, "3")
    qtbot.keyClick(editor_of(view), Qt.Key.Key_Tab)
    assert stored(store, sample, field.key, 2023) == 3
    assert cell(view) == (0, last) and editor_of(view) is None
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert cell(view) == (2, 2)  # the row's end wraps to the next row that can be filled
    qtbot.keyClick(view, Qt.Key.Key_Tab, SHIFT)
    assert cell(view) == (0, last)


def test_the_current_cell_has_a_visible_frame(qtbot, grid):
    view = grid.view
    at(view, 0, 4)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    rect = view.visualRect(view.currentIndex())
    image = view.viewport().grab().toImage()
    ratio = view.viewport().devicePixelRatio()
    colour = image.pixelColor(int((rect.left() + 1) * ratio), int(rect.center().y() * ratio))
    assert colour.name() == FRAME_COLOUR.name()


def test_ctrl_y_and_ctrl_shift_z_both_redo(qtbot, grid, main_window, store, sample):
    view = grid.view
    at(view, 0, 2)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert stored(store, sample, "license", 2023) is None
    for redo in ((Qt.Key.Key_Y, CTRL), (Qt.Key.Key_Z, CTRL | SHIFT)):
        qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
        assert stored(store, sample, "license", 2023) == 148
        qtbot.keyClick(view, *redo)
        assert stored(store, sample, "license", 2023) is None


def test_ctrl_home_end_and_page_keys(qtbot, grid):
    view = grid.view
    at(view, 0, 5)
    qtbot.keyClick(view, Qt.Key.Key_End, CTRL)
    assert cell(view)[0] == 2 and view.currentIndex().column() >= 20
    qtbot.keyClick(view, Qt.Key.Key_Home, CTRL)
    assert cell(view) == (0, 0)
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert cell(view)[0] == 2
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert cell(view)[0] == 0


def test_backspace_empties_the_cell_and_starts_typing(qtbot, grid, store, sample):
    view = grid.view
    at(view, 0, 2)
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    editor = editor_of(view)
    assert editor is not None and editor.text() == ""
    assert stored(store, sample, "license", 2023) == 148  # nothing stored until Enter
    qtbot.keyClicks(editor, "7")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(store, sample, "license", 2023) == 7)


def test_delete_clears_the_cell_without_opening_it(qtbot, grid, store, sample):
    view = grid.view
    at(view, 0, 3)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert stored(store, sample, "license") is None and editor_of(view) is None


def test_a_refused_value_stays_in_the_cell_with_the_reason_beside_it(qtbot, grid, store, sample):
    view = grid.view
    at(view, 0, 13)
    qtbot.keyClicks(view, "1")
    editor = editor_of(view)
    qtbot.keyClicks(editor, ".5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.note.isVisible())
    assert "整数" in view.note.text()
    # The note sits next to the cell, inside the grid, leaving the figure's 同比增减 (row 1) in view
    # (tests/test_ui_refusal_note.py); it is a child of the view, whose viewport starts below the header.
    rect = view.visualRect(view.model().index(1, 13)).translated(view.viewport().pos())
    assert abs(view.note.geometry().top() - rect.bottom()) < 8 or view.note.geometry().bottom() <= rect.top()
    assert editor_of(view) is editor and editor.text() == "1.5" and cell(view) == (0, 13)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # Tab does not leave a refused value either
    assert editor_of(view) is editor and cell(view) == (0, 13)
    qtbot.keyClick(editor, Qt.Key.Key_Right)
    assert editor_of(view) is editor and cell(view) == (0, 13)
    assert stored(store, sample, "penalty") == 78
    editor.selectAll()
    qtbot.keyClicks(editor, "2")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(store, sample, "penalty") == 2)
    assert not view.note.isVisible() and editor_of(view) is None and cell(view) == (2, 12)


def test_escape_gives_up_a_refused_value(qtbot, grid, store, sample):
    view = grid.view
    at(view, 0, 13)
    qtbot.keyClicks(view, "a")
    editor = editor_of(view)
    qtbot.keyClicks(editor, "bc")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.note.isVisible())
    assert "不是数字" in view.note.text() and editor.text() == "abc"
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor_of(view) is None and not view.note.isVisible()
    assert view.model().data(view.currentIndex()) == "78" and stored(store, sample, "penalty") == 78


def test_a_refused_value_survives_a_click_on_another_cell(qtbot, grid, store, sample):
    view = grid.view
    at(view, 0, 13)
    qtbot.keyClicks(view, "-")
    editor = editor_of(view)
    qtbot.keyClicks(editor, "4")
    at(view, 0, 2)  # as a mouse click does: the current cell changes while the editor is open
    assert editor.isVisible() and editor.text() == "-4" and cell(view) == (0, 13)
    assert view.note.isVisible() and "负数" in view.note.text()


def test_alt_enter_breaks_the_line_in_a_reason_and_the_row_grows(qtbot, grid, store, sample):
    view = grid.view
    at(view, 2, 2)
    before = view.rowHeight(2)
    qtbot.keyClicks(view, "u")  # QTest types no CJK characters; an input method would
    editor = editor_of(view)
    assert isinstance(editor, QPlainTextEdit)
    qtbot.keyClicks(editor, "p")
    qtbot.keyClick(editor, Qt.Key.Key_Return, ALT)
    qtbot.keyClicks(editor, "line 2")
    qtbot.keyClick(editor, Qt.Key.Key_Return, ALT)
    for n in range(8):
        qtbot.keyClicks(editor, f"line {n + 3}")
        qtbot.keyClick(editor, Qt.Key.Key_Return, ALT)
    qtbot.keyClicks(editor, "end")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(store, sample, "license", 0, REASON_ROW) is not None)
    text = stored(store, sample, "license", 0, REASON_ROW)
    assert text.startswith("up\nline 2\nline 3") and text.endswith("end") and text.count("\n") == 10
    assert view.rowHeight(2) > before  # eleven lines do not fit in five
    assert editor_of(view) is None and cell(view) == (0, 3)


def test_index_and_unit_columns_stay_in_view_when_scrolled_right(qtbot, grid, main_window):
    main_window.resize(1024, 700)
    view = grid.view
    frozen = view.frozen
    assert frozen.count == 2 and not frozen.isVisible()
    at(view, 0, 21)  # the far right: the grid scrolls
    qtbot.waitUntil(frozen.isVisible)
    assert view.horizontalScrollBar().value() > 0
    assert frozen.geometry().left() <= view.frameWidth() and frozen.width() >= frozen.width_needed()
    assert frozen.model().data(frozen.model().index(1, 1)) == "同比增减"
    assert frozen.columnWidth(1) == view.columnWidth(1) and frozen.rowHeight(2) == view.rowHeight(2)
    for _ in range(30):  # walking left, the current cell never hides behind the frozen columns
        qtbot.keyClick(view, Qt.Key.Key_Left)
        if view.currentIndex().column() < frozen.count:
            break
        assert view.visualRect(view.currentIndex()).left() >= frozen.width_needed() - 1
    assert view.currentIndex().column() == 1 and view.horizontalScrollBar().value() == 0
    assert not frozen.isVisible()


def test_a_click_elsewhere_while_typing_saves_and_no_view_is_told_of_a_foreign_editor(
    qtbot, grid, store, sample, qtlog
):
    # Seen by a monkey test: each commit by a click made Qt warn "commitData called with an editor that does
    # not belong to this view" (the frozen columns shared the grid's delegate, so heard its editors' signals)
    view = grid.view
    at(view, 0, 2)
    qtbot.keyClicks(view, "9")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(view.model().index(0, 3)).center())
    qtbot.waitUntil(lambda: stored(store, sample, "license", 2023) == 9)
    assert not [r.message for r in qtlog.records if "does not belong to this view" in r.message]


def test_f2_on_a_cell_that_takes_no_typing_opens_nothing_and_qt_has_nothing_to_say(qtbot, grid, qtlog):
    view = grid.view
    at(view, 1, 2)  # 同比增减: computed
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert editor_of(view) is None
    assert not [r.message for r in qtlog.records if "editing failed" in r.message]
