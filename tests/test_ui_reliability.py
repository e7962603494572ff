"""The window under faults: it never crashes on the way out, never loops on a storage failure,
and never loses what was typed."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from forms.registry import form
from forms.report import MAIN_ROW, CellKey
from storage.database import DatabaseLocked
from storage.report_text import ReportTexts
from tests.support.qt import show_tab

ROOT = Path(__file__).resolve().parents[1]

# Every change kind, undone and redone, then the window is closed by the event loop as a clerk
# closes it. The script exits through app.exec() and interpreter shutdown, where the old
# QUndoCommand ownership bug aborted (exit 134, "Fatal Python error: bool_dealloc").
SESSION = """
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
    def work():
        a2, a5 = self._page_of("a2").model, self._page_of("a5").model
        assert a2.edit_cell(0, 3, "12")
        assert a2.paste_text(0, 2, "1\\t2\\n")
        assert a2.clear_cells([a2.index(0, 4)]) == 1
        assert a5.insert_list_row(0) and a5.remove_list_row(1)
        for _ in range(5):
            self.undo()
        for _ in range(3):
            self.redo()
        self.undo()
        print("steps done", flush=True)
        QTimer.singleShot(50, self.close)
    QTimer.singleShot(50, work)
mw.MainWindow.show = session

import main
store = Store(sys.argv[1]); create_sample(store); store.close()
sys.exit(main.main(["--db", sys.argv[1]]))
"""


def test_closing_after_undo_and_redo_of_every_change_kind_exits_cleanly(tmp_path):
    db = tmp_path / "tianbao.sqlite3"
    result = subprocess.run(
        [sys.executable, "-X", "dev", "-c", SESSION, str(db), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
    )
    assert "steps done" in result.stdout, result.stderr
    assert result.returncode == 0, result.stderr
    assert "Fatal Python error" not in result.stderr


def test_emitting_signals_keeps_reference_counts(qapp):
    # The cause of the abort: PySide6 6.12.0 released a reference to True on every signal emitted
    # from Python, so after enough edits True was freed at exit. pyproject.toml excludes it.
    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        changed = Signal(int)

    emitter = Emitter()
    before = sys.getrefcount(True)
    for n in range(1000):
        emitter.changed.emit(n)
    assert sys.getrefcount(True) - before > -10


def test_the_date_shown_for_a_new_report_is_saved_and_exported(main_window, store):
    report = store.create_report("某县应急管理局", 2025)
    main_window.reload_reports(report)
    shown = main_window.report_page.sign_date.date().toPython()
    assert shown == date.today()
    assert ReportTexts(store).get(report).sign_date == shown


def test_a_locked_database_gives_one_message_and_the_window_stays_usable(
    qtbot, main_window, store, sample, monkeypatch
):
    page = main_window._page_of("a2")
    show_tab(qtbot, main_window, page)

    def locked(*args, **kwargs):
        raise DatabaseLocked("无法保存到数据库：文件正被其他程序占用，请稍后重试")

    monkeypatch.setattr(store, "apply", locked)
    monkeypatch.setattr(store, "report_data", locked)
    assert not page.model.edit_cell(0, 13, "80")
    assert "正被其他程序占用" in page.view.last_rejection
    assert page.model.data(page.model.index(0, 13)) == "78"  # the shown value is the stored one
    monkeypatch.undo()
    assert page.model.edit_cell(0, 13, "80")  # once the file is free, the same edit works
    assert store.form_data(sample, form("a2")).values[CellKey(MAIN_ROW, "penalty", 2024)] == 80


def test_closing_with_text_that_cannot_be_saved_keeps_it(qtbot, main_window, store, monkeypatch):
    page = main_window.report_page
    show_tab(qtbot, main_window, page)
    page.sections.setCurrentRow(1)
    page.body.setPlainText("刚刚写好的一段话，还没有保存。")

    def full(*args, **kwargs):
        raise DatabaseLocked("无法保存到数据库：磁盘空间已满")

    monkeypatch.setattr("ui.report_page.apply_text", full)  # the text's one write path
    answers = iter(["重试", "取消"])
    seen: list[str] = []

    def answer(box: QMessageBox) -> int:
        seen.append(box.text())
        wanted = next(answers)
        box.setProperty("clicked", wanted)
        for button in box.buttons():
            if button.text() == wanted:
                button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert not main_window.close()  # 重试 fails again, then 取消: the window stays, the text too
    assert len(seen) == 2 and "磁盘空间已满" in seen[0]
    assert page.body.toPlainText() == "刚刚写好的一段话，还没有保存。"

    answers = iter(["复制未保存的文字后关闭"])
    assert main_window.close()
    assert "刚刚写好的一段话，还没有保存。" in QGuiApplication.clipboard().text()


def test_a_damaged_database_is_offered_its_newest_backup_at_start(qapp, tmp_path, monkeypatch):
    from storage.sample import create_sample
    from storage.store import Store
    from ui.app import open_for_window

    db = tmp_path / "tianbao.sqlite3"
    store = Store(db)
    report = create_sample(store)
    store.backup("start")
    store.close()
    db.write_bytes(b"\x00" * 8192)  # overwritten, as by a sync tool gone wrong
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    opened = open_for_window(db)
    assert opened is not None and "最近的备份" in asked[0]
    store, lock = opened
    assert store.form_data(report, form("a2")).values[CellKey(MAIN_ROW, "penalty", 2024)] == 78
    assert list(tmp_path.glob("tianbao.sqlite3.damaged-*"))  # the bad file is kept aside
    store.close()
    lock.release()


def test_a_second_window_on_the_same_database_is_refused(qapp, tmp_path, monkeypatch):
    from storage.lock import InstanceLock
    from ui.app import open_for_window

    db = tmp_path / "tianbao.sqlite3"
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    with InstanceLock(db):  # the first window
        assert open_for_window(db) is None
    assert shown and "已在另一个填报助手窗口中打开" in shown[0]


def test_the_report_preview_follows_a_table_edit(qtbot, main_window, store, sample):
    page = main_window.report_page
    page.sections.setCurrentRow(1)
    page.body.setPlainText("行政处罚{{a2.penalty.cur}}件")
    assert "行政处罚78件" in page.preview.text()
    a2 = main_window._page_of("a2")
    assert a2.model.edit_cell(0, 13, "80")
    assert "行政处罚80件" in page.preview.text()


def test_restoring_from_the_window_then_writing_and_closing(qtbot, main_window, store, sample, tmp_path, monkeypatch):
    page = main_window.report_page
    page.sections.setCurrentRow(1)
    kept = ReportTexts(store).get(sample).sections[1].body
    copy = store.backup("manual", tmp_path / "备份.sqlite3")
    page.body.setPlainText("备份之后写的新文字")
    page.flush()
    monkeypatch.setattr("ui.backups.QFileDialog.getOpenFileName", lambda *a, **k: (str(copy), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    main_window.restore()
    assert ReportTexts(store).get(sample).sections[1].body == kept  # not overwritten by the old editor
    page.sections.setCurrentRow(2)
    page.body.setPlainText("恢复后接着写")
    assert page.save_pending() is None  # the page writes to the restored file
    assert main_window.close()


def test_typing_report_text_while_the_file_is_locked_never_waits(qtbot, main_window, store, sample):
    import time as clock

    page = main_window.report_page
    page.sections.setCurrentRow(1)
    locker = subprocess.Popen([sys.executable, "-c", LOCKER, str(store.path)], stdout=subprocess.PIPE, text=True)
    try:
        assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
        start = clock.monotonic()
        for text in ("一", "一二", "一二三"):
            page.body.setPlainText(text)  # each keystroke refreshes the preview
        assert clock.monotonic() - start < 1.0
        assert page.save_pending() is not None  # saving says why it cannot, and keeps the text
        assert page.body.toPlainText() == "一二三"
    finally:
        locker.kill()
        locker.wait()
    assert page.save_pending() is None


LOCKER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(60)
"""
