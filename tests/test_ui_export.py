"""Export from the toolbar: names per kind, folders remembered, a busy cursor; the window's layout remembered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QSplitter

from tests.support.ooxml import assert_valid
from ui import file_dialogs
from ui.main_window import MainWindow
from ui.settings import app_settings


def test_toolbar_exports_share_one_folder(qtbot, main_window, tmp_path, monkeypatch, private_settings):
    assert Path(app_settings().fileName()).is_relative_to(private_settings)  # never the clerk's settings
    toolbar = [a.text() for a in main_window.toolbar.actions() if not a.isSeparator()]
    assert "导出Word" in toolbar and "导出Excel" in toolbar
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    offered, cursors = [], []
    word_dir, excel_dir = tmp_path / "报告", tmp_path / "附表"
    word_dir.mkdir()
    excel_dir.mkdir()
    targets = {"docx": word_dir / "报告", "xlsx": excel_dir / "附表.xlsx"}  # the first typed without .docx

    def save_as(_parent, _caption, default, _filter):
        offered.append(default)
        return str(targets[Path(default).suffix.lstrip(".")])

    monkeypatch.setattr(file_dialogs, "save_file_name", save_as)
    import exporters.report_export as report_export

    real = report_export.export_report

    def watched(*args, **kwargs):
        cursor = QApplication.overrideCursor()
        cursors.append(cursor.shape() if cursor else None)
        return real(*args, **kwargs)

    monkeypatch.setattr(report_export, "export_report", watched)
    button = {a.text(): a for a in main_window.toolbar.actions()}
    button["导出Word"].trigger()
    button["导出Excel"].trigger()
    assert Path(offered[0]) == Path.home() / "示例市应急管理局2024年行政执法工作报告.docx"
    assert Path(offered[1]) == word_dir / "示例市应急管理局2024年行政执法数据附表.xlsx"  # where Word went
    assert (word_dir / "报告.docx").exists() and (excel_dir / "附表.xlsx").exists()
    assert_valid(word_dir / "报告.docx")
    assert_valid(excel_dir / "附表.xlsx")
    assert cursors == [Qt.CursorShape.WaitCursor, Qt.CursorShape.WaitCursor]
    assert QApplication.overrideCursor() is None  # restored afterwards
    button["导出Word"].trigger()
    button["导出Excel"].trigger()
    assert Path(offered[2]).parent == excel_dir and Path(offered[3]).parent == word_dir  # the last one used


def test_window_size_and_panels_are_remembered(qtbot, store, sample):
    first = MainWindow(store)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    qtbot.waitUntil(lambda: first.built_report_page is not None)  # 报告正文 comes in after the first paint
    size = (first.minimumSizeHint().width(), 655)  # the offscreen screen is only 800×800
    first.resize(*size)
    splitter = first.findChildren(QSplitter)[0]  # 报告正文: outline | editor
    splitter.setSizes([200, splitter.width() - 200 - splitter.handleWidth()])
    sizes = splitter.sizes()
    first.audit_dock.close()
    first.close()
    assert QSettings(app_settings().fileName(), QSettings.Format.IniFormat).value("window/geometry") is not None
    second = MainWindow(store)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    qtbot.waitUntil(lambda: second.built_report_page is not None)
    assert (second.width(), second.height()) == size
    assert not second.audit_dock.isVisible()
    assert second.findChildren(QSplitter)[0].sizes() == sizes
    second.close()


def test_qt_file_dialog_labels_are_chinese(qapp):
    from PySide6.QtWidgets import QLabel

    from ui.app import load_translations

    translators = load_translations(qapp)
    try:
        dialog = QFileDialog(None, "导出 Excel 附表", str(Path.home()), "Excel 工作簿 (*.xlsx)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
        assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels
        assert not [t for t in labels if any("a" <= ch.lower() <= "z" for ch in t.replace("&", "")[:1])]
        # The extra catalogue answers only its own strings: every other one still reaches Qt's.
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QDialogButtonBox

        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
        assert QCoreApplication.translate("填报助手", "not in any catalogue") == "not in any catalogue"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
