"""Undo/redo and clipboard in the grid, as a clerk coming from Excel expects them (the keys and the
selection; what a paste or a clear stores and what it refuses: tests/test_editing.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from forms.registry import form
from forms.report import MAIN_ROW, CellKey
from tests.support.qt import show_tab, step_tip


@pytest.fixture
def window(qtbot, main_window):
    show_tab(qtbot, main_window, main_window.pages[0])
    return main_window


def stored(store, sample, field, period=2024):
    return store.form_data(sample, form("a2")).values.get(CellKey(MAIN_ROW, field, period))


def test_ctrl_z_undoes_a_typed_value_and_ctrl_y_redoes_it(qtbot, window, store, sample):
    page = window.pages[0]
    view, model = page.view, page.model
    view.setFocus()
    view.setCurrentIndex(model.index(0, 13))
    qtbot.keyClicks(view, "8")
    editor = view.viewport().findChild(QLineEdit)  # the cell editor type-to-edit opened
    assert editor is not None and editor.isVisible()
    qtbot.keyClicks(editor, "0")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(store, sample, "penalty") == 80)  # Return commits through a queued call
    assert step_tip(window.undo_action) == "撤销：附件2 行政处罚(件)（2024）：80（Ctrl+Z）"
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(store, sample, "penalty") == 78 and model.data(model.index(1, 12)) == "-46.94%"
    assert "已撤销" in window.statusBar().currentMessage()
    assert step_tip(window.redo_action) == "重做：附件2 行政处罚(件)（2024）：80（Ctrl+Y）"
    qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert stored(store, sample, "penalty") == 80 and model.data(model.index(0, 13)) == "80"


def test_clearing_a_selection_is_one_undo(window, store, sample):
    page = window.pages[0]
    view, model = page.view, page.model
    for col in (2, 3):
        view.selectionModel().select(model.index(0, col), QItemSelectionModel.SelectionFlag.Select)
    assert model.clear_cells(view.selectedIndexes()) == 2
    assert stored(store, sample, "license", 2023) is None and stored(store, sample, "license") is None
    window.undo()
    assert stored(store, sample, "license", 2023) == 148 and stored(store, sample, "license") == 178


def test_copy_gives_tab_separated_text(qtbot, window):
    page = window.pages[0]
    view, model = page.view, page.model
    view.setFocus()
    view.setCurrentIndex(model.index(0, 2))
    qtbot.waitUntil(view.hasFocus)
    view.selectionModel().select(model.index(0, 3), QItemSelectionModel.SelectionFlag.Select)
    view.selectionModel().select(model.index(1, 2), QItemSelectionModel.SelectionFlag.Select)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "148\t178\n20.27%\t"


def test_paste_a_block_from_excel_is_one_command(qtbot, window, store, sample):
    page = window.pages[0]
    view, model = page.view, page.model
    QGuiApplication.clipboard().setText("150\t180\t1\t1\r\n")
    view.setFocus()
    view.setCurrentIndex(model.index(0, 2))
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [stored(store, sample, f, p) for f, p in [("license", 2023), ("license", 2024), ("confirmation", 2023)]] == [
        150,
        180,
        1,
    ]
    assert model.data(model.index(1, 2)) == "20.00%"
    window.undo()
    assert stored(store, sample, "license", 2023) == 148 and stored(store, sample, "confirmation", 2023) == 0


def test_each_report_keeps_its_own_history(window, store, sample):
    other = store.create_report("某县应急管理局", 2025)
    window.pages[0].model.edit_cell(0, 2, "5")
    assert window.undo_action.isEnabled()
    window.reload_reports(other)
    assert not window.undo_action.isEnabled()
    window.reload_reports(sample)
    assert window.undo_action.isEnabled()
    window.undo()
    assert stored(store, sample, "license", 2023) == 148
