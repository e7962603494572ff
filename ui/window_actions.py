"""The window's file actions: new report, sample, 同比 places, export, backup and restore, import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.app_title import APP_TITLE
from ui.settings import remember_folder


class FileActions:
    """Part of ``MainWindow`` (ui/main_window.py): the 文件 menu's actions and 设置 → 同比."""

    def new_report(self) -> None:
        from storage.prefill import create_report_from_previous, previous_report
        from ui.report_dialog import NewReportDialog

        dialog = NewReportDialog(self.store, self)
        if not dialog.exec():
            return
        unit, year = dialog.unit.text(), dialog.year.value()
        previous = previous_report(self.store, unit, year)

        def create() -> None:
            report = create_report_from_previous(
                self.store, unit, year, contact_person=dialog.person.text(), contact_phone=dialog.phone.text()
            )
            self.reload_reports(report)
            carried = f"，已带入 {previous.name}报表的数字和联系人" if previous is not None else ""
            self.show_message(f"已新建报表：{report.name}{carried}")

        self._guarded(create)

    def create_sample(self) -> None:
        from storage.sample import create_sample

        self._guarded(lambda: self.reload_reports(create_sample(self.store)))

    def set_places(self, places: int) -> None:
        def apply() -> None:
            self.store.set_yoy_places(places)
            for page in self._built_pages():
                page.model.refresh()
            self._reread()  # the audit's messages and the text's figures quote 同比 too
            self.show_message(f"同比增减改为保留 {places} 位小数")

        self._guarded(apply)

    # --- export -----------------------------------------------------------------

    def _export(self, suffix: str, caption: str, file_filter: str) -> None:
        """Export after the gate (forms/export_gate.py): saved first, 错误 asked about, the name offered."""
        from forms.export_gate import errors_question, export_kind, offered_name, unsaved_refusal, with_suffix
        from ui import file_dialogs

        if self.report is None:
            return
        refusal = unsaved_refusal(self._save_pending())
        if refusal is not None:  # the file would lack what the clerk just typed
            QMessageBox.warning(self, APP_TITLE, refusal)
            return
        question = errors_question(self.refresh_audit())
        if question is not None:
            yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
            if QMessageBox.question(self, caption, question, yes | no, no) != yes:
                return
        kind, page = export_kind(suffix), self.report_page
        name = offered_name(self.report, suffix, page.kind_name() if page is not None else None)
        path = file_dialogs.save_file_name(self, caption, file_dialogs.export_folder() / name, file_filter)
        if not path:
            return
        path = with_suffix(path, suffix)
        remember_folder(file_dialogs.EXPORT, Path(path).parent)
        report = self.report
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.show_message(f"正在导出：{path} …")
        try:
            from exporters.report_export import export_report  # openpyxl + python-docx: ≈0.4 s, not at start-up

            done = self._guarded(
                lambda: export_report(self.store, report.unit, report.year, **{kind: Path(path)}), busy=True
            )
        finally:
            QApplication.restoreOverrideCursor()
        if done:
            self.show_message(f"已导出：{path}")
            self._exported(Path(path))

    def _exported(self, path: Path) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, APP_TITLE, f"已导出：\n{path}", parent=self)
        open_file = box.addButton("打开文件", QMessageBox.ButtonRole.ActionRole)
        open_folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
        box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is open_file:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif box.clickedButton() is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    # --- backups ----------------------------------------------------------------

    def backup(self) -> None:
        from ui import backups

        backups.backup(self)

    def restore(self) -> None:
        from ui import backups

        backups.restore(self)

    def add_template(self) -> None:
        from ui import template_actions

        template_actions.add_template(self)

    def add_title_list(self) -> None:
        from ui import template_actions

        template_actions.add_title_list(self)

    def move_to_template(self) -> None:
        from ui import template_actions

        template_actions.move_report(self)

    def export_xlsx(self) -> None:
        self._export(".xlsx", "导出 Excel 附表", "Excel 工作簿 (*.xlsx)")

    def export_docx(self) -> None:
        self._export(".docx", "导出 Word 报告", "Word 文档 (*.docx)")

    def import_workbooks(self) -> None:
        """文件 → 导入/汇总… (ui/import_dialog.py); the report list then shows what came in."""
        from ui.import_dialog import ImportDialog

        dialog = ImportDialog(self.store, self)
        dialog.exec()
        self._guarded(lambda: self.reload_reports(dialog.aggregated or self.report))
