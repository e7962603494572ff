"""The 编辑 menu and the grid's context menu: the same commands, named for what they do."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from forms.registry import form
from forms.report import MAIN_ROW, CellKey
from tests.support.qt import show_tab, step_tip

CTRL = Qt.KeyboardModifier.ControlModifier


def texts(menu):
    return [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()]


def test_edit_menu_names_every_command_and_acts_on_the_grid_shown(qtbot, main_window, store, sample):
    edit = next(a.menu() for a in main_window.menuBar().actions() if a.text() == "编辑(&E)")
    assert [t.split(" ")[0] for t in texts(edit)] == [
        "撤销",
        "重做",
        "剪切",
        "复制",
        "粘贴",
        "清除内容",
        "插入行（在下方）",
        "删除行",
    ]
    main_window.tabs.setCurrentWidget(main_window.report_page)
    assert not main_window.edit_actions["copy"].isEnabled()  # the text page has its own editor
    page = main_window.pages[0]
    show_tab(qtbot, main_window, page)
    assert main_window.edit_actions["copy"].isEnabled() and not main_window.edit_actions["insert_row"].isEnabled()
    page.view.setCurrentIndex(page.model.index(0, 2))
    main_window.edit_actions["cut"].trigger()
    assert QGuiApplication.clipboard().text() == "148"
    assert store.form_data(sample, form("a2")).get(CellKey(MAIN_ROW, "license", 2023)) is None
    assert step_tip(main_window.undo_action) == "撤销：清空 附件2 1 个单元格（Ctrl+Z）"
    page.view.setCurrentIndex(page.model.index(0, 4))
    main_window.edit_actions["paste"].trigger()
    assert store.form_data(sample, form("a2")).get(CellKey(MAIN_ROW, "confirmation", 2023)) == 148


def test_context_menu_inserts_and_removes_rows_and_undo_keeps_its_history(
    qtbot, main_window, store, sample, monkeypatch
):
    page = main_window._page_of("a4")
    show_tab(qtbot, main_window, page)
    view = page.view
    rect = view.visualRect(page.model.index(1, 2))
    view.customContextMenuRequested.emit(rect.center())
    menu = view.context_menu
    assert texts(menu) == ["剪切", "复制", "粘贴", "清除内容", "插入行（在下方）", "删除行", "修改记录…"]
    assert view.currentIndex().row() == 1
    menu.close()
    rows = len(store.form_data(sample, form("a4")).rows)
    page.view.menu_actions["insert_row"].trigger()
    assert page.model.rowCount() == rows + 1 and view.currentIndex().row() == 2
    assert step_tip(main_window.undo_action) == "撤销：在附件4插入第 3 行（Ctrl+Z）"
    view.setCurrentIndex(page.model.index(0, 1))  # a filled row: asks first
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    main_window.edit_actions["remove_row"].trigger()
    assert page.model.rowCount() == rows
    assert step_tip(main_window.undo_action) == "撤销：删除附件4第 1 行（Ctrl+Z）"
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # the removed row comes back with its figures
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # the inserted row goes
    assert store.form_data(sample, form("a4")).get(CellKey("r1", "posts")) is not None
    assert page.model.rowCount() == rows
    assert step_tip(main_window.redo_action) == "重做：在附件4插入第 3 行（Ctrl+Y）"


def test_undo_survives_switching_reports(qtbot, main_window, store, sample):
    other = store.create_report("某县应急管理局", 2024)
    page = main_window.pages[0]
    show_tab(qtbot, main_window, page)
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(0, 2))
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    main_window.reload_reports(other)
    assert main_window.undo_action.text() == "撤销"
    main_window.reload_reports(sample)
    assert step_tip(main_window.undo_action) == "撤销：清空 附件2 1 个单元格（Ctrl+Z）"
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Z, CTRL)
    assert store.form_data(sample, form("a2")).get(CellKey(MAIN_ROW, "license", 2023)) == 148


def test_a_selection_is_cleared_from_the_context_menu(qtbot, main_window, store, sample):
    page = main_window.pages[0]
    show_tab(qtbot, main_window, page)
    view = page.view
    for col in (2, 3):
        view.selectionModel().select(page.model.index(0, col), QItemSelectionModel.SelectionFlag.Select)
    view.customContextMenuRequested.emit(view.visualRect(page.model.index(0, 3)).center() + QPoint(0, 0))
    view.context_menu.close()
    view.menu_actions["clear"].trigger()
    values = store.form_data(sample, form("a2"))
    assert (
        values.get(CellKey(MAIN_ROW, "license", 2023)) is None
        and values.get(CellKey(MAIN_ROW, "license", 2024)) is None
    )


def test_the_notes_fold_away_and_the_choice_is_remembered(qtbot, main_window):
    page = main_window.pages[0]
    show_tab(qtbot, main_window, page)
    shown = page.notes.isVisible()
    qtbot.mouseClick(page.notes_button, Qt.MouseButton.LeftButton)
    assert page.notes.isVisible() is not shown
    assert page.notes_button.text() == ("隐藏填表说明" if not shown else "显示填表说明")
    assert "委托执法" in page.notes_button.toolTip()  # folded, they are still a hover away
    from ui.form_page import FormPage

    later = FormPage(main_window.store, form("a3"), main_window.report)  # a grid built later: the clerk's choice
    qtbot.addWidget(later)
    assert later.notes_button.isChecked() is not shown
