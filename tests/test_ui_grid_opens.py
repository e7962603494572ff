"""A grid opens at its top left; where the clerk was is kept per report while the program runs."""

from __future__ import annotations

from PySide6.QtCore import Qt

from storage.prefill import create_report_from_previous
from tests.support.qt import show_tab


def test_a_new_reports_grid_opens_at_its_top_left(qtbot, main_window, store, sample):
    window = main_window
    window.resize(1024, 700)
    page = window._page_of("a3")
    show_tab(qtbot, window, page)
    page.view.setMaximumHeight(150)  # a low grid, as under the audit panel at 1366×768
    view = page.view
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # the 原因简析 rows do not fit
    view.setFocus()
    view.setCurrentIndex(page.model.index(0, 2))
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)  # to the bottom right
    assert bar.value() > 0 and view.currentIndex().row() > 0
    where = (bar.value(), view.horizontalScrollBar().value(), view.currentIndex().row())
    new = create_report_from_previous(store, sample.unit, 2025)
    window.reload_reports(new)
    assert bar.value() == 0 and view.horizontalScrollBar().value() == 0
    first = view.visualRect(page.model.index(0, 2))
    assert first.top() >= 0 and first.bottom() <= view.viewport().height()  # row 1 in sight
    window.reload_reports(sample)  # back to 2024: where the clerk left it
    assert (bar.value(), view.horizontalScrollBar().value(), view.currentIndex().row()) == where
