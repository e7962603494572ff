"""The 审核 panel folded to its one summary line on the pages that need the height (报告正文 by
default), opened on the grids; the clerk's choice is remembered per page in the settings."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabWidget

from ui.audit_panel import AuditPanel
from ui.settings import app_settings

FOLDED_BY_DEFAULT = {"text"}  # the report text wants every line of the page
OPEN_HEIGHT = 220  # the list's height when opened from a folded line


class AuditFold(QObject):
    def __init__(
        self, window: QMainWindow, tabs: QTabWidget, dock: QDockWidget, panel: AuditPanel, page_key: Callable[[], str]
    ) -> None:
        """``page_key``: the page shown, "text" for 报告正文, else the attachment's form key."""
        super().__init__(window)
        self.window, self.tabs, self.dock, self.panel = window, tabs, dock, panel
        self.page_key = page_key
        tabs.currentChanged.connect(lambda _index: self.apply())
        panel.fold_chosen.connect(self.choose)
        self.apply()

    def folded_here(self) -> bool:
        key = self.page_key()
        default = "true" if key in FOLDED_BY_DEFAULT else "false"
        return app_settings().value(f"audit_folded/{key}", default) == "true"

    def apply(self) -> None:
        folded = self.folded_here()
        if folded == self.panel.folded and self.panel.fold_button.text():
            return
        if folded and self.panel.tree.hasFocus():
            return  # the clerk walks the list (a text finding previewed): it is not folded under the keyboard
        self.panel.set_folded(folded)
        if not folded:  # from one line back to a list the clerk can read, once the dock may grow again
            QTimer.singleShot(0, lambda: self.window.resizeDocks([self.dock], [OPEN_HEIGHT], Qt.Orientation.Vertical))

    def choose(self, folded: bool) -> None:
        app_settings().setValue(f"audit_folded/{self.page_key()}", "true" if folded else "false")
        self.apply()
