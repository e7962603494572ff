"""文件 → 导入/汇总…: the per-file list, the progress bar and the 汇总, as the clerk sees them."""

from __future__ import annotations

from pathlib import Path

from storage.store import Store
from tests.test_aggregate import COUNTIES, county_file
from ui.import_dialog import ImportDialog
from ui.main_window import MainWindow


def test_dialog_lists_each_file_and_builds_the_city_report(qtbot, tmp_path: Path) -> None:
    files = [county_file(tmp_path, unit, figures) for unit, figures in COUNTIES.items()]
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    store = Store(tmp_path / "city.sqlite3")
    dialog = ImportDialog(store, city="示例市应急管理局", year=2024)
    qtbot.addWidget(dialog)
    dialog.set_paths([*files, bad])
    dialog.combine.setChecked(True)
    dialog.start.click()
    assert dialog.progress.value() == dialog.progress.maximum() == 4
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert texts[0].startswith("甲县应急管理局.xlsx　甲县应急管理局　2024　已导入")
    assert texts[3].startswith("坏文件.xlsx　-　-　未导入：")
    assert "导入 3 个，未导入 1 个" in dialog.summary.text()
    assert "已生成汇总：示例市应急管理局 2024年，共 3 个单位" in dialog.summary.text()
    assert dialog.aggregated is not None and dialog.aggregated.unit == "示例市应急管理局"


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
