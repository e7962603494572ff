"""The program is told to end: SIGTERM (Linux: a service stop, ``kill``, a log-out's SIGHUP) or the
session manager's ``commitDataRequest`` (Windows log-off or shutdown). The window saves what can
be saved without asking, the rest to a recovery file (storage/recovery.py), and exits; the next
start names the recovery file.

Python runs a signal handler only when the interpreter gets control, which it does not while Qt's
loop waits: ``signal.set_wakeup_fd`` writes a byte to a socket that a ``QSocketNotifier`` watches,
so the loop wakes, runs a Python slot and with it the handler, at once.
"""

from __future__ import annotations

import signal
import socket
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

if TYPE_CHECKING:
    from PySide6.QtGui import QSessionManager

    from ui.main_window import MainWindow

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class SessionEnd(QObject):
    def __init__(self, app: QApplication, window: MainWindow) -> None:
        super().__init__(window)
        self.app = app
        self.window = window
        self.kept: Path | None = None  # the recovery file written, if one was
        app.commitDataRequest.connect(self.commit_data)
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._old_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._old = {number: signal.signal(number, self._signalled) for number in SIGNALS}

    def _signalled(self, number: int, _frame: object) -> None:
        QTimer.singleShot(0, lambda: self.end(128 + number))  # out of the handler, into the loop

    def _drain(self) -> None:
        with suppress(OSError):  # the bytes only woke the loop; the handler has run
            while self._reader.recv(64):
                pass

    def commit_data(self, manager: QSessionManager) -> None:
        """Log-off or shutdown: save without asking (no dialog may hold the session up). The
        session manager ends the program afterwards (Qt: never quit inside this signal); the
        window's close then asks nothing."""
        self.kept = self.window.leave_without_asking()

    def end(self, code: int) -> None:
        self.kept = self.window.leave_without_asking()
        self.app.exit(code)  # leaves every event loop, a dialog's too

    def uninstall(self) -> None:
        for number, old in self._old.items():
            signal.signal(number, old)
        signal.set_wakeup_fd(self._old_fd)
        self._notifier.setEnabled(False)
        for end in (self._reader, self._writer):
            end.close()


def tell_recovered(window: MainWindow, paths: list[Path]) -> None:
    """At start: the text the last session could not save is in these files (no modal wait)."""
    if not paths:
        return
    names = "\n".join(str(p) for p in paths)
    window.show_message(f"上次关闭时未能保存的内容已存入：{'；'.join(str(p) for p in paths)}")
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "填报助手",
        f"上次关闭程序时有内容未能保存到数据库，已存入下面的文件，请打开后复制回原处：\n{names}",
        parent=window,
    )
    box.setObjectName("recovered")
    box.open()
