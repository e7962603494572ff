"""Start the Qt application: Chinese standard dialogs, a crash dialog instead of a traceback.

The start has two halves. First the file's lock (a second window on the file shows only why not) and
the window's frame, titled with the report (ui/start_frame.py): what a bare window costs, no more.
Once the frame has been painted, the file is opened (a damaged one offered its backup, a refused one
said why over the frame) and the frame becomes the main window in place (``MainWindow.adopt``)."""

from __future__ import annotations

from ui import pyside_scan  # noqa: F401  first: before PySide reads the source of each module that follows

# isort: split
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from forms.errors import UserError
from storage.errorlog import log_bug
from storage.lock import InstanceLock, lock_for_window
from storage.paths import MEMORY
from ui.app_title import APP_TITLE
from ui.first_paint import after_first_paint
from ui.qt_strings import MissingQtStrings
from ui.start_frame import StartFrame, start_frame

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from storage.database import DamagedDatabase
    from storage.store import Store
    from ui.main_window import MainWindow
    from ui.session_end import SessionEnd


def load_translations(app: QApplication) -> list[QTranslator]:
    """Qt's own zh_CN strings for standard buttons and file dialogs (确定, 取消, 保存…)."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(translator)
    if loaded:
        missing = MissingQtStrings(app)  # installed last: asked first, answers only its own strings
        app.installTranslator(missing)
        loaded.append(missing)
    return loaded


def translated(app: QApplication) -> None:
    """Qt's strings in Chinese from here on: loaded once, after the first paint or before a dialog."""
    if not app.property("zh_loaded"):
        app.setProperty("zh_loaded", True)
        load_translations(app)


def install_crash_dialog(log_folder: Path | None) -> None:
    """A bug is logged with its traceback and apologised for; the window stays open."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log = log_bug(exc.with_traceback(tb), log_folder)
        translated(QApplication.instance())
        where = f"详细信息已记录在 {log}。" if log else ""
        QMessageBox.critical(
            None,
            APP_TITLE,
            f"很抱歉，程序内部出错（不是您的操作问题），刚才的操作未完成，已保存的数据不受影响。{where}",
        )

    sys.excepthook = hook


def open_for_window(
    db: Path, parent: QWidget | None = None, lock: InstanceLock | None = None
) -> tuple[Store, InstanceLock | None] | None:
    """Open the database for the window, or say in a dialog why not (None: do not start).

    The decisions are storage/window_open.py's: a second window on the same file is refused (``lock``:
    the file's lock when the start already holds it); a damaged file is offered its newest backup
    (asked here)."""
    from storage import window_open

    def offer_restore(exc: DamagedDatabase) -> bool:
        translated(QApplication.instance())
        answer = QMessageBox.question(parent, APP_TITLE, window_open.restore_question(exc))
        return answer == QMessageBox.StandardButton.Yes

    try:
        return window_open.open_for_window(db, offer_restore, lock)
    except UserError as exc:
        refuse(exc, parent)
        return None


def refuse(exc: UserError, parent: QWidget | None = None) -> None:
    """Why the window cannot open (or go on), in a dialog: the windowed program has no console."""
    translated(QApplication.instance())
    QMessageBox.warning(parent, APP_TITLE, exc.message)


def settle(app: QApplication, window: MainWindow, db: Path) -> SessionEnd:
    """What the window need not wait for to be seen (≈15 ms of the start): Qt's Chinese strings,
    the session's end (SIGTERM, log-off: save without asking, then exit; before it nothing is
    typed yet), and the notice of what the last session could not save."""
    from storage.recovery import take_recovered
    from ui.session_end import SessionEnd, tell_recovered

    translated(app)
    ending = SessionEnd(app, window)
    tell_recovered(window, [] if str(db) == MEMORY else take_recovered(db))
    return ending


class _Start:
    """The start's second half, once the frame has been painted: the file opened, the frame made the
    window; a refusal ends the program with exit code 2 and a bug is raised from ``run_app``."""

    def __init__(self, app: QApplication, frame: StartFrame, db: Path, lock: InstanceLock | None) -> None:
        self.app, self.frame, self.db = app, frame, db
        self.store: Store | None = None
        self.lock = lock
        self.ending: list[SessionEnd] = []
        self.failure: Exception | None = None

    def run(self) -> None:
        try:
            self._open()
        except Exception as exc:  # a bug: run_app raises it once the loop has ended (main.py logs it)
            self.failure = exc
            self.app.exit(3)

    def _open(self) -> None:
        from ui.main_window import MainWindow

        if not self.frame.isVisible():  # closed by the clerk as soon as it came: nothing to open
            self.app.exit(0)
            return
        opened = open_for_window(self.db, self.frame, self.lock)
        if opened is None:
            self._refused()
            return
        self.store, self.lock = opened
        try:
            window = MainWindow.adopt(self.frame, self.store)
        except UserError as exc:
            self.frame.hide()  # half built: not to be seen, nor painted, behind the dialog
            refuse(exc)
            self._refused()
            return
        window.when_ready.append(lambda: self.ending.append(settle(self.app, window, self.db)))
        after_first_paint(window.stack, window.ready)
        window.show()  # on the screen already (as the frame): shown as every MainWindow is, for whoever watches

    def _refused(self) -> None:
        self.app.exit(2)
        self.frame.hide()

    def close(self) -> None:
        for end in self.ending:
            end.uninstall()
        if self.store is not None:
            self.store.close()
        if self.lock is not None:
            self.lock.release()


def run_app(db: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_TITLE)
    install_crash_dialog(None if str(db) == MEMORY else db.parent)
    try:
        lock = lock_for_window(db)  # first: a second window on the file shows only why not
    except UserError as exc:
        refuse(exc)
        return 2
    frame = start_frame(db)
    frame.show()
    start = _Start(app, frame, db, lock)
    after_first_paint(frame, start.run)
    try:
        code = app.exec()
    finally:
        start.close()
    if start.failure is not None:
        raise start.failure
    return code
