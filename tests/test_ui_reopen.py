"""A restart opens the report last open in that database."""

from __future__ import annotations

from tests.support.qt import open_window


def test_the_window_reopens_the_report_last_open_in_that_file(qtbot, store, sample, tmp_path):
    store.create_report("某县应急管理局", 2023)
    first = open_window(qtbot, store)
    assert first.reports.currentIndex() == 0
    last = first.reports.count() - 1
    first.reports.setCurrentIndex(last)  # as a click in the list does
    chosen = first.report
    assert chosen.id != first.reports.itemData(0)
    first.close()
    again = open_window(qtbot, store)
    assert again.report.id == chosen.id and again.reports.currentIndex() == last
    assert again.windowTitle().endswith(chosen.name)
