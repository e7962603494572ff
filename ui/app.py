"""Start the Qt application: Chinese standard dialogs, a crash dialog instead of a traceback."""

from __future__ import annotations

import sys
import traceback
from datetime import datetime
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from storage.store import MEMORY, Store
from ui.main_window import APP_TITLE, MainWindow


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
    return loaded


def install_crash_dialog(store: Store) -> None:
    log = None if str(store.path) == MEMORY else store.path.with_name("error.log")

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(kind, exc, tb))
        if log is not None:
            try:
                with log.open("a", encoding="utf-8") as f:
                    f.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n{text}")
            except OSError:
                pass
        where = f"详细信息已记录在 {log}。" if log else ""
        QMessageBox.critical(None, APP_TITLE, f"程序出现内部错误，刚才的操作未完成，已保存的数据不受影响。{where}")

    sys.excepthook = hook


def run_app(store: Store) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_TITLE)
    load_translations(app)
    install_crash_dialog(store)
    window = MainWindow(store)
    window.show()
    return app.exec()
