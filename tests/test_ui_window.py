"""The window as a clerk uses it: typing, Enter, Delete, bad input, rows, export. Offscreen."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLineEdit, QMessageBox

from storage.store import Store
from tests.support.ooxml import assert_valid
from tests.support.qt import show_tab
from ui import file_dialogs
from ui.main_window import MainWindow

SHOTS = Path(__file__).resolve().parent / "screenshots"


@pytest.fixture
def window(qtbot, main_window):
    show_tab(qtbot, main_window, main_window.pages[0])  # 附件2, where the clerk types
    return main_window


def stored(db_path: Path, field: str, period: int) -> str | None:
    with sqlite3.connect(db_path) as con:
        row = con.execute(
            "select value from cells where form='a2' and row='main' and field=? and period=?", [field, period]
        ).fetchone()
    return row[0] if row else None


def type_into(qtbot, view, row: int, col: int, text: str) -> None:
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, col))
    qtbot.keyClicks(view, text[0])  # the first key opens the editor (type-to-edit)
    editor = view.viewport().findChild(QLineEdit)  # the cell editor type-to-edit opened
    assert editor is not None and editor.isVisible()
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_typing_updates_yoy_and_sqlite(qtbot, window, db_path):
    page = window.pages[0]
    view, model = page.view, page.model
    type_into(qtbot, view, 0, 13, "80")  # 行政处罚 2024
    qtbot.waitUntil(lambda: model.data(model.index(0, 13)) == "80")
    assert model.data(model.index(1, 12)) == "-45.58%"  # the 同比增减 cell under it changed
    assert stored(db_path, "penalty", 2024) == "80"  # already committed: another connection sees it
    assert view.currentIndex().row() == 2  # Enter moved down past the read-only 同比增减 row
    assert "已保存" in window.statusBar().currentMessage()


def test_bad_value_is_refused_at_the_cell(qtbot, window, db_path):
    view, model = window.pages[0].view, window.pages[0].model
    type_into(qtbot, view, 0, 13, "1.5")
    qtbot.waitUntil(lambda: view.last_rejection != "")
    assert "整数" in view.last_rejection
    assert "整数" in window.statusBar().currentMessage()
    assert model.data(model.index(0, 13)) == "78" and stored(db_path, "penalty", 2024) == "78"


def test_tab_moves_right_and_delete_clears(qtbot, window, db_path):
    view, model = window.pages[0].view, window.pages[0].model
    view.setFocus()
    view.setCurrentIndex(model.index(0, 2))
    qtbot.keyClicks(view, "1")
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: model.data(model.index(0, 2)) == "1")
    assert view.currentIndex().column() == 3
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Escape)
    view.setCurrentIndex(model.index(0, 3))
    view.selectionModel().select(model.index(0, 3), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert model.data(model.index(0, 3)) == "" and stored(db_path, "license", 2024) is None
    assert model.data(model.index(1, 2)) == ""  # no 同比 without this year's figure
    assert "本年数未填" in model.data(model.index(1, 2), Qt.ItemDataRole.ToolTipRole)


def test_rows_of_attachment5_can_be_added_and_removed(qtbot, window, monkeypatch):
    page = window.pages[3]
    window.tabs.setCurrentWidget(page)
    page.view.setCurrentIndex(page.model.index(0, 1))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 5 and page.view.currentIndex().row() == 1
    page.view.setCurrentIndex(page.model.index(0, 1))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 4 and page.model.data(page.model.index(0, 1)) == ""


def test_export_from_the_window_uses_the_same_path(qtbot, window, tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    target = tmp_path / "附表.xlsx"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: str(target))
    offered, opened = [], []

    def click_open_folder(box: QMessageBox) -> int:
        offered.extend(b.text() for b in box.buttons())
        next(b for b in box.buttons() if b.text() == "打开所在文件夹").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_open_folder)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    window.export_xlsx()
    assert openpyxl.load_workbook(target)["附件2"]["D7"].value == 178
    assert_valid(target)
    assert "已导出" in window.statusBar().currentMessage()
    assert asked and "审核发现 2 个错误" in asked[0]  # the sample's two contradictions
    assert sorted(offered) == sorted(["打开文件", "打开所在文件夹", "关闭"]) and opened == [str(tmp_path)]


def test_export_with_errors_can_be_called_off(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    dialog = []
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: dialog.append(1) or "")
    window.export_docx()
    assert dialog == []  # nothing was asked, nothing written


def test_export_error_is_a_dialog_not_a_traceback(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    shown = []
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: str(tmp_path / "无" / "a.docx"))
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    window.export_docx()
    assert shown and "无法写入" in shown[0]
    assert "已导出" not in window.statusBar().currentMessage()


def test_contact_line_is_saved(qtbot, window, store, sample):
    window.person.setText("赵一鸣")
    window.person.editingFinished.emit()
    assert store.report(sample.id).contact_person == "赵一鸣"
    window.phone.setText("13912345678")  # still in the field when the window closes
    window.close()
    assert store.report(sample.id).contact_phone == "13912345678"


def test_empty_database_offers_new_or_sample(qtbot, db_path):
    store = Store(db_path.with_name("empty.sqlite3"))
    w = MainWindow(store)
    qtbot.addWidget(w)
    assert w.stack.currentIndex() == 0 and not w.xlsx_action.isEnabled()
    w.create_sample()
    assert w.stack.currentIndex() == 1 and w.reports.currentText() == "示例市应急管理局 2024年"
    assert w.pages[0].model.data(w.pages[0].model.index(1, 2)) == "20.27%"
    w.close()


def test_places_setting_changes_every_yoy_cell(qtbot, window):
    window.set_places(1)
    assert window.pages[0].model.data(window.pages[0].model.index(1, 2)) == "20.3%"


def test_places_setting_changes_the_audit_messages_too(qtbot, window):
    from forms.report import REASON_ROW, CellKey

    model = window.pages[0].model
    assert model.edit_cell(*model.locate(CellKey(REASON_ROW, "fines")), "")  # 罚没金额 -54.44%, unexplained
    said = [f.message for f in window.findings if f.code == "YOY_UNEXPLAINED"]
    assert said == ["罚没金额同比-54.44%，变化较大，请在原因简析中说明"]
    window.set_places(1)
    said = [f.message for f in window.findings if f.code == "YOY_UNEXPLAINED"]
    assert said == ["罚没金额同比-54.4%，变化较大，请在原因简析中说明"]


def test_screenshots_of_each_attachment(qtbot, window):
    """Grabs the window per tab for a human look (tests/screenshots/, not committed)."""
    SHOTS.mkdir(exist_ok=True)
    window.resize(1400, 800)
    window.tabs.setCurrentWidget(window.report_page)
    assert window.grab().save(str(SHOTS / "报告正文.png"))
    for page in window.pages:
        window.tabs.setCurrentWidget(page)
        qtbot.waitUntil(lambda p=page: p.isVisible())
        image = window.grab()
        assert image.width() >= 1400 and image.save(str(SHOTS / f"{page.spec.label}.png"))
        header = page.view.horizontalHeader()  # every header level is tall enough for its text
        assert header.height() >= page.model.layout.depth * header.fontMetrics().height()


def test_standard_dialogs_speak_chinese(qapp):
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.app import load_translations

    assert load_translations(qapp)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"


def test_an_unexpected_error_becomes_a_dialog_and_a_log(qapp, store, monkeypatch):
    import sys

    from ui.app import install_crash_dialog

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    install_crash_dialog(store.path.parent)
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert shown and "内部出错" in shown[0] and "Traceback" not in shown[0]
    log = store.path.with_name("error.log")
    assert "RuntimeError: a bug" in log.read_text(encoding="utf-8")
