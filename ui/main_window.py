"""The main window: choose or create a report, fill 附件2–5, export."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTime, QTimer, QUrl
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from forms.changes import Change
from forms.errors import UserError
from forms.findings import ContactLocation, Finding, TextLocation, of_form
from forms.history import Histories, Step
from forms.report import Report, ReportData
from forms.text_changes import Contact, ContactChange, TextChange
from forms.text_edits import edit_contact
from forms.yoy import ALLOWED_PLACES
from storage.open_report import OpenReport
from storage.store import Store
from storage.text_changes import ContactConflict, apply_contact
from ui.audit_fold import AuditFold
from ui.audit_panel import AuditPanel
from ui.file_watch import FileWatch
from ui.report_page import ReportPage
from ui.settings import last_report, remember_folder, remember_report
from ui.undo_actions import show_steps
from ui.window_layout import restore_layout, save_layout

if TYPE_CHECKING:
    from ui.form_page import FormPage

APP_TITLE = "填报助手"


class MainWindow(QMainWindow):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.report: Report | None = None
        # The open report's values in memory, shared by the grids, the audit and the preview.
        self.open: OpenReport | None = None
        # One history per report for its four grids: 撤销 undoes the last table edit wherever it was.
        self.histories = Histories()
        self.report_page: ReportPage | None = None
        self.setWindowTitle(APP_TITLE)
        self.resize(1280, 760)

        self.reports = QComboBox()
        self.reports.setMinimumWidth(260)
        self.reports.currentIndexChanged.connect(self._report_chosen)
        new_button = QPushButton("新建报表…")
        new_button.clicked.connect(self.new_report)
        self.filler = QLineEdit()
        self.person = QLineEdit()
        self.phone = QLineEdit()
        for edit in (self.filler, self.person, self.phone):
            edit.editingFinished.connect(self._save_contact)

        bar = QHBoxLayout()
        bar.addWidget(QLabel("报表："))
        bar.addWidget(self.reports)
        bar.addWidget(new_button)
        bar.addSpacing(24)
        for label, edit in (("填报单位：", self.filler), ("联系人：", self.person), ("联系方式：", self.phone)):
            bar.addWidget(QLabel(label))
            bar.addWidget(edit, 1)

        self.tabs = QTabWidget()
        report_page = QWidget()
        column = QVBoxLayout(report_page)
        column.addLayout(bar)
        column.addWidget(self.tabs, 1)

        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        hint = QLabel("还没有报表。请新建报表，或先创建示例报表看看填好的样子。")
        hint.setStyleSheet("font-size: 13pt;")
        empty_layout.addStretch(1)
        empty_layout.addWidget(hint)
        for text, slot in (("新建报表…", self.new_report), ("创建示例报表", self.create_sample)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            empty_layout.addWidget(button)
        empty_layout.addStretch(2)

        self.audit_panel = AuditPanel()
        self.audit_panel.jump.connect(self.jump_to)
        self.audit_panel.show_place.connect(self._preview)
        self.audit_panel.fix.connect(self.apply_fix)
        self.audit_dock = QDockWidget("审核", self)
        self.audit_dock.setObjectName("audit")
        self.audit_dock.setWidget(self.audit_panel)
        self.audit_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.audit_dock)
        self.audit_dock.hide()
        self.audit_dock.installEventFilter(self)
        self.audit_closed = False
        self.findings: list[Finding] = []
        self._audit_shown: tuple | None = None  # what the panel and the grids show, to skip needless updates
        self._grids: dict[int, FormPage] = {}  # position in store.forms -> its grid, once built
        self.audited = False  # the first audit runs after the first paint
        self.leaving = False  # the session ends (leave_without_asking): a close asks nothing
        self.kept: Path | None = None  # the recovery file it wrote, if it had to

        self.stack = QStackedWidget()
        self.stack.addWidget(empty)
        self.stack.addWidget(report_page)
        self.setCentralWidget(self.stack)
        self.watch = FileWatch(self)  # another program's writes show without a click
        self._build_menus()
        self._build_toolbar()
        self.tabs.currentChanged.connect(lambda _: self._update_edit_actions())
        self.audit_fold = AuditFold(self, self.tabs, self.audit_dock, self.audit_panel, self._page_key)
        self.statusBar().showMessage(f"数据库：{store.path}")
        self.reload_reports()
        self._restore_layout()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        self.new_action = self._action(file_menu, "新建报表…", self.new_report, QKeySequence.StandardKey.New)
        file_menu.addSeparator()
        self.xlsx_action = self._action(file_menu, "导出 Excel 附表…", self.export_xlsx)
        self.docx_action = self._action(file_menu, "导出 Word 报告…", self.export_docx)
        self._action(file_menu, "导入/汇总…", self.import_workbooks)
        file_menu.addSeparator()
        self._action(file_menu, "备份…", self.backup)
        self._action(file_menu, "从备份恢复…", self.restore)
        file_menu.addSeparator()
        self._action(file_menu, "退出", self.close, QKeySequence.StandardKey.Quit)

        edit_menu = self.menuBar().addMenu("编辑(&E)")
        edit_menu.setToolTipsVisible(True)  # 撤销/重做 name their step there
        self.undo_action = self._action(edit_menu, "撤销", self.undo)
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = self._action(edit_menu, "重做", self.redo)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addSeparator()
        # The grid handles its own keys (Ctrl+X/C/V, Delete); the menu names them and acts on the
        # table shown, and the same actions are the grid's context menu.
        self.edit_actions: dict[str, QAction] = {}
        for name, text in (
            ("cut", "剪切\tCtrl+X"),
            ("copy", "复制\tCtrl+C"),
            ("paste", "粘贴\tCtrl+V"),
            ("clear", "清除内容\tDelete"),
            (None, ""),
            ("insert_row", "插入行（在下方）"),
            ("remove_row", "删除行"),
        ):
            if name is None:
                edit_menu.addSeparator()
                continue
            self.edit_actions[name] = self._action(edit_menu, text, lambda _=False, n=name: self._grid_command(n))
        self._update_undo_actions()
        self._update_edit_actions()

        view_menu = self.menuBar().addMenu("查看(&V)")
        audit_toggle = self.audit_dock.toggleViewAction()
        audit_toggle.setText("审核面板")
        audit_toggle.setShortcut(QKeySequence("F9"))
        view_menu.addAction(audit_toggle)
        audit_toggle.triggered.connect(self._audit_toggled)
        self.audit_toggle = audit_toggle

        settings = self.menuBar().addMenu("设置(&S)")
        places_menu = settings.addMenu("同比增减保留小数位数")
        group = QActionGroup(self)
        current = self.store.yoy_places()
        for places in ALLOWED_PLACES:
            action = QAction(f"{places} 位", self, checkable=True, checked=places == current)
            action.triggered.connect(lambda _=False, p=places: self.set_places(p))
            group.addAction(action)
            places_menu.addAction(action)

        fonts_menu = settings.addMenu("Word 报告字体")
        fonts_group = QActionGroup(self)
        for key, label in (
            ("government", "公文字体（仿宋_GB2312、楷体_GB2312、方正小标宋简体）"),
            ("windows", "Windows 自带字体（仿宋、楷体、宋体）"),
        ):
            action = QAction(label, self, checkable=True, checked=key == self.store.font_set())
            action.triggered.connect(lambda _=False, k=key: self._guarded(lambda: self.store.set_font_set(k)))
            fonts_group.addAction(action)
            fonts_menu.addAction(action)

        help_menu = self.menuBar().addMenu("帮助(&H)")
        self._action(help_menu, "创建示例报表", self.create_sample)
        self._action(help_menu, "关于", self.about)

    def _build_toolbar(self) -> None:
        bar = QToolBar("工具栏", self)
        bar.setObjectName("toolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.setMovable(False)
        bar.addAction(self.new_action)
        bar.addSeparator()
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        bar.addSeparator()
        self.docx_button = bar.addAction("导出Word", self.export_docx)
        self.docx_button.setToolTip("导出 Word 报告（按 GB/T 9704 排版）")
        self.xlsx_button = bar.addAction("导出Excel", self.export_xlsx)
        self.xlsx_button.setToolTip("导出 Excel 数据附表（附件2–5）")
        bar.addSeparator()
        bar.addAction(self.audit_toggle)
        self.toolbar = bar
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        for button in (self.docx_button, self.xlsx_button):
            button.setEnabled(self.xlsx_action.isEnabled())

    def _set_export_enabled(self, enabled: bool) -> None:
        for action in (self.xlsx_action, self.docx_action, *self._export_buttons()):
            action.setEnabled(enabled)

    def _export_buttons(self) -> list[QAction]:
        return [b for b in (getattr(self, "docx_button", None), getattr(self, "xlsx_button", None)) if b]

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # --- reports ----------------------------------------------------------------

    def reload_reports(self, select: Report | None = None) -> None:
        reports = self.store.reports()
        self.reports.blockSignals(True)
        self.reports.clear()
        for report in reports:
            self.reports.addItem(report.name, report.id)
        self.reports.blockSignals(False)
        if not reports:
            self.stack.setCurrentIndex(0)
            self._set_export_enabled(False)
            self._update_edit_actions()
            return
        # At start: the report last open on this file (a restart comes back to the work in hand).
        target = select.id if select else (self.report.id if self.report else last_report(self.store.path))
        index = max(0, self.reports.findData(target))
        self.reports.setCurrentIndex(index)
        self._report_chosen(index)

    def _report_chosen(self, index: int) -> None:
        if index < 0:
            return
        self.open_report(self.store.report(self.reports.itemData(index)))

    def open_report(self, report: Report) -> None:
        self.report = report
        remember_report(self.store.path, report.id)
        if self.open is None:
            self.open = OpenReport(self.store, report)
            self.open.listeners.append(self.watch.followed)
        else:
            self.open.open(report)  # read afresh: another report, or the same after an import or restore
        if self.report_page is None:
            self.report_page = ReportPage(
                self.store, report, self, tables=self._tables_for_text, histories=self.histories
            )
            self.report_page.message.connect(self.after_save)
            self.tabs.addTab(self.report_page, "报告正文")
            # The grids are built when first shown or needed (_form_page): the window paints sooner.
            for spec in self.store.forms:
                self.tabs.addTab(QWidget(), spec.label)
            self.tabs.currentChanged.connect(self._tab_shown)
        else:
            self.report_page.set_report(report)
            for page in self._built_pages():
                page.set_report(report)
        for index, spec in enumerate(self.store.forms, start=1):
            self.tabs.setTabToolTip(index, spec.title_for(report.year))
        self.filler.setText(report.filler)
        self.person.setText(report.contact_person)
        self.phone.setText(report.contact_phone)
        self.stack.setCurrentIndex(1)
        self._set_export_enabled(True)
        self.setWindowTitle(f"{APP_TITLE} — {report.name}")
        if not self._audit_hidden_by_clerk():
            self.audit_dock.show()
        self._update_undo_actions()
        self._update_edit_actions()
        if self.isVisible():
            self.refresh_audit()
        else:  # starting up: the first audit runs once the window has been painted (see eventFilter)
            self.tabs.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.audit_dock and event.type() == QEvent.Type.Close:
            self.audit_closed = True  # the clerk closed it: it stays closed until 查看 → 审核面板
        if watched is self.tabs and event.type() == QEvent.Type.Paint:
            self.tabs.removeEventFilter(self)
            QTimer.singleShot(0, self.refresh_audit)  # after this paint pass reaches the screen
        return super().eventFilter(watched, event)

    def _audit_hidden_by_clerk(self) -> bool:
        return self.audit_closed

    def _audit_toggled(self, checked: bool) -> None:
        self.audit_closed = not checked

    # --- window layout, remembered (ui/window_layout.py) ----------------------------

    def _restore_layout(self) -> None:
        self.audit_closed = restore_layout(self)
        self.audit_dock.setVisible(self.report is not None and not self.audit_closed)

    def _save_layout(self) -> None:
        save_layout(self, audit_closed=self.audit_closed)

    # --- the 编辑 menu and the grid's context menu -------------------------------------

    def _page_key(self) -> str:
        index = self.tabs.currentIndex()
        return "text" if index <= 0 else self.store.forms[index - 1].key

    def current_grid(self) -> FormPage | None:
        widget = self.tabs.currentWidget() if self.stack.currentIndex() == 1 else None
        return next((page for page in self._built_pages() if page is widget), None)

    def _update_edit_actions(self) -> None:
        if not hasattr(self, "edit_actions"):
            return
        page = self.current_grid()
        for name, action in self.edit_actions.items():
            action.setEnabled(page is not None and name in page.view.menu_actions)

    def _grid_command(self, name: str) -> None:
        page = self.current_grid()
        if page is not None and name in page.view.menu_actions:
            page.view.menu_actions[name].trigger()

    # --- the grids, built on demand ------------------------------------------------

    @property
    def pages(self) -> list[FormPage]:
        """The four grids in tab order (building any not built yet)."""
        return [self._form_page(position) for position in range(len(self.store.forms))]

    def _built_pages(self) -> list[FormPage]:
        return [self._grids[position] for position in sorted(self._grids)]

    def _form_page(self, position: int) -> FormPage:
        if position in self._grids:
            return self._grids[position]
        from ui.form_page import FormPage  # the grids' modules load with the first grid

        assert self.report is not None
        tab = position + 1  # after 报告正文
        placeholder = self.tabs.widget(tab)
        spec = self.store.forms[position]
        page = FormPage(self.store, spec, self.report, self, histories=self.histories, source=self.open)
        page.message.connect(self.after_save)
        page.notice.connect(self.show_message)
        page.model.reread.connect(self._reread)
        page.model.set_findings(of_form(self.findings, spec.key))
        self._grids[position] = page
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        self.tabs.removeTab(tab)
        self.tabs.insertTab(tab, page, spec.label)
        self.tabs.setTabToolTip(tab, spec.title_for(self.report.year))
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        placeholder.deleteLater()
        return page

    def _tab_shown(self, index: int) -> None:
        try:
            if index >= 1 and self.open is not None:
                self.open.sync()  # one pragma; what another program wrote meanwhile shows now
            if index >= 1 and index - 1 not in self._grids:
                self._form_page(index - 1)
        except UserError as exc:  # the file is locked just now: say so; the tab builds next time
            self.show_message(exc.message)
        self._update_edit_actions()

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

    def _save_contact(self) -> str | None:
        """Save the contact line if it changed; the reason when it could not be saved."""
        if self.report is None:
            return None
        filler, person, phone = self.filler.text(), self.person.text(), self.phone.text()
        r = self.report
        if (filler.strip(), person.strip(), phone.strip()) == (r.filler, r.contact_person, r.contact_phone):
            return None
        try:
            # Against the file as it is now: the line is written whole, as it always was.
            change = edit_contact(Contact.of(self.store.report(r.id)), filler, person, phone)
            self.report = apply_contact(self.store, r.id, change)
        except UserError as exc:
            self.show_message(f"填报单位和联系人未能保存：{exc.message}")
            return exc.message
        self.histories.of(r.id).record(change)
        self._contact_saved()
        self.after_save("已保存 填报单位和联系人")
        return None

    def _contact_saved(self) -> None:
        if self.open is not None:
            self.open.open(self.report)  # the audit reads the new contact line
            for page in self._built_pages():
                page.model.follow()  # 附件2's 行政执法单位名称 follows the 填报单位

    def _apply_contact(self, change: ContactChange) -> bool:
        """Undo or redo a contact line step; a conflict drops the history, as a grid's does."""
        assert self.report is not None
        try:
            self.report = apply_contact(self.store, self.report.id, change)
        except UserError as exc:
            if isinstance(exc, ContactConflict):
                self.histories.of(self.report.id).clear()
                self.report = self.store.report(self.report.id)
                self._show_contact()
                self._contact_saved()
            self.show_message(exc.message)
            return False
        self._show_contact()
        self._contact_saved()
        self.after_save("已保存 填报单位和联系人")
        return True

    def _show_contact(self) -> None:
        assert self.report is not None
        self.filler.setText(self.report.filler)
        self.person.setText(self.report.contact_person)
        self.phone.setText(self.report.contact_phone)

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
        from forms.audit import errors
        from forms.export_names import export_name
        from ui import file_dialogs

        if self.report is None:
            return
        problems = [p for p in (self._save_contact(), self._save_report_text()) if p]
        if problems:  # the file would lack what the clerk just typed
            QMessageBox.warning(self, APP_TITLE, "刚填写的内容未能保存，未导出：\n" + "\n".join(problems))
            return
        wrong = len(errors(self.refresh_audit()))
        if wrong:
            answer = QMessageBox.question(
                self,
                caption,
                f"审核发现 {wrong} 个错误尚未改正（见窗口下方“审核”）。仍要导出吗？",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        kind = suffix.lstrip(".")
        what = self.report_page.kind_name() if kind == "docx" and self.report_page is not None else None
        default = file_dialogs.export_folder() / export_name(self.report, kind, what)
        path = file_dialogs.save_file_name(self, caption, default, file_filter)
        if not path:
            return
        if not path.lower().endswith(suffix):
            path += suffix  # a name typed without its extension
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

    # --- audit ------------------------------------------------------------------

    def refresh_audit(self, *, check_file: bool = True) -> list[Finding]:
        """Audit the report as the file holds it and show the findings everywhere. The window's
        copy is read again only when the file changed otherwise than through it (``check_file``
        False: a grid has just committed a change, which checked that), and only the rules whose
        tables changed run again (storage/open_report.py, forms.audit.Auditor). When the file
        cannot be read just now (locked elsewhere), the last findings stay on screen."""
        from forms.progress import untouched

        if self.report is None or self.open is None:
            return []
        pages = self._built_pages()
        try:
            findings = self.open.findings(check=check_file)
            data = self.open.data
            for page in pages:
                page.model.follow()  # when the copy was read again
        except UserError as exc:
            self.show_message(f"审核暂未更新：{exc.message}")
            return self.findings
        self.findings = findings
        self.audited = True
        shown = (findings, untouched(data), self.open.reshaped)  # reshaped: rows or report changed, so places did
        if shown == self._audit_shown:  # most edits change no finding
            return findings
        self._audit_shown = shown
        self.audit_panel.show_findings(findings, data, untouched=shown[1])
        for page in pages:
            page.model.set_findings(of_form(findings, page.spec.key))
        return findings

    def _tables_for_text(self) -> ReportData:
        """The tables as the file holds them, for the report text's linked figures."""
        assert self.open is not None
        self.open.sync()
        return self.open.data

    def _reread(self) -> None:
        """A grid met a change written elsewhere and the report was read again: show it all
        (its undo history was dropped)."""
        self._update_undo_actions()
        self.refresh_audit()
        if self.report_page is not None:
            self.report_page.refresh_figures()

    def after_save(self, text: str) -> None:
        from_grid = self.sender() in self._grids.values()  # through OpenReport.apply
        self.show_message(text)
        self._update_undo_actions()
        self.refresh_audit(check_file=not from_grid)
        if from_grid and self.report_page is not None and self.open is not None:
            # The preview shows the tables' new figures (when shown), from the copy just audited.
            self.report_page.refresh_figures(self.open.held)

    # --- undo -------------------------------------------------------------------

    def _update_undo_actions(self) -> None:
        show_steps(self.undo_action, self.redo_action, self.histories.of(self.report.id) if self.report else None)

    def _page_of(self, form_key: str) -> FormPage:
        return self._form_page(next(i for i, spec in enumerate(self.store.forms) if spec.key == form_key))

    def undo(self) -> None:
        self._step(undo=True)

    def redo(self) -> None:
        self._step(undo=False)

    def _step(self, *, undo: bool) -> None:
        from forms.editing_labels import undone_line

        if self.report is None:
            return
        self._save_contact()  # typing not saved yet is the last step
        self._save_report_text()
        history = self.histories.of(self.report.id)
        step = history.undo(self._apply_step) if undo else history.redo(self._apply_step)
        if step is not None:
            self.show_message(undone_line(step.label, undo=undo))
        self._update_undo_actions()

    def _apply_step(self, step: Step) -> bool:
        """Apply an undo or redo step where it belongs, by its type (a text or contact change
        gets its branch here); False when it was refused."""
        if isinstance(step, Change):  # a grid's: shown on its page
            page = self._page_of(step.form)
            self.tabs.setCurrentWidget(page)
            return page.model.commit(step, record=False)
        if isinstance(step, ContactChange):
            return self._apply_contact(step)
        if isinstance(step, TextChange) and self.report_page is not None:
            self.tabs.setCurrentWidget(self.report_page)
            return self.report_page.apply_change(step)
        raise TypeError(f"no place to apply {type(step).__name__}")

    def _preview(self, finding: Finding) -> None:
        from forms.finding_groups import place

        # A click only shows the place (the keyboard stays in the list): say how to go there to type.
        self.jump_to(finding, focus=False)
        if self.open is not None:
            self.show_message(f"{place(finding, self.open.data)}：回车或双击转到该处")

    def jump_to(self, finding: Finding, *, focus: bool = True) -> None:
        """Show a finding's place; ``focus`` (Enter in the list) also puts the keyboard there."""
        at = finding.where
        if isinstance(at, ContactLocation):
            if focus:
                self._contact_edits()[at.field].setFocus()
            return
        if isinstance(at, TextLocation):
            if self.report_page is not None:
                self.tabs.setCurrentWidget(self.report_page)
                self.report_page.show_span(at.section, at.span, focus=focus)
            return
        for page in self.pages:
            if page.spec.key == at.form:
                self.tabs.setCurrentWidget(page)
                where = page.model.locate(at.key)
                if where is not None:
                    index = page.model.index(*where)
                    page.view.setCurrentIndex(index)
                    page.view.scrollTo(index)
                    if focus:
                        page.view.setFocus()

    def apply_fix(self, finding: Finding) -> None:
        """Put a finding's fix where it belongs: a cell (one undo step), a contact line, the report text."""
        at = finding.where
        if isinstance(at, ContactLocation):
            self._contact_edits()[at.field].setText(finding.fix)
            self._save_contact()
            return
        if isinstance(at, TextLocation):
            if self.report_page is not None:
                self.report_page.apply_fix(finding)
            return
        page = next((p for p in self.pages if p.spec.key == at.form), None)
        if page is not None:
            key = at.key
            self._guarded(lambda: page.model.apply_text(key, finding.fix))

    def _contact_edits(self) -> dict[str, QLineEdit]:
        """The contact line's boxes by the name a finding gives them (``Report``'s attributes)."""
        return {"filler": self.filler, "contact_person": self.person, "contact_phone": self.phone}

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

    def closeEvent(self, event) -> None:
        # Nothing typed is lost: text that cannot be saved (file locked, disk full) keeps the
        # window open until it is saved, copied out, or the clerk decides to leave it.
        if self.leaving:  # the session ends: saved without asking (again, for what came since)
            self.leave_without_asking()
            super().closeEvent(event)
            return
        while True:
            problems = [p for p in (self._save_contact(), self._save_report_text()) if p]
            if not problems:
                break
            box = QMessageBox(
                QMessageBox.Icon.Warning, APP_TITLE, "有刚填写的内容未能保存：\n" + "\n".join(problems), parent=self
            )
            retry = box.addButton("重试", QMessageBox.ButtonRole.AcceptRole)
            copy = box.addButton("复制未保存的文字后关闭", QMessageBox.ButtonRole.DestructiveRole)
            box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is retry:
                continue
            if box.clickedButton() is copy:
                QGuiApplication.clipboard().setText(self._unsaved_text())
                break
            event.ignore()
            return
        self._save_layout()
        super().closeEvent(event)

    def _save_report_text(self) -> str | None:
        return self.report_page.save_pending() if self.report_page is not None else None

    def _unsaved_text(self) -> str:
        parts = [f"填报单位：{self.filler.text()}  联系人：{self.person.text()}  联系方式：{self.phone.text()}"]
        if self.report_page is not None:
            parts.append(self.report_page.pending_text())
        return "\n\n".join(parts)

    def about(self) -> None:
        QMessageBox.about(
            self,
            f"关于{APP_TITLE}",
            f"{APP_TITLE}：行政执法工作报告附件表的填报、同比计算与导出。\n数据库：{self.store.path}",
        )
