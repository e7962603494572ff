"""File dialogs: a folder typed into the name box keeps the suggested name; import remembers its folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit

from ui.file_dialogs import IMPORT, make_save_dialog
from ui.import_dialog import ImportDialog
from ui.settings import last_folder

NAME = "示例市应急管理局2024年行政执法工作报告.docx"


def test_a_folder_typed_into_the_name_box_keeps_the_suggested_name(qtbot, tmp_path):
    target = tmp_path / "exports"
    target.mkdir()
    dialog = make_save_dialog(None, "导出 Word 报告", Path.home() / NAME, "Word 文档 (*.docx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    name_box = dialog.findChild(QLineEdit, "fileNameEdit")
    assert name_box.text() == NAME
    name_box.setFocus()  # the keyboard in the box, as a clerk typing there leaves it
    qtbot.waitUntil(name_box.hasFocus)
    name_box.selectAll()
    qtbot.keyClicks(name_box, str(target))
    # Return (taken by the path completion's list, as the keyboard's focus is there) opens the
    # folder: no file named like the folder is saved, and the suggested name is back in the box.
    qtbot.keyClick(name_box.completer().popup(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: Path(dialog.directory().absolutePath()) == target)
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: name_box.text() == NAME)
    qtbot.keyClick(name_box, Qt.Key.Key_Return)
    assert dialog.selectedFiles() == [str(target / NAME)]


def test_the_import_dialog_starts_where_files_were_last_chosen(qtbot, store, tmp_path, monkeypatch):
    folder = tmp_path / "县区报表"
    folder.mkdir()
    (folder / "甲县.xlsx").write_bytes(b"")
    starts = []

    def pick(_parent, _caption, start, _filter):
        starts.append(start)
        return [str(folder / "甲县.xlsx")], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", pick)
    dialog = ImportDialog(store)
    qtbot.addWidget(dialog)
    dialog.choose_files()
    assert Path(starts[0]) == Path.home() and last_folder(IMPORT) == folder
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda _p, _c, start: starts.append(start) or "")
    ImportDialog(store).choose_folder()
    dialog.choose_files()
    assert [Path(s) for s in starts[1:]] == [folder, folder]
