"""The window and templates: 文件 → 装入表样… takes the path ``main.py template add`` takes, and a
report shows in its own template's grids — opening a report of another template rebuilds them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from forms.report import MAIN_ROW, CellKey
from storage import templates
from storage.store import Store
from storage.template_shelf import add_file
from tests.support.qt import open_window, show_tab
from tests.support.templates import NEXT_FILE
from tests.test_ui_keys import at, editor_of

UNIT = "某县应急管理局"


def _menu_action(window, text: str):
    file_menu = window.menuBar().actions()[0].menu()
    return next(a for a in file_menu.actions() if a.text() == text)


def _columns(page) -> list[str]:
    return [c.field.key if c.field else "" for c in page.model.layout.columns]


def test_adding_a_template_from_the_file_menu(qtbot, store: Store, sample, tmp_path: Path, monkeypatch) -> None:
    window = open_window(qtbot, store)
    chosen = [str(NEXT_FILE)]
    monkeypatch.setattr("ui.template_actions.QFileDialog.getOpenFileName", lambda *a, **k: (chosen[0], ""))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: warnings.append(text))
    _menu_action(window, "装入表样…").trigger()
    assert "已装入表样 2025.1（适用于 2025–2100年）" in window.statusBar().currentMessage()
    assert templates.known(store)["2025.1"].stored

    bad = tmp_path / "坏表样.toml"
    bad.write_text(NEXT_FILE.read_text(encoding="utf-8").replace('version = "2025.1"', 'version = "2026.1"\nx = 1', 1))
    chosen[0] = str(bad)
    _menu_action(window, "装入表样…").trigger()
    assert warnings == ["坏表样.toml：未知的项“x”"] and "2026.1" not in templates.known(store)


def test_a_report_shows_in_its_own_templates_grids(qtbot, db_path: Path) -> None:
    setup = Store(db_path)
    setup.create_report(UNIT, 2024)
    setup.close()
    store = Store(db_path)
    add_file(store, NEXT_FILE)
    new = store.create_report(UNIT, 2025)  # the newest that serves 2025: 2025.1
    window = open_window(qtbot, store)
    assert window.report.id == new.id  # the newest year first
    page = window.pages[0]
    assert "hearings" in _columns(page) and window.tabs.tabText(3) == "附件4"
    assert "recorders" not in _columns(window.pages[2])

    show_tab(qtbot, window, page)
    page.view.setFocus()
    qtbot.waitUntil(page.view.hasFocus)
    at(page.view, 0, _columns(page).index("hearings") + 1)  # 听证 2025
    qtbot.keyClicks(page.view, "7")
    qtbot.keyClick(editor_of(page.view), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: store.form_data(new, page.spec).values.get(CellKey(MAIN_ROW, "hearings", 2025)) == 7)

    old = store.find_report(UNIT, 2024)
    window.reports.setCurrentIndex(window.reports.findData(old.id))  # a report of 2024.1
    assert window.report.id == old.id
    assert "hearings" not in _columns(window.pages[0]) and "recorders" in _columns(window.pages[2])
    window.reports.setCurrentIndex(window.reports.findData(new.id))  # and back: its grids again, its figure
    a2 = window.pages[0].model
    assert a2.data(a2.index(0, _columns(window.pages[0]).index("hearings") + 1)) == "7"


def test_moving_the_open_report_to_another_template(qtbot, db_path: Path, monkeypatch) -> None:
    store = Store(db_path)
    report = store.create_report(UNIT, 2025)  # on 2024.1: made before 2025.1 came
    a3 = store.spec_of(report, "a3")
    store.set_value(report.id, a3, CellKey(MAIN_ROW, "exempt_cases", 2025), 4)
    add_file(store, NEXT_FILE)
    window = open_window(qtbot, store)
    page = window.pages[0]
    assert "hearings" not in _columns(page)
    show_tab(qtbot, window, page)
    page.view.setFocus()
    qtbot.waitUntil(page.view.hasFocus)
    at(page.view, 0, _columns(page).index("license") + 1)
    qtbot.keyClicks(page.view, "5")
    qtbot.keyClick(editor_of(page.view), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.histories.of(report.id).undo_name() is not None)
    offered: list[list[str]] = []

    def choose(_parent, _title, _label, items, *_args):
        offered.append(list(items))
        return items[-1], True

    monkeypatch.setattr("ui.template_actions.QInputDialog.getItem", choose)
    _menu_action(window, "换用表样…").trigger()
    assert offered == [["2025.1"]]
    assert (
        window.statusBar()
        .currentMessage()
        .endswith("已把 某县应急管理局 2025年的报表换到表样 2025.1（改名的字段 1 个，不再显示的字段 1 个）")
    )
    assert window.report.template == "2025.1" and "hearings" in _columns(window.pages[0])
    a3 = window.pages[1].model
    assert a3.data(a3.index(0, _columns(window.pages[1]).index("exempt_penalty") + 1)) == "4"  # under its new key
    assert any("before-template-move" in p.name for p in (db_path.parent / "backups").iterdir())
    assert window.histories.of(report.id).undo_name() is None  # its steps named the fields before the move
