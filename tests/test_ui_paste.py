"""Paste like Excel, with Ctrl+V: rows added to 附件4/附件5 as one undo step; anything else whole or refused."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from forms.registry import form
from forms.report import CellKey
from tests.support.qt import show_tab, step_tip
from tests.support.reports import audit_of_the_file

CTRL = Qt.KeyboardModifier.ControlModifier


def paste_at(qtbot, window, page, row, col, text):
    show_tab(qtbot, window, page)
    QGuiApplication.clipboard().setText(text)
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(row, col))
    qtbot.keyClick(page.view, Qt.Key.Key_V, CTRL)


def test_six_rows_pasted_at_row_three_of_attachment4_add_four_rows_in_one_undo(qtbot, main_window, store, sample):
    page = main_window._page_of("a4")
    spec = form("a4")
    before = store.form_data(sample, spec)
    assert len(before.rows) == 4
    block = "\r\n".join(f"{n}\t{n + 100}" for n in range(1, 7)) + "\r\n"
    paste_at(qtbot, main_window, page, 2, 1, block)
    after = store.form_data(sample, spec)
    assert len(after.rows) == 8 and page.model.rowCount() == 8
    assert [after.get(CellKey(r, "posts")) for r in after.rows[2:]] == [1, 2, 3, 4, 5, 6]
    assert [page.model.data(page.model.index(r, 2)) for r in range(2, 8)] == [str(n + 100) for n in range(1, 7)]
    assert "新增 4 行" in main_window.statusBar().currentMessage()
    assert step_tip(main_window.undo_action) == "撤销：粘贴 12 个单元格（新增 4 行）（Ctrl+Z）"
    assert page.view.currentIndex().row() == 2 and len(page.view.selectedIndexes()) == 12
    qtbot.keyClick(page.view, Qt.Key.Key_Z, CTRL)  # one step takes the rows and the values away
    assert store.form_data(sample, spec) == before and page.model.rowCount() == 4
    qtbot.keyClick(page.view, Qt.Key.Key_Y, CTRL)
    assert len(store.form_data(sample, spec).rows) == 8


def test_a_two_row_block_on_attachment2_is_refused_whole(qtbot, main_window, store, sample):
    page = main_window.pages[0]
    before = store.form_data(sample, form("a2"))
    paste_at(qtbot, main_window, page, 0, 2, "1\t2\r\n3\t4\r\n")
    assert store.form_data(sample, form("a2")) == before
    assert page.view.note.isVisible() and "不能填写的单元格" in page.view.note.text()
    assert "粘贴未执行" in main_window.statusBar().currentMessage()
    assert not main_window.undo_action.isEnabled()


def test_past_the_end_of_a_fixed_table_says_why(qtbot, main_window, store, sample):
    page = main_window.pages[1]  # 附件3
    before = store.form_data(sample, form("a3"))
    paste_at(qtbot, main_window, page, 2, 2, "原因一\r\n原因二\r\n")
    assert store.form_data(sample, form("a3")) == before
    assert "行数固定" in page.view.note.text()


def test_paste_into_attachment5_past_its_rows_then_undo_by_menu(qtbot, main_window, store, sample):
    page = main_window._page_of("a5")
    spec = form("a5")
    rows = len(store.form_data(sample, spec).rows)
    paste_at(qtbot, main_window, page, rows - 1, 1, "甲执法大队\t是\r\n乙执法大队\t否\r\n")
    after = store.form_data(sample, spec)
    assert len(after.rows) == rows + 1 and after.get(CellKey(after.rows[-1], "unit_name")) == "乙执法大队"
    main_window.undo_action.trigger()
    assert len(store.form_data(sample, spec).rows) == rows


def a5_block(rows: int) -> str:
    """Rows as Excel puts them on the clipboard: 单位名称, 是否使用平台, then the counts."""
    return "".join(f"第{n}执法大队\t是\t{n % 9}\t{n % 5}\r\n" for n in range(rows))


def test_a_thousand_rows_pasted_into_attachment5_are_one_step(qtbot, main_window, store, sample):
    page = main_window._page_of("a5")
    spec = form("a5")
    before = store.form_data(sample, spec)
    paste_at(qtbot, main_window, page, 0, 1, a5_block(1000))
    after = store.form_data(sample, spec)
    assert len(after.rows) == 1000 and page.model.rowCount() == 1000
    assert after.get(CellKey(after.rows[-1], "unit_name")) == "第999执法大队"
    assert page.model.data(page.model.index(999, 1)) == "第999执法大队"
    assert main_window.findings == audit_of_the_file(store.path, sample.id)
    qtbot.keyClick(page.view, Qt.Key.Key_Z, CTRL)
    assert store.form_data(sample, spec) == before and page.model.rowCount() == len(before.rows)


def test_more_than_a_thousand_rows_are_refused_with_one_line_naming_the_limit(qtbot, main_window, store, sample):
    page = main_window._page_of("a5")
    spec = form("a5")
    before = store.form_data(sample, spec)
    paste_at(qtbot, main_window, page, 0, 1, a5_block(5000))
    assert store.form_data(sample, spec) == before and page.model.rowCount() == len(before.rows)
    line = "粘贴未执行：一次最多粘贴 1000 行，复制的内容有 5000 行，请分几次粘贴"
    assert page.view.note.isVisible() and page.view.note.text() == line
    assert line in main_window.statusBar().currentMessage()
    assert not main_window.undo_action.isEnabled()
