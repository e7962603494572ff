"""文件 → 各单位报送情况…: the city's board as the clerk sees it, driven by clicks and keys."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from storage import members
from storage.store import Store
from tests.support.board import CITY, YEAR, A, B, two_county_city
from tests.support.ooxml import assert_valid
from tests.support.qt import open_window
from ui import file_dialogs
from ui.board_dialog import BoardDialog


@pytest.fixture
def city(tmp_path: Path) -> Store:
    return two_county_city(tmp_path)


def shown(dialog: BoardDialog) -> list[list[str]]:
    table = dialog.table
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def board_dialog(qtbot, store: Store) -> BoardDialog:
    dialog = BoardDialog(store, CITY, YEAR)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def commit(widget, text: str) -> None:
    """What an input method commits (QTest types no CJK characters)."""
    typed = QInputMethodEvent()
    typed.setCommitString(text)
    QApplication.sendEvent(widget, typed)


def click_row(qtbot, dialog: BoardDialog, row: int) -> None:
    rect = dialog.table.visualItemRect(dialog.table.item(row, 0))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_board_lists_each_member_with_its_file_counts_and_reasons(qtbot, city: Store) -> None:
    dialog = board_dialog(qtbot, city)
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
    assert headers == ["单位", "报送情况", "文件", "导入时间", "错误", "提示", "原因简析", "较上次导入的变化"]
    rows = shown(dialog)
    assert [r[:3] for r in rows] == [[A, "已报送", f"{A}.xlsx"], [B, "已报送", f"{B}.xlsx"]]
    assert rows[0][6] == "附件2 行政检查：开展专项检查" and rows[0][7] == "首次导入"
    assert rows[1][4] != "0" and dialog.table.item(1, 4).foreground().color().name() == "#b00020"  # a 错误
    assert dialog.summary.text() == "成员 2 个：已报送 2 个（有错误 1 个），未报送 0 个"
    # a 原因简析 row is as tall as its text at the widths shown, not at those before the layout
    lines = dialog.table.fontMetrics().height()
    qtbot.waitUntil(lambda: dialog.table.rowHeight(0) < 3 * lines)


def test_typing_a_unit_and_enter_adds_a_missing_member_and_a_click_removes_it(qtbot, city: Store) -> None:
    dialog = board_dialog(qtbot, city)
    assert not dialog.remove_button.isEnabled()  # nothing selected
    qtbot.mouseClick(dialog.unit, Qt.MouseButton.LeftButton)
    commit(dialog.unit, "湘潭县应急管理局")
    qtbot.keyClick(dialog.unit, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter added; it did not close the dialog
    assert shown(dialog)[2] == ["湘潭县应急管理局", "未报送", "", "", "", "", "", ""]
    assert dialog.summary.text().startswith("已加入：湘潭县应急管理局。成员 3 个")
    assert dialog.table.item(2, 1).foreground().color().name() == "#b00020"
    assert dialog.unit.text() == ""
    click_row(qtbot, dialog, 1)  # 岳塘区: off the list, its report stays in the file
    assert dialog.remove_button.isEnabled()
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert [r[0] for r in shown(dialog)] == [A, "湘潭县应急管理局"]
    assert not dialog.table.selectedItems() and not dialog.remove_button.isEnabled()  # the next row is not taken
    assert members.members(city, CITY) == [A, "湘潭县应急管理局"] and city.find_report(B, YEAR) is not None
    assert f"已移出：{B}（其报表仍在，可再加入）" in dialog.summary.text()


def test_a_refused_name_says_why_in_a_message_box(qtbot, city: Store, monkeypatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    dialog = board_dialog(qtbot, city)
    commit(dialog.unit, A)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert said == [f"“{A}”已在{CITY}的成员名单中"]
    assert dialog.unit.text() == A  # kept, to correct


def test_another_year_shows_every_member_missing(qtbot, city: Store) -> None:
    dialog = board_dialog(qtbot, city)
    dialog.year.setFocus()
    qtbot.keyClick(dialog.year, Qt.Key.Key_Up)  # 2025
    assert [r[1] for r in shown(dialog)] == ["未报送", "未报送"]
    assert dialog.summary.text() == f"成员 2 个：已报送 0 个，未报送 2 个：{A}、{B}"


def test_export_writes_the_workbook_the_city_mails_up(qtbot, city: Store, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "报送情况.xlsx"
    asked: list[Path] = []
    monkeypatch.setattr(
        file_dialogs, "save_file_name", lambda parent, caption, default, kinds: asked.append(default) or str(target)
    )
    dialog = board_dialog(qtbot, city)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert asked[0].name == f"{CITY} {YEAR}年 各成员单位报送情况.xlsx"
    assert dialog.summary.text() == f"已导出：{target}。成员 2 个：已报送 2 个（有错误 1 个），未报送 0 个"
    assert_valid(target)
    ws = openpyxl.load_workbook(target).active
    assert [ws.cell(r, 1).value for r in (3, 4)] == [A, B]


def test_the_file_menu_opens_the_board_of_the_open_city(qtbot, city: Store) -> None:
    window = open_window(qtbot, city)
    window.reload_reports(city.require_report(CITY, YEAR))
    file_menu = window.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if a.text() == "各单位报送情况…")
    seen: list[list[str]] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, BoardDialog)
        seen.append([dialog.current_city(), str(dialog.year.value()), *(r[0] for r in shown(dialog))])
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, look)
    action.trigger()
    assert seen == [[CITY, str(YEAR), A, B]]
