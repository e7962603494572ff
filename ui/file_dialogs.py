"""File dialogs that start where the clerk last was: one folder for both exports (the Word
report and the Excel appendix go to the same place), the import dialog its own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFileDialog, QLineEdit, QWidget

from ui.settings import last_folder

EXPORT = "export"  # the Word report and the Excel appendix
IMPORT = "import"  # county workbooks to import


def export_folder() -> Path:
    # Per-kind folders were kept before; the newest of them stands in until the first export.
    return last_folder(EXPORT) or last_folder("docx") or last_folder("xlsx") or Path.home()


class SaveDialog(QFileDialog):
    """A save dialog offering a name. A folder typed into the name box opens that folder and keeps
    the suggested name: Qt's dialog left the folder's path in the box, so the clerk had to type
    the file name again (or saved a file named like the folder)."""

    def __init__(self, parent: QWidget | None, caption: str, default: Path, file_filter: str) -> None:
        super().__init__(parent, caption, str(default.parent), file_filter)
        self.name = default.name
        self.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        self.setFileMode(QFileDialog.FileMode.AnyFile)
        self.selectFile(self.name)
        # A folder opened by a double click: the name stays too (after Qt has filled the box).
        self.directoryEntered.connect(lambda _folder: QTimer.singleShot(0, lambda: self.selectFile(self.name)))
        # Enter while the path completion's list is open goes to the list, whose chosen row Qt then
        # opens by itself (the folder's path left in the box, 保存 greyed: seen under X with real keys)
        self._box = self.findChild(QLineEdit, "fileNameEdit")
        completer = self._box.completer() if self._box is not None else None
        if completer is not None:
            completer.popup().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self._open_typed_folder()
        ):
            if isinstance(watched, QWidget):
                watched.hide()
            return True
        return super().eventFilter(watched, event)

    def _open_typed_folder(self) -> bool:
        """The folder the box names, opened with the suggested name back in the box; False if it names none."""
        typed = self._box.text().strip() if self._box is not None else ""
        folder = Path(self.directory().absolutePath()) / Path(typed).expanduser() if typed else None
        if folder is None or not folder.is_dir():
            return False
        self.setDirectory(str(folder))
        self.selectFile(self.name)
        if self._box is not None:
            self._box.setText(self.name)  # selectFile leaves the box alone while it has the keyboard
        return True

    def accept(self) -> None:
        # Qt's own dialog (the native ones handle a typed folder themselves): what the box holds.
        if not self._open_typed_folder():
            super().accept()


def make_save_dialog(parent: QWidget | None, caption: str, default: Path, file_filter: str) -> QFileDialog:
    return SaveDialog(parent, caption, default, file_filter)


def save_file_name(parent: QWidget | None, caption: str, default: Path, file_filter: str) -> str:
    """The chosen path, or "" when cancelled."""
    dialog = make_save_dialog(parent, caption, default, file_filter)
    if not dialog.exec():
        return ""
    chosen = dialog.selectedFiles()
    return chosen[0] if chosen else ""
