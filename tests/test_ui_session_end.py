"""Told to end (SIGTERM, a Windows log-off or shutdown), the window saves what was typed without
asking: to the database, or, when the file cannot take it, to a recovery file that the next
start names; then it exits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from unittest.mock import MagicMock

import pytest

from forms.report import Report
from storage.database import DatabaseLocked
from storage.recovery import recovery_name, take_recovered, write_recovery
from storage.report_text import ReportTexts
from storage.store import Store

ROOT = Path(__file__).resolve().parents[1]
TYPED = "本年度共开展执法检查一百二十次，未保存。"

# The real program on a sample file; once shown, text is typed into the first section and the
# pause that would save it is put off, so only the way out can save it.
TYPING = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, sys.argv[2])
from PySide6.QtCore import QTimer
import ui.main_window as mw
from storage.store import Store
from storage.sample import create_sample

show = mw.MainWindow.show
def session(self):
    show(self)
    def typing():
        page = self.report_page
        page.sections.setCurrentRow(1)
        page._timer.setInterval(10**8)  # the autosave would come after the signal
        page.body.setPlainText(sys.argv[3])
        print("typed", flush=True)
    QTimer.singleShot(200, typing)
mw.MainWindow.show = session

import main
if sys.argv[4] == "new":
    store = Store(sys.argv[1]); create_sample(store); store.close()
sys.exit(main.main(["--db", sys.argv[1]]))
"""

# The next start: print what the window tells the clerk, then leave.
NEXT_START = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, sys.argv[2])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
import ui.main_window as mw

show = mw.MainWindow.show
def session(self):
    show(self)
    def tell():
        print("status:", self.statusBar().currentMessage(), flush=True)
        for box in self.findChildren(QMessageBox):
            print("box:", box.isVisible(), box.text(), flush=True)
        QApplication.instance().quit()
    QTimer.singleShot(300, tell)
mw.MainWindow.show = session
import main
sys.exit(main.main(["--db", sys.argv[1]]))
"""

LOCKER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(60)
"""

ENV = dict(os.environ, PYTHONIOENCODING="utf-8")


def start_typing(db: Path, *, new: bool = True) -> subprocess.Popen:
    program = subprocess.Popen(
        [sys.executable, "-c", TYPING, str(db), str(ROOT), TYPED, "new" if new else "old"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    assert program.stdout is not None
    line = program.stdout.readline()
    if line.strip() != "typed":
        program.kill()
        raise AssertionError(line + program.communicate()[1])
    return program


def first_section_body(db: Path) -> str:
    store = Store(db)
    try:
        report = store.find_report("示例市应急管理局", 2024)
        assert report is not None
        return ReportTexts(store).get(report).sections[0].body
    finally:
        store.close()


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or sys.platform == "win32", reason="POSIX signals")
def test_sigterm_saves_typed_text_to_the_database_and_exits(tmp_path):
    db = tmp_path / "tianbao.sqlite3"
    program = start_typing(db)
    os.kill(program.pid, signal.SIGTERM)
    try:
        _, err = program.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        program.kill()
        raise AssertionError("SIGTERM was ignored: the window is still running") from None
    assert program.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err, err
    assert first_section_body(db) == TYPED
    assert not list(tmp_path.glob("恢复-*.txt"))


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or sys.platform == "win32", reason="POSIX signals")
def test_sigterm_while_the_file_is_locked_writes_a_recovery_file_named_at_the_next_start(tmp_path):
    db = tmp_path / "tianbao.sqlite3"
    program = start_typing(db)
    locker = subprocess.Popen([sys.executable, "-c", LOCKER, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
        os.kill(program.pid, signal.SIGTERM)
        try:
            _, err = program.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            program.kill()
            raise AssertionError("SIGTERM was ignored: the window is still running") from None
    finally:
        locker.kill()
        locker.wait()
    assert program.returncode == 128 + signal.SIGTERM, err
    assert first_section_body(db) != TYPED  # the file could not take it …
    kept = list(tmp_path.glob("恢复-示例市应急管理局-2024-*.txt"))
    assert len(kept) == 1 and TYPED in kept[0].read_text(encoding="utf-8-sig")  # … the recovery file did

    shown = subprocess.run(
        [sys.executable, "-c", NEXT_START, str(db), str(ROOT)], capture_output=True, text=True, env=ENV, timeout=60
    )
    assert shown.returncode == 0, shown.stderr
    assert f"上次关闭时未能保存的内容已存入：{kept[0]}" in shown.stdout.split("box:")[0]
    assert "box: True" in shown.stdout and str(kept[0]) in shown.stdout
    again = subprocess.run(
        [sys.executable, "-c", NEXT_START, str(db), str(ROOT)], capture_output=True, text=True, env=ENV, timeout=60
    )
    assert "上次关闭" not in again.stdout  # said once


def test_log_off_saves_without_asking_and_the_close_that_follows_asks_nothing(qapp, main_window, store, sample):
    from ui.session_end import SessionEnd

    ending = SessionEnd(qapp, main_window)
    try:
        page = main_window.report_page
        page.sections.setCurrentRow(1)
        page.body.setPlainText(TYPED)
        ending.commit_data(MagicMock())  # what QGuiApplication.commitDataRequest calls
        assert ending.kept is None
        assert ReportTexts(store).get(sample).sections[0].body == TYPED
        assert main_window.close()  # conftest fails any dialog
    finally:
        ending.uninstall()


def test_log_off_with_the_file_locked_writes_the_recovery_file_without_a_dialog(qapp, main_window, store, monkeypatch):
    from ui.session_end import SessionEnd

    ending = SessionEnd(qapp, main_window)
    try:
        page = main_window.report_page
        page.sections.setCurrentRow(1)
        page.body.setPlainText(TYPED)

        def locked(*_args, **_kwargs):
            raise DatabaseLocked("文件正被其他程序占用")

        monkeypatch.setattr("ui.report_page.apply_text", locked)  # the text's one write path
        ending.commit_data(MagicMock())
        assert ending.kept is not None and ending.kept.parent == store.path.parent
        assert ending.kept.name.startswith("恢复-示例市应急管理局-2024-")
        text = ending.kept.read_text(encoding="utf-8-sig")
        assert TYPED in text and "占用" in text
        assert main_window.close()  # no 重试/复制/取消 dialog: the session is ending
        assert take_recovered(store.path) == [ending.kept]
    finally:
        ending.uninstall()


def test_a_recovery_file_goes_to_the_temporary_folder_when_the_database_folder_takes_none(tmp_path, monkeypatch):
    import tempfile

    spare = tmp_path / "spare"
    spare.mkdir()
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(spare))
    db = tmp_path / "gone" / "tianbao.sqlite3"  # its folder is not there (a USB stick pulled out)
    report = Report(1, "示例市应急管理局", 2024)
    path = write_recovery(db, report, ["读写磁盘出错"], TYPED, datetime(2025, 3, 1, 17, 30, 5))
    assert path == spare / "恢复-示例市应急管理局-2024-20250301-173005.txt"
    assert TYPED in path.read_text(encoding="utf-8-sig")
    assert take_recovered(db) == [path]
    assert take_recovered(db) == []  # named once


def test_recovery_names_carry_no_character_a_file_name_forbids():
    name = recovery_name(Report(1, '甲县/乙:"局" 安监', 2024), datetime(2025, 3, 1, 8, 0, 0))
    assert name == "恢复-甲县_乙_局_安监-2024-20250301-080000.txt"
