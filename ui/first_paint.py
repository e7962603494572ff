"""Run what the window does not need to be seen once it has been painted (start-up's second half)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

LATEST_MS = 1000  # a window started minimized is not painted: the rest comes anyway


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, action: Callable[[], None]) -> None:
        super().__init__(widget)
        self.action: Callable[[], None] | None = action
        widget.installEventFilter(self)
        QTimer.singleShot(LATEST_MS, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._run)  # after this paint pass has reached the screen
        return False

    def _run(self) -> None:
        action, self.action = self.action, None
        if action is not None:
            action()


def after_first_paint(widget: QWidget, action: Callable[[], None]) -> None:
    """``action`` once, right after ``widget``'s first paint (or after LATEST_MS if it is not painted)."""
    _FirstPaint(widget, action)
