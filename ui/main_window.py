"""The main window: choose or create a report, fill 附件2–5, export.

A thin shell composed of parts by job, each its own module: the menus (ui/window_menus.py), the
contact line (ui/window_contact.py), the file actions (ui/window_actions.py), the audit's wiring
(ui/window_audit.py), the grids and undo (ui/window_grids.py), feedback and closing
(ui/window_closing.py). The rules they follow are below ui/ (forms/, storage/)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from forms.findings import Finding
from forms.history import Histories
from forms.report import Report
from storage.open_report import OpenReport
from storage.store import Store
from ui.app_title import APP_TITLE
from ui.audit_fold import AuditFold
from ui.audit_panel import AuditPanel
from ui.file_watch import FileWatch
from ui.settings import last_report, remember_report
from ui.start_frame import StartFrame
from ui.window_actions import FileActions
from ui.window_audit import AuditWiring
from ui.window_closing import Closing
from ui.window_contact import ContactLine
from ui.window_grids import GridTabs
from ui.window_layout import restore_splitters
from ui.window_menus import WindowMenus

if TYPE_CHECKING:
    from pathlib import Path

    from ui.form_page import FormPage
    from ui.report_page import ReportPage

__all__ = ["APP_TITLE", "MainWindow"]


class MainWindow(WindowMenus, ContactLine, FileActions, AuditWiring, GridTabs, Closing, StartFrame):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self._build(store)

    @classmethod
    def adopt(cls, frame: StartFrame, store: Store) -> MainWindow:
        """The start's frame (ui/start_frame.py), already on the screen, made this window in place.

        A Python class change, not a new window: the frame is a ``StartFrame`` and this class adds only
        Python (the mixins and their overrides, which Qt looks up at each call), so the C++ window, its
        place, size and focus stay as they are. It must add no ``Signal``: PySide sets up the signals of
        the class an object was made as, and a signal of the class it becomes crashed when used (a
        segfault, in review); tests/test_ui_start_frame.py holds every class between the two to that."""
        frame.__class__ = cls
        window = cast(MainWindow, frame)
        window._build(store)
        return window

    def _build(self, store: Store) -> None:
        adopted = self.isVisible()  # the start's frame, already on the screen
        self.built = False  # until the end: the 报告正文 page and the first audit wait for the first paint
        self.store = store
        self.report: Report | None = None
        # The open report's values in memory, shared by the grids, the audit and the preview.
        self.open: OpenReport | None = None
        # One history per report for its four grids: 撤销 undoes the last table edit wherever it was.
        self.histories = Histories()
        # 报告正文, built after the first paint (``_first_paint_done``) or when first needed (``report_page``).
        self.built_report_page: ReportPage | None = None

        self.reports = QComboBox()
        self.reports.setMinimumWidth(260)
        self.reports.currentIndexChanged.connect(self._report_chosen)
        new_button = QPushButton("新建报表…")
        new_button.clicked.connect(self.new_report)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("报表："))
        bar.addWidget(self.reports)
        bar.addWidget(new_button)
        bar.addSpacing(24)
        self._build_contact_line(bar)

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
        self.audit_panel.fix_all.connect(self.apply_fixes)
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
        self._grids: dict[int, FormPage] = {}  # position in shown_forms -> its grid, once built
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
        self._restore_layout(geometry=not adopted)  # an adopted frame took it already (it may have moved since)
        self.built = True

    # --- reports ----------------------------------------------------------------

    def reload_reports(self, select: Report | None = None) -> None:
        reports = self.store.reports()
        self.reports.blockSignals(True)
        self.reports.clear()
        for report in reports:
            self.reports.addItem(report.name, report.id)
        self.reports.blockSignals(False)
        if not reports:
            self.setWindowTitle(APP_TITLE)
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
        if self.tabs.count() == 0:
            self.tabs.addTab(QWidget(), "报告正文")  # the page itself comes in after the first paint
            # The grids are built when first shown or needed (_form_page): the window paints sooner.
            for spec in self._forms_for(report):
                self.tabs.addTab(QWidget(), spec.label)
            self.tabs.currentChanged.connect(self._tab_shown)
        else:
            if self.built_report_page is not None:
                self.built_report_page.set_report(report)
            self._show_forms(report)  # a report of another template: its own tabs
            for page in self._built_pages():
                page.set_report(report)
        for index, spec in enumerate(self.shown_forms, start=1):
            self.tabs.setTabToolTip(index, spec.title_for(report.year))
        self._show_contact()
        self.stack.setCurrentIndex(1)
        self._set_export_enabled(True)
        self.setWindowTitle(f"{APP_TITLE} — {report.name}")
        if not self._audit_hidden_by_clerk():
            self.audit_dock.show()
        self._update_undo_actions()
        self._update_edit_actions()
        if self.built and self.isVisible():
            self.text_page()  # built now: the window is already on the screen
            self.refresh_audit()
        else:  # starting up: the page and the first audit come once the window has been painted (eventFilter)
            self.tabs.installEventFilter(self)

    @property
    def report_page(self) -> ReportPage | None:
        return self.text_page()

    def text_page(self) -> ReportPage | None:
        """The 报告正文 page of the open report, built the first time it is needed (None: no report)."""
        if self.built_report_page is None and self.report is not None:
            from ui.report_page import ReportPage  # its modules load after the first paint

            page = ReportPage(self.store, self.report, self, tables=self._tables_for_text, histories=self.histories)
            page.message.connect(self.after_save)
            self.built_report_page = page
            self._put_in_tab(0, page, "报告正文")
            restore_splitters(page)
        return self.built_report_page

    def _first_paint_done(self) -> None:
        self.text_page()  # what the clerk sees first, then the audit
        self.refresh_audit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.audit_dock and event.type() == QEvent.Type.Close:
            self.audit_closed = True  # the clerk closed it: it stays closed until 查看 → 审核面板
        if watched is self.tabs and event.type() == QEvent.Type.Paint:
            self.tabs.removeEventFilter(self)
            QTimer.singleShot(0, self._first_paint_done)  # after this paint pass reaches the screen
        return super().eventFilter(watched, event)

    def closeEvent(self, event) -> None:  # Qt override
        if self._may_close():
            super().closeEvent(event)
        else:
            event.ignore()
