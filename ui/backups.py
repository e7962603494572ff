"""文件 → 备份… / 从备份恢复…: the window's side of storage/backup.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from forms.history import Histories
from storage.backup import folder as backup_folder
from storage.backup import restore_file
from ui.settings import last_folder, remember_folder

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def backup(window: MainWindow) -> None:
    if window.store.in_memory:
        return
    default = (last_folder("backup") or Path.home()) / f"填报助手备份-{date.today():%Y%m%d}.sqlite3"
    path, _ = QFileDialog.getSaveFileName(window, "备份数据库", str(default), "填报助手数据库 (*.sqlite3)")
    if path:
        remember_folder("backup", Path(path).parent)
    if path and window._guarded(lambda: window.store.backup("manual", Path(path))):
        window.show_message(f"已备份到：{path}")


def restore(window: MainWindow) -> None:
    if window.store.in_memory:
        return
    folder = str(backup_folder(window.store.path))
    path, _ = QFileDialog.getOpenFileName(window, "从备份恢复", folder, "填报助手数据库 (*.sqlite3)")
    if not path:
        return
    answer = QMessageBox.question(
        window,
        "从备份恢复",
        f"用备份\n{path}\n替换当前数据库中的全部报表吗？\n当前数据库会先另存一份备份，不会丢失。",
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    problems = [p for p in (window._save_contact(), window._save_report_text()) if p]
    if problems:
        QMessageBox.warning(window, "填报助手", "刚填写的内容未能保存，请先处理后再恢复：\n" + "\n".join(problems))
        return
    if window.report_page is not None:
        window.report_page.forget_editing()  # nothing from before the restore is written into it
    db = window.store.path
    window.store.close()
    try:
        restored = window._guarded(lambda: restore_file(db, Path(path)))
    finally:
        window.store.reopen()  # the restored file, or the untouched old one
    if restored:
        window.histories = Histories()  # the steps of the replaced file no longer apply
        for page in window._built_pages():
            page.model.histories = window.histories
        if window.report_page is not None:
            window.report_page.histories = window.histories
    window.report = None
    window.reload_reports()
    if restored:
        window.show_message(f"已从备份恢复：{path}")
