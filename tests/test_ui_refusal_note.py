"""The bubble saying why a value or a paste was refused never covers the rows it refers to, and stays in the window."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication

from forms.grid import Cell, Role
from tests.support.qt import show_tab
from tests.test_ui_keys import editor_of
from tests.test_ui_paste import CTRL, a5_block, paste_at
from ui.refusal_note import GAP, note_top, refused_rows


def note_rect(view) -> QRect:
    """The bubble in the view's coordinates (where ``visualRect`` + the viewport's offset also are)."""
    return QRect(view.note.mapTo(view, QPoint(0, 0)), view.note.size())


def row_rects(view, rows) -> list[QRect]:
    model, offset = view.model(), view.viewport().pos()
    return [view.visualRect(model.index(r, c)).translated(offset) for r in rows for c in range(model.columnCount())]


def assert_clear_of(window, view, rows) -> QRect:
    assert view.note.isVisible()
    note = note_rect(view)
    covered = [r for r in row_rects(view, rows) if r.isValid() and note.intersects(r)]
    assert not covered, (note, covered)
    assert QRect(QPoint(0, 0), view.size()).contains(note)  # inside the grid's frame, so inside the window
    assert window.rect().contains(QRect(view.note.mapTo(window, QPoint(0, 0)), view.note.size()))
    return note


def attachment5_with_rows(qtbot, window, rows: int):
    window.resize(1366, 768)
    page = window._page_of("a5")
    paste_at(qtbot, window, page, 0, 1, a5_block(rows))
    assert page.model.rowCount() == rows
    return page


def type_refused(qtbot, view, row: int, col: int) -> None:
    view.setCurrentIndex(view.model().index(row, col))
    qtbot.keyClicks(view, "a")
    qtbot.keyClicks(editor_of(view), "bc")
    qtbot.keyClick(editor_of(view), Qt.Key.Key_Return)
    qtbot.waitUntil(view.note.isVisible)
    assert "不是数字" in view.note.text()


def test_a_value_refused_in_the_last_visible_row_shows_its_reason_above_that_row(qtbot, main_window):
    view = attachment5_with_rows(qtbot, main_window, 40).view
    view.scrollToTop()
    last = view.rowAt(view.viewport().height() - 1)  # the row at the grid's bottom edge, perhaps cut off
    assert 0 < last < 39
    type_refused(qtbot, view, last, 3)
    note = assert_clear_of(main_window, view, [last])
    row = row_rects(view, [last])[0]
    assert note.bottom() < row.top() and row.top() - note.bottom() <= GAP + 2  # right above it


def test_a_value_refused_near_the_top_shows_its_reason_below_that_row(qtbot, main_window):
    view = attachment5_with_rows(qtbot, main_window, 40).view
    view.scrollToTop()
    type_refused(qtbot, view, 1, 3)
    note = assert_clear_of(main_window, view, [1])
    assert 0 < note.top() - row_rects(view, [1])[0].bottom() <= GAP + 2  # right below it
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 1)  # the grid scrolls: the bubble follows
    assert_clear_of(main_window, view, [1])


def test_a_figure_refused_in_attachment2_leaves_its_yoy_row_in_view(qtbot, main_window):
    page = main_window.pages[0]  # 附件2: the figures, 同比增减, 原因简析
    show_tab(qtbot, main_window, page)
    page.view.setFocus()
    type_refused(qtbot, page.view, 0, 13)
    note = assert_clear_of(main_window, page.view, [0, 1])  # before: over the 同比增减 row under the figure
    assert note.top() > row_rects(page.view, [1])[0].bottom()


def test_a_paste_onto_the_yoy_row_is_refused_with_the_reason_clear_of_it(qtbot, main_window):
    page = main_window.pages[0]  # 附件2: the figures, 同比增减, 原因简析
    paste_at(qtbot, main_window, page, 1, 2, "5\t6\r\n")
    assert "不能填写的单元格" in page.view.note.text()
    assert_clear_of(main_window, page.view, [1])


def test_a_refused_block_keeps_its_reason_off_all_its_rows(qtbot, main_window):
    page = main_window.pages[0]
    paste_at(qtbot, main_window, page, 0, 2, "1\t2\r\n3\t4\r\n")  # rows 0 and 1 (同比增减): before, over row 1
    assert "不能填写的单元格" in page.view.note.text()
    assert_clear_of(main_window, page.view, [0, 1])


def test_a_refused_block_taller_than_the_grid_puts_its_reason_over_the_header(qtbot, main_window):
    page = attachment5_with_rows(qtbot, main_window, 40)
    view = page.view
    QGuiApplication.clipboard().setText(a5_block(5000))
    view.setCurrentIndex(page.model.index(0, 1))
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    assert "一次最多粘贴 1000 行" in view.note.text()
    note = assert_clear_of(main_window, view, range(40))
    assert note.bottom() < view.viewport().pos().y()


def test_the_bubble_goes_below_above_then_over_the_header():
    band, frame = (60, 459), (0, 479)  # the viewport under a 60 px header, in a 480 px frame
    assert note_top((100, 129), 30, band, frame) == 130 + GAP  # below
    assert note_top((420, 449), 30, band, frame) == 420 - GAP - 30  # no room below: above
    assert note_top((62, 449), 30, band, frame) == 62 - GAP - 30  # neither in the viewport: over the header
    assert note_top((61, 400), 70, band, frame) == 401 + GAP  # nor over the header: below, over the scroll bar
    assert note_top((0, 470), 70, band, frame) == 0  # no room anywhere: at the top


def test_a_figure_refused_refers_to_its_yoy_row_too():
    figures, change, reason = [Cell(Role.VALUE, 2)], [Cell(Role.YOY, 2)], [Cell(Role.REASON, 2)]
    assert refused_rows([figures, change, reason], 0, 0) == (0, 1)
    assert refused_rows([figures, change, reason], 1, 1) == (1, 1)  # a paste onto 同比增减 itself
    assert refused_rows([figures, change, reason], 2, 2) == (2, 2)
    assert refused_rows([figures, figures], 0, 0) == (0, 0)  # 附件4/附件5: no such row
