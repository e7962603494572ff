"""文件 → 备份… / 从备份恢复…: the window's side of storage/backup.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from forms.unsaved import BEFORE_RESTORE, unsaved_note
from storage.backup import folder as backup_folder
from storage.window_open import restore_in_place
from ui.app_title import APP_TITLE
from ui.settings import last_folder, remember_folder

# ``window`` is ui/main_window.py's MainWindow, not imported: it imports this module (when used).


def backup(window: QMainWindow) -> None:
    if window.store.in_memory:
        return
    default = (last_folder("backup") or Path.home()) / f"填报助手备份-{date.today():%Y%m%d}.sqlite3"
    path, _ = QFileDialog.getSaveFileName(window, "备份数据库", str(default), "填报助手数据库 (*.sqlite3)")
    if path:
        remember_folder("backup", Path(path).parent)
    if path and window._guarded(lambda: window.store.backup("manual", Path(path))):
        window.show_message(f"已备份到：{path}")


def restore(window: QMainWindow) -> None:
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
    refusal = unsaved_note(window._save_pending(), BEFORE_RESTORE)
    if refusal is not None:
        QMessageBox.warning(window, APP_TITLE, refusal)
        return
    if window.built_report_page is not None:
        window.built_report_page.forget_editing()  # nothing from before the restore is written into it
    # The store is open again either way: on the restored file, or on the untouched old one.
    restored = window._guarded(lambda: restore_in_place(window.store, Path(path)))
    if restored:
        window.histories.clear_all()  # the steps of the replaced file no longer apply
    window.report = None
    window.reload_reports()
    if restored:
        window.show_message(f"已从备份恢复：{path}")
