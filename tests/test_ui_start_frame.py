"""The start in two halves (ui/start_frame.py, ui/app.py): the frame, titled with the report, is painted
before the forms, the store and PySide's ``Qt`` namespace load; then the same window becomes the main
window in place, and a refusal or a bug on the way ends the program as before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from storage.lock import InstanceLock
from storage.sample import create_sample
from storage.store import Store

ROOT = Path(__file__).resolve().parents[1]

# The real program on a file; prints what its window was at the first paint and once whole, then leaves.
WATCH = """
import json, os, sys
sys.path.insert(0, sys.argv[2])
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[3])
import main, ui.start_frame
import PySide6.QtCore

LATER = ("forms.report", "forms.spec", "forms.registry", "storage.store", "storage.connection", "ui.main_window")
seen = {}

def window_now(w):
    return {"title": w.windowTitle(), "class": type(w).__name__, "win_id": int(w.winId()),
            "geometry": list(w.geometry().getRect()), "tabs": w.tabs.count() if hasattr(w, "tabs") else None,
            "text": w.centralWidget().text() if hasattr(w.centralWidget(), "text") else None}

class Paint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "paint" not in seen:
            seen["paint"] = window_now(obj)
            seen["loaded"] = sorted(m for m in LATER if m in sys.modules)
            seen["qt_namespace"] = "Qt" in vars(PySide6.QtCore)
        return False

watch = Paint()
shown = ui.start_frame.StartFrame.show
def show(frame):
    if type(frame) is not ui.start_frame.StartFrame:  # the frame made the main window, shown again
        return shown(frame)
    frame.installEventFilter(watch)
    def ready():
        seen["ready"] = window_now(frame)
        print(json.dumps(seen, ensure_ascii=False), flush=True)
        QTimer.singleShot(0, QApplication.instance().quit)
    frame.when_ready.insert(0, ready)
    shown(frame)
ui.start_frame.StartFrame.show = show
QMessageBox.warning = lambda parent, title, text: seen.__setitem__("warning", text)
if len(sys.argv) > 4 and sys.argv[4] == "close":  # the clerk closes the frame just before the second half
    import ui.app
    given = ui.app.after_first_paint
    def closing_first(widget, action):
        if type(widget) is ui.start_frame.StartFrame:
            seen["closed"] = True
            given(widget, lambda: (widget.close(), action()))
        else:
            given(widget, action)
    ui.app.after_first_paint = closing_first
if len(sys.argv) > 4 and sys.argv[4] == "bug":
    import ui.main_window
    def broken(self, store):
        raise RuntimeError("a bug while building the window")
    ui.main_window.MainWindow._build = broken
code = main.main(["--db", sys.argv[1]])
print(json.dumps(seen, ensure_ascii=False), flush=True)
sys.exit(code)
"""


def start(db: Path, settings: Path, *extra: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WATCH, str(db), str(ROOT), str(settings), *extra],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"},
    )


def seen(result: subprocess.CompletedProcess[str]) -> dict:
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines, result.stderr
    return json.loads(lines[-1])


def remember(db: Path, report_id: int, size: tuple[int, int]) -> None:
    """What the settings hold after a clerk left the window on report ``report_id`` at ``size``."""
    from PySide6.QtWidgets import QMainWindow

    from ui.settings import app_settings, remember_report

    remember_report(db, report_id)
    left = QMainWindow()
    left.resize(*size)
    app_settings().setValue("window/geometry", left.saveGeometry())
    app_settings().sync()


def sample_file(tmp_path: Path) -> tuple[Path, Store]:
    db = tmp_path / "县局 数据.sqlite3"
    store = Store(db)
    create_sample(store)
    return db, store


def test_the_frame_names_the_report_before_the_forms_and_the_store_load(tmp_path):
    db, store = sample_file(tmp_path)
    store.close()
    result = start(db, tmp_path / "settings")
    assert result.returncode == 0, result.stderr
    window = seen(result)
    paint, ready = window["paint"], window["ready"]
    assert paint["title"] == ready["title"] == "填报助手 — 示例市应急管理局 2024年"
    assert paint["class"] == "StartFrame" and paint["text"] == "正在打开报表……"
    assert window["loaded"] == [] and window["qt_namespace"] is False
    # The same window, in the same place, became the main window with its tabs.
    assert ready["class"] == "MainWindow" and ready["tabs"] == 5 and ready["text"] is None
    assert ready["win_id"] == paint["win_id"] and ready["geometry"] == paint["geometry"]


def test_the_frame_names_the_report_last_open_at_the_last_size(qapp, tmp_path, private_settings):
    db, store = sample_file(tmp_path)
    older = store.create_report("某县应急管理局", 2023)
    store.close()
    remember(db, older.id, (760, 520))  # within the offscreen screen (800×600)
    window = seen(start(db, private_settings))
    assert window["paint"]["title"] == window["ready"]["title"] == "填报助手 — 某县应急管理局 2023年"
    assert window["paint"]["geometry"][2:] == window["ready"]["geometry"][2:] == [760, 520]


def test_a_second_window_on_the_file_shows_only_the_refusal(tmp_path):
    db, store = sample_file(tmp_path)
    store.close()
    with InstanceLock(db):  # the first window
        result = start(db, tmp_path / "settings")
    assert result.returncode == 2, result.stderr
    window = seen(result)
    assert "已在另一个填报助手窗口中打开" in window["warning"]
    assert "paint" not in window and "ready" not in window  # no second frame beside the first window


def test_a_file_that_is_not_a_database_is_refused_over_its_frame(tmp_path):
    db = tmp_path / "不是数据库.sqlite3"
    db.write_bytes("这不是数据库".encode() * 2000)
    result = start(db, tmp_path / "settings")
    assert result.returncode == 2, result.stderr
    window = seen(result)
    assert window["paint"]["title"] == "填报助手" and "ready" not in window  # no report's name to give
    assert window["warning"] == f"{db} 不是填报助手的数据库，未做任何改动"
    assert db.read_bytes() == "这不是数据库".encode() * 2000


def test_a_frame_closed_before_the_file_is_opened_ends_the_program(tmp_path):
    db, store = sample_file(tmp_path)
    store.close()
    result = start(db, tmp_path / "settings", "close", timeout=30)  # a window shown again would never end
    assert result.returncode == 0, result.stderr
    window = seen(result)
    assert window["closed"] and window["paint"]["class"] == "StartFrame" and "ready" not in window


def test_a_bug_while_the_window_is_built_is_logged_and_ends_with_exit_code_3(tmp_path):
    db, store = sample_file(tmp_path)
    store.close()
    result = start(db, tmp_path / "settings", "bug")
    assert result.returncode == 3, result.stderr
    assert "很抱歉，程序内部出错" in result.stderr and "Traceback" not in result.stderr
    assert "a bug while building the window" in (tmp_path / "error.log").read_text(encoding="utf-8")


def test_the_frame_made_the_window_in_place_works_as_a_window_built_whole(qtbot, store, sample, monkeypatch):
    from PySide6.QtCore import Qt

    from ui.main_window import MainWindow
    from ui.start_frame import StartFrame, start_frame

    frame = start_frame(store.path)
    qtbot.addWidget(frame)
    frame.show()
    qtbot.waitExposed(frame)
    opening = frame.centralWidget()
    assert opening.text() == "正在打开报表……" and opening.alignment() == Qt.AlignmentFlag.AlignCenter
    assert opening.font().pointSize() == 13  # as the empty window's hint
    ready: list[bool] = []
    window = MainWindow.adopt(frame, store)
    window.when_ready.append(lambda: ready.append(True))
    assert window is frame and isinstance(window, StartFrame)
    assert window.windowTitle() == f"填报助手 — {sample.name}" and window.built_report_page is None
    window.ready()
    assert ready == [True]
    # Its Qt overrides are the main window's: the 报告正文 page comes after the tabs' first paint (eventFilter).
    qtbot.waitUntil(lambda: window.built_report_page is not None)
    qtbot.waitUntil(lambda: window.audit_panel.summary.text().startswith("审核："))
    monkeypatch.setattr(window, "_may_close", lambda: False)  # the clerk chose 取消 when asked
    assert not window.close() and window.isVisible()  # closeEvent is the main window's
    monkeypatch.undo()
    assert window.close()


def test_the_classes_a_frame_becomes_add_no_signal():
    from PySide6.QtCore import Signal

    from ui.main_window import MainWindow
    from ui.start_frame import StartFrame

    between = MainWindow.__mro__[: MainWindow.__mro__.index(StartFrame) + 1]
    assert len(between) > 5
    added = [f"{c.__name__}.{name}" for c in between for name, value in vars(c).items() if isinstance(value, Signal)]
    assert added == []
