"""The window as it first appears: its frame, titled with the report it is opening.

A clerk who double-clicks and sees nothing for a second double-clicks again (the second start is
then refused: the file is open). So the start shows this frame first, within a bare window's time:
it needs only QtWidgets' classes, the settings and the report's name (storage/first_look.py), not
the forms, the store or PySide's ``Qt`` namespace (≈45 ms to build). Once it has been painted,
ui/app.py opens the file and the frame becomes the main window in place (``MainWindow.adopt``):
the same window, at the same place, with no second taskbar button and no focus taken twice.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QLabel, QMainWindow

from storage.first_look import report_name
from ui.app_title import APP_TITLE
from ui.settings import last_report
from ui.window_layout import restore_geometry

OPENING = "正在打开报表……"
SIZE = (1280, 760)  # the window's size until the clerk has chosen one (ui/window_layout.py)


class StartFrame(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(APP_TITLE)
        self.resize(*SIZE)
        # Run once the whole window has been built and painted (``ready``): what the start leaves for then.
        self.when_ready: list[Callable[[], None]] = []

    def ready(self) -> None:
        actions, self.when_ready = self.when_ready, []
        for action in actions:
            action()


def start_frame(db: Path) -> StartFrame:
    """The frame for the window on ``db``: its title names the report the window will open, its size
    and place are the window's last ones."""
    frame = StartFrame()
    name = report_name(db, last_report(db))
    if name is not None:
        frame.setWindowTitle(f"{APP_TITLE} — {name}")
    restore_geometry(frame)
    opening = QLabel(OPENING)
    opening.setStyleSheet("qproperty-alignment: AlignCenter; font-size: 13pt;")  # no Qt namespace yet
    frame.setCentralWidget(opening)
    return frame
