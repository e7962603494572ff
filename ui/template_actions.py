"""文件 → 装入表样… and 换用表样…: the window's side of storage/template_shelf.py and storage/template_move.py,
the paths ``main.py template add`` and ``template move`` take."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMainWindow, QMessageBox

from forms.unsaved import BEFORE_MOVE, unsaved_note
from storage.template_move import move, targets
from storage.template_shelf import add_file
from ui.app_title import APP_TITLE
from ui.settings import last_folder, remember_folder

# ``window`` is ui/main_window.py's MainWindow, not imported: it imports this module (when used).


def add_template(window: QMainWindow) -> None:
    start = str(last_folder("template") or Path.home())
    path, _ = QFileDialog.getOpenFileName(window, "装入表样", start, "表样文件 (*.toml)")
    if not path:
        return
    remember_folder("template", Path(path).parent)
    # A bad file is refused whole (a message naming each problem and its line); nothing is stored.
    window._guarded(lambda: window.show_message(add_file(window.store, Path(path)).line()))


def move_report(window: QMainWindow) -> None:
    report = window.report
    if report is None:
        return
    choices = targets(window.store, report)
    if not choices:
        none = f"没有比表样 {report.template} 更新、适用于 {report.year} 年的表样（可先 文件 → 装入表样…）"
        QMessageBox.information(window, APP_TITLE, none)
        return
    question = f"把 {report.name}的报表从表样 {report.template} 换到（先备份；改名的字段随之移动）："
    version, ok = QInputDialog.getItem(window, "换用表样", question, choices, len(choices) - 1, False)
    if not ok:
        return
    refusal = unsaved_note(window._save_pending(), BEFORE_MOVE)
    if refusal is not None:
        QMessageBox.warning(window, APP_TITLE, refusal)
        return

    def run() -> None:
        moved = move(window.store, report.id, version)
        window.histories.of(report.id).clear()  # its steps name the fields as they were before the move
        window.reload_reports(moved.report)  # the grids of the new template
        window.show_message(moved.line())

    window._guarded(run)


def add_title_list(window: QMainWindow) -> None:
    """文件 → 装入文件名称清单…: the clerk's or the city's list of titles for 校对 (storage/title_lists.py)."""
    from storage import title_lists

    start = str(last_folder("titles") or Path.home())
    path, _ = QFileDialog.getOpenFileName(window, "装入文件名称清单", start, "文件名称清单 (*.txt)")
    if not path:
        return
    remember_folder("titles", Path(path).parent)

    def run() -> None:
        window.show_message(title_lists.add_file(window.store, Path(path)))
        held = window.open.held if window.open is not None else None
        if held is not None:
            held.titles = title_lists.titles(window.store)
        window.refresh_audit()

    window._guarded(run)
