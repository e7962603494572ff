"""Feedback and leaving: the status line, refusals in a dialog, closing and the session's end."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from forms.errors import UserError
from forms.unsaved import BEFORE_CLOSE, unsaved_note
from ui.app_title import APP_TITLE
from ui.window_layout import restore_layout, save_layout


class Closing:
    """Part of ``MainWindow`` (ui/main_window.py): messages, the layout kept, and the way out."""

    # --- window layout, remembered (ui/window_layout.py) ----------------------------

    def _restore_layout(self, *, geometry: bool = True) -> None:
        self.audit_closed = restore_layout(self, geometry=geometry)
        self.audit_dock.setVisible(self.report is not None and not self.audit_closed)

    def _save_layout(self) -> None:
        save_layout(self, audit_closed=self.audit_closed)

    # --- feedback ---------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(f"{QTime.currentTime().toString('HH:mm:ss')}  {text}")

    def _guarded(self, action, *, busy: bool = False) -> bool:
        try:
            action()
        except UserError as exc:
            if busy:  # the message box must not show the busy cursor
                QApplication.restoreOverrideCursor()
                QApplication.setOverrideCursor(Qt.CursorShape.ArrowCursor)
            QMessageBox.warning(self, APP_TITLE, exc.message)
            if busy:
                QApplication.restoreOverrideCursor()
                QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            return False
        return True

    def leave_without_asking(self) -> Path | None:
        """Log-off, shutdown, SIGTERM: save what can be saved and write the rest to a recovery
        file (its path returned; storage/recovery.py), with no dialog; a close then asks nothing."""
        from storage.recovery import save_without_asking

        self.leaving = True
        savers, now = (self._save_contact, self._save_report_text), datetime.now()
        self.kept = save_without_asking(savers, self._unsaved_text, self.store.path, self.report, now, last=self.kept)
        self._save_layout()
        return self.kept

    def _may_close(self) -> bool:
        """Whether the window may close. Nothing typed is lost: text that cannot be saved (file
        locked, disk full) keeps the window open until it is saved, copied out, or the clerk
        decides to leave it."""
        if self.leaving:  # the session ends: saved without asking (again, for what came since)
            self.leave_without_asking()
            return True
        while (note := unsaved_note(self._save_pending(), BEFORE_CLOSE)) is not None:
            box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE, note, parent=self)
            retry = box.addButton("重试", QMessageBox.ButtonRole.AcceptRole)
            copy = box.addButton("复制未保存的文字后关闭", QMessageBox.ButtonRole.DestructiveRole)
            box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is retry:
                continue
            if box.clickedButton() is copy:
                QGuiApplication.clipboard().setText(self._unsaved_text())
                break
            return False
        self._save_layout()
        return True

    def _save_pending(self) -> list[str | None]:
        """Save the contact line and the report text now; why each could not be (None: saved)."""
        return [self._save_contact(), self._save_report_text()]

    def _save_report_text(self) -> str | None:
        if self.built_report_page is None:
            return None
        return self.built_report_page.save_pending() or self.built_report_page.save_fields()

    def _unsaved_text(self) -> str:
        parts = [self._unsaved_contact()]
        if self.built_report_page is not None:
            parts.append(self.built_report_page.pending_text())
        return "\n\n".join(parts)
