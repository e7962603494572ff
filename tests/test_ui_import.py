"""文件 → 导入/汇总…: the per-file list, the progress bar and the 汇总, as the clerk sees them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QCheckBox

from storage.store import Store
from tests.test_aggregate import COUNTIES, county_file
from ui.import_dialog import ImportDialog
from ui.main_window import MainWindow


def tick(qtbot, box: QCheckBox) -> None:
    """Click the box itself (the widget spans the row; a click right of its text does nothing)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert box.isChecked()


def test_dialog_lists_each_file_and_builds_the_city_report(qtbot, tmp_path: Path) -> None:
    files = [county_file(tmp_path, unit, figures) for unit, figures in COUNTIES.items()]
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    store = Store(tmp_path / "city.sqlite3")
    dialog = ImportDialog(store, city="示例市应急管理局")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.set_paths([*files, bad])
    before = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert before[0] == "甲县应急管理局.xlsx　甲县应急管理局　2024年"  # the chosen files, before anything is stored
    assert before[3].startswith("坏文件.xlsx　-　-　无法导入：")
    assert dialog.year.text() == "2024年（取自所选文件）" and "1 个无法导入" in dialog.chosen.text()
    assert store.reports() == []
    assert not dialog.city.isEnabled() and not dialog.year.isEnabled()  # a 汇总's, and none asked for yet
    tick(qtbot, dialog.combine)
    assert dialog.city.isEnabled() and dialog.year.isEnabled()
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    assert dialog.progress.value() == dialog.progress.maximum() == 4
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert texts[0].startswith("甲县应急管理局.xlsx　甲县应急管理局　2024　已导入，附件审核发现 错误 0 条、提示 ")
    assert texts[3].startswith("坏文件.xlsx　-　-　未导入：")
    assert "导入 3 个，与上次相同 0 个，未导入 1 个" in dialog.summary.text()
    assert "已生成汇总：示例市应急管理局 2024年，共 3 个单位" in dialog.summary.text()
    assert dialog.aggregated is not None and dialog.aggregated.unit == "示例市应急管理局"


def test_files_of_two_years_are_imported_and_the_dialog_says_which_years(qtbot, tmp_path: Path) -> None:
    (a, fa), (b, fb), (c, fc) = COUNTIES.items()
    files = [county_file(tmp_path, a, fa), county_file(tmp_path, b, fb, year=2023), county_file(tmp_path, c, fc)]
    store = Store(tmp_path / "city.sqlite3")
    store.create_report("示例市应急管理局", 2025)  # the report open in the window no longer sets the year
    dialog = ImportDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.set_paths(files)
    years = "所选文件的年度不同（2024年 2 个文件、2023年 1 个文件）"
    assert dialog.year.text().startswith(years) and "不会生成汇总" in dialog.year.text()
    tick(qtbot, dialog.combine)
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    assert "请先填写汇总单位" in dialog.summary.text() and store.find_report(a, 2024) is None  # nothing run yet
    qtbot.mouseClick(dialog.city, Qt.MouseButton.LeftButton)
    typed = QInputMethodEvent()  # QTest types no CJK characters: what an input method commits
    typed.setCommitString("示例市应急管理局")
    QApplication.sendEvent(dialog.city, typed)
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    assert "导入 3 个，与上次相同 0 个，未导入 0 个" in dialog.summary.text()
    assert f"未生成汇总：{years}" in dialog.summary.text() and dialog.aggregated is None
    assert store.find_report(b, 2023) is not None and store.find_report("示例市应急管理局", 2024) is None
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert texts[1].startswith(f"{b}.xlsx　{b}　2023　已导入，附件审核发现 错误 ")


def test_the_file_menu_opens_it(qtbot, tmp_path: Path, monkeypatch) -> None:
    store = Store(tmp_path / "city.sqlite3")
    window = MainWindow(store)
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if a.text() == "导入/汇总…")
    opened = []
    monkeypatch.setattr(ImportDialog, "exec", lambda self: opened.append(self) or 0)
    action.trigger()
    assert len(opened) == 1


def test_an_ods_and_a_file_naming_two_units_in_the_dialog(qtbot, tmp_path: Path) -> None:
    """The window says what the command line says: the unit taken, and the sheet naming another as a 提示."""
    from tests.test_import import _with_fillers
    from tests.test_import_formats import WORKBOOKS

    mixed = _with_fillers(tmp_path, {"a3": "乙县应急管理局"})
    store = Store(tmp_path / "city.sqlite3")
    dialog = ImportDialog(store, city="示例市应急管理局")
    qtbot.addWidget(dialog)
    dialog.set_paths([mixed, WORKBOOKS / "hand.ods"])
    assert [dialog.list.item(i).text() for i in range(2)] == [
        "county.xlsx　示例县应急管理局　2024年",
        "hand.ods　示例县应急管理局　2024年",
    ]
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    first, second = (dialog.list.item(i).text().splitlines() for i in range(2))
    assert first[0].startswith("county.xlsx　示例县应急管理局　2024　已导入")
    assert (
        "　　提示：附件3（工作表“附件3”）的填报单位为“乙县应急管理局”，与附件2的“示例县应急管理局”不同，"
        in "\n".join(first)
    )
    assert second[0].startswith("hand.ods　示例县应急管理局　2024　已替换")
    store.close()
