"""The window keeps up with the file: another program's write shows without a click.

The domain says what a read of the whole report found changed (``storage.open_report.Reread``);
this shell looks at the file now and then (one pragma, never waiting for a lock) and when the
window comes to the front, and repaints what the read names: the contact line, the report text,
the whole audit (the grids follow the copy themselves, ``FormTableModel._copy_read``).
"""

from __future__ import annotations

from contextlib import suppress

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from forms.errors import UserError
from storage.open_report import Reread

# ``window`` is ui/main_window.py's MainWindow, not imported here (it imports this module): what is
# used of it is its open report (``open``, ``report``, ``built_report_page``, ``audited``), ``refresh_audit``
# and ``_follow_contact``.

LOOK_EVERY_MS = 1000


class FileWatch(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._timer = QTimer(self, interval=LOOK_EVERY_MS)
        self._timer.timeout.connect(self.look)  # while the window is shown
        self._audit_due = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if watched is self.window:
            kind = event.type()
            if kind == QEvent.Type.WindowActivate:
                QTimer.singleShot(0, self.look)  # back from running an import elsewhere
            elif kind == QEvent.Type.Show:
                self._timer.start()
            elif kind == QEvent.Type.Hide:  # closed: the store may be closed next
                self._timer.stop()
        return False

    def look(self) -> None:
        """Read the report again if the file changed; the listener below repaints. Not under a
        dialog (the clerk is answering it; a restore has the file closed) nor while locked."""
        opened = self.window.open
        if opened is None or not self.window.isVisible() or QApplication.activeModalWidget() is not None:
            return
        with suppress(UserError):  # locked or unreadable just now: the next look tries again
            opened.sync(wait=False)

    def followed(self, what: Reread) -> None:
        """``OpenReport`` read the whole report again (whoever asked it to): show what changed."""
        window = self.window
        opened = window.open
        if opened is None or window.report is None or opened.report.id != window.report.id:
            return
        before, window.report = window.report, opened.report
        if what.contact:
            window._follow_contact(before, window.report)  # what the clerk typed and has not saved stays
        page = window.built_report_page
        if page is not None:
            page.report = window.report
            if what.text:
                page.follow_file()
            if what.tables:
                page.refresh_figures(opened.held)
        if window.audited and not self._audit_due:  # once, after the read that asked (it may be inside an
            # audit); before the first audit (start-up) there is nothing shown to update yet
            self._audit_due = True
            QTimer.singleShot(0, self._audit)

    def _audit(self) -> None:
        self._audit_due = False
        self.window.refresh_audit()
