"""An import run (issue 23, item 5): a line per file and a total, the same file again changing nothing,
one transaction with a savepoint per file, a file's line only once it is committed, one backup a run."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from forms.errors import UserError
from forms.report import MAIN_ROW, CellKey
from importers import import_run
from importers.importing import IMPORTED, REJECTED, REPLACED, SAME, import_files
from storage import backup, imported_files
from storage.store import Store
from tests.test_aggregate import COUNTIES, SPECS, county_file
from tests.test_cli import run
from ui.import_dialog import ImportDialog

INSPECTION = CellKey(MAIN_ROW, "inspection", 2024)


def counties(folder: Path, change: int = 0) -> list[Path]:
    """The three counties' own exports (``change`` added to each 行政检查 of 2024), alone in ``folder``."""
    folder.mkdir(exist_ok=True)
    files = [county_file(folder, u, (f[0], f[1] + change, f[2])) for u, f in COUNTIES.items()]
    for db in folder.glob("*.sqlite3"):
        db.unlink()
    return files


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fail_recording(monkeypatch, file: str, error: BaseException, *, rolled_back: bool = False) -> None:
    """The import of ``file`` fails at its last write (the file record, after its figures); with
    ``rolled_back`` SQLite has rolled the whole transaction back first, as it does on SQLITE_FULL."""
    record = imported_files.record

    def failing(db, report_id, name, sha256):
        if name == file:
            if rolled_back:
                db.conn.execute("ROLLBACK")
            raise error
        record(db, report_id, name, sha256)

    monkeypatch.setattr(imported_files, "record", failing)


def log_rows(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("select * from value_log order by id").fetchall()


def test_the_same_file_again_changes_nothing_and_says_so(tmp_path: Path) -> None:
    files = counties(tmp_path / "县区")
    db = tmp_path / "city.sqlite3"
    store = Store(db)
    first = import_files(store, files)
    assert [r.status for r in first] == [IMPORTED] * 3
    last = imported_files.last(store, store.require_report("甲县应急管理局", 2024).id)
    assert last is not None and (last.file, last.sha256) == ("甲县应急管理局.xlsx", sha(files[0]))
    store.close()
    before, log = sha(db), log_rows(db)
    store = Store(db)
    again = import_files(store, files)
    store.close()
    assert [r.status for r in again] == [SAME] * 3
    assert again[0].line() == "甲县应急管理局.xlsx\t甲县应急管理局\t2024\t与上次导入的文件相同，没有改动"
    assert sha(db) == before and log_rows(db) == log  # not a byte of the file, nor its history
    assert backup.backups(db) == []  # nothing replaced: no backup either


def test_the_same_file_after_an_edit_is_imported_again(tmp_path: Path) -> None:
    """The file is the same, the report is not: importing it again puts the file's figure back."""
    (path,) = counties(tmp_path / "县区")[:1]
    store = Store(tmp_path / "city.sqlite3")
    import_files(store, [path])
    report = store.require_report("甲县应急管理局", 2024)
    time.sleep(1.1)  # the report's time of change has seconds
    store.set_value(report.id, SPECS["a2"], INSPECTION, 999)
    (result,) = import_files(store, [path])
    assert result.status == REPLACED and any("999 → 80" in c for c in result.changes), result.changes
    assert store.form_data(report, SPECS["a2"]).values[INSPECTION] == 80


def test_a_folder_gives_a_line_per_file_and_the_total(tmp_path: Path) -> None:
    folder = tmp_path / "县区"
    counties(folder)
    (folder / "说明.xlsx").write_text("不是表格", encoding="utf-8")
    db = tmp_path / "city.sqlite3"
    first = run("import", "--db", str(db), str(folder))
    assert first.returncode == 1, first.stderr
    lines = [line for line in first.stdout.splitlines() if not line.startswith("\t")]
    assert [line.split("\t")[0] for line in lines[:-1]] == [
        "丙区应急管理局.xlsx",
        "乙县应急管理局.xlsx",
        "甲县应急管理局.xlsx",
        "说明.xlsx",
    ]
    assert lines[-1] == "共 4 个文件：导入 3 个，与上次相同 0 个，未导入 1 个。"
    county_file(folder, "甲县应急管理局", (100, 85, COUNTIES["甲县应急管理局"][2]))  # 甲县 corrects its workbook
    (folder / "甲县应急管理局.sqlite3").unlink()
    again = run("import", "--db", str(db), str(folder))
    lines = [line for line in again.stdout.splitlines() if not line.startswith("\t")]
    assert lines[2].startswith("甲县应急管理局.xlsx\t甲县应急管理局\t2024\t已替换（改动 1 处）")
    assert lines[-1] == "共 4 个文件：导入 1 个，与上次相同 2 个，未导入 1 个。"
    third = run("import", "--db", str(db), str(folder))
    lines = [line for line in third.stdout.splitlines() if not line.startswith("\t")]
    assert lines[-1] == "共 4 个文件：导入 0 个，与上次相同 3 个，未导入 1 个。"
    assert "乙县应急管理局.xlsx\t乙县应急管理局\t2024\t与上次导入的文件相同，没有改动" in lines


def test_a_file_failing_in_the_middle_leaves_the_others_and_nothing_of_itself(tmp_path: Path, monkeypatch) -> None:
    a, b, c = counties(tmp_path / "县区")  # 甲县, 乙县, 丙区
    unreadable = tmp_path / "县区" / "坏文件.xlsx"
    unreadable.write_bytes(b"PK\x03\x04 broken")
    fail_recording(monkeypatch, b.name, UserError("磁盘空间已满"))  # the last write of 乙县's savepoint
    db = tmp_path / "city.sqlite3"
    store = Store(db)
    results = import_files(store, [a, unreadable, b, c])
    assert [r.status for r in results] == [IMPORTED, REJECTED, REJECTED, IMPORTED]
    assert results[2].line() == f"{b.name}\t-\t-\t未导入：磁盘空间已满"
    store.close()
    store = Store(db)
    assert sorted(r.unit for r in store.reports()) == sorted(["丙区应急管理局", "甲县应急管理局"])
    with sqlite3.connect(db) as conn:  # nothing of 乙县: no report, no history, no file
        assert conn.execute("select count(*) from value_log where source=?", [b.name]).fetchone() == (0,)
        assert conn.execute("select count(*) from imported_files where file=?", [b.name]).fetchone() == (0,)
        assert conn.execute("select count(*) from value_log where source=?", [c.name]).fetchone()[0] > 0


def test_each_line_is_said_only_once_its_file_is_committed(tmp_path: Path, monkeypatch) -> None:
    files = counties(tmp_path / "县区")
    db = tmp_path / "city.sqlite3"
    store = Store(db)
    seen: list[tuple[str, int]] = []

    def said(i: int, result) -> None:
        with sqlite3.connect(db) as other:  # another program's view of the file
            count = other.execute("select count(*) from reports where unit=?", [result.unit]).fetchone()[0]
        seen.append((result.unit, count))

    monkeypatch.setattr(import_run, "COMMIT_EVERY_S", 3600.0)  # one commit, at the end of the run
    import_files(store, files, said)
    assert seen == [(unit, 1) for unit in COUNTIES]


def test_an_interrupted_run_keeps_what_was_committed(tmp_path: Path, monkeypatch) -> None:
    a, b, c = counties(tmp_path / "县区")
    monkeypatch.setattr(import_run, "COMMIT_EVERY_S", 0.0)  # every file committed at once
    fail_recording(monkeypatch, c.name, RuntimeError("a bug of ours"))
    db = tmp_path / "city.sqlite3"
    store = Store(db)
    said = []
    with pytest.raises(RuntimeError):
        import_files(store, [a, b, c], lambda i, r: said.append(r.path.name))
    store.close()
    assert said == [a.name, b.name]
    store = Store(db)
    assert sorted(r.unit for r in store.reports()) == sorted(["甲县应急管理局", "乙县应急管理局"])


def test_a_run_replacing_reports_backs_the_file_up_once_before_the_first(tmp_path: Path) -> None:
    db = tmp_path / "city.sqlite3"
    store = Store(db)
    import_files(store, counties(tmp_path / "第一次"))
    assert backup.backups(db) == []  # new reports replace nothing
    results = import_files(store, counties(tmp_path / "更正", change=5))
    assert [r.status for r in results] == [REPLACED] * 3
    (made,) = backup.backups(db)
    assert made.name.endswith(f"-{import_run.BACKUP_REASON}.sqlite3")
    kept = Store(made)  # the copy holds the figures from before the run
    assert kept.form_data(kept.require_report("甲县应急管理局", 2024), SPECS["a2"]).values[INSPECTION] == 80
    assert store.form_data(store.require_report("甲县应急管理局", 2024), SPECS["a2"]).values[INSPECTION] == 85
    kept.close()


def test_the_dialog_lists_each_file_the_same_ones_and_the_total(qtbot, tmp_path: Path) -> None:
    files = counties(tmp_path / "县区")
    store = Store(tmp_path / "city.sqlite3")
    import_files(store, files[:2])  # two were imported before
    dialog = ImportDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.set_paths(files)
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    assert dialog.progress.value() == dialog.progress.maximum() == 3
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert texts[0] == "甲县应急管理局.xlsx　甲县应急管理局　2024　与上次导入的文件相同，没有改动"
    assert texts[1] == "乙县应急管理局.xlsx　乙县应急管理局　2024　与上次导入的文件相同，没有改动"
    assert texts[2].startswith("丙区应急管理局.xlsx　丙区应急管理局　2024　已导入")
    assert dialog.summary.text() == "共 3 个文件：导入 1 个，与上次相同 2 个，未导入 0 个。"
    dialog.start.setFocus()
    qtbot.keyClick(dialog.start, Qt.Key.Key_Space)  # again, from the keyboard: every file the same now
    assert dialog.summary.text() == "共 3 个文件：导入 0 个，与上次相同 3 个，未导入 0 个。"
    store.close()


def test_a_transaction_sqlite_ends_takes_back_the_lines_not_yet_said(tmp_path: Path, monkeypatch) -> None:
    """A full disk or an I/O error makes SQLite roll back the whole transaction: the files written in it
    since the last commit are said as not imported (their lines were not shown yet), and the run goes on."""
    a, b, c = counties(tmp_path / "县区")
    monkeypatch.setattr(import_run, "COMMIT_EVERY_S", 3600.0)
    fail_recording(monkeypatch, b.name, UserError("磁盘空间已满"), rolled_back=True)
    db = tmp_path / "city.sqlite3"
    store = Store(db)
    results = import_files(store, [a, b, c])
    assert [r.line() for r in results[:2]] == [
        f"{a.name}\t-\t-\t未导入：磁盘空间已满，没有保存",
        f"{b.name}\t-\t-\t未导入：磁盘空间已满",
    ]
    assert results[2].status == IMPORTED
    store.close()
    assert [r.unit for r in Store(db).reports()] == ["丙区应急管理局"]


class _RefusingCommit:
    """The store's connection, its next COMMITs refused as SQLite refuses them (rolled back)."""

    def __init__(self, conn: sqlite3.Connection, code: int, times: int = 1) -> None:
        self.conn, self.code, self.times = conn, code, times

    def __getattr__(self, name: str):
        return getattr(self.conn, name)

    def execute(self, sql: str, *args):
        if sql == "COMMIT" and self.times:
            self.times -= 1
            self.conn.execute("ROLLBACK")
            error = sqlite3.OperationalError("refused")
            error.sqlite_errorcode = self.code
            raise error
        return self.conn.execute(sql, *args)


@pytest.mark.parametrize("code", [sqlite3.SQLITE_BUSY, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL])
def test_a_refused_commit_says_each_file_it_took_back_and_the_run_goes_on(tmp_path: Path, code: int) -> None:
    """The lines match the file: what a refused COMMIT rolled back is said not imported, with the reason;
    a file refused on its own keeps its own reason; the files after it are imported."""
    a, b, c = counties(tmp_path / "县区")
    broken = tmp_path / "县区" / "坏.xlsx"
    broken.write_bytes(b"not a workbook")
    db = tmp_path / "city.sqlite3"
    store = Store(db)
    real = store.conn
    store.conn = _RefusingCommit(real, code)  # the first commit: at the run's end here (all within 0.5 s)
    results = import_files(store, [a, broken, b])
    store.conn = real
    lines = [r.line() for r in results]
    assert [r.status for r in results] == [REJECTED] * 3
    assert lines[0].endswith("，没有保存") and lines[2].endswith("，没有保存") and "没有保存" not in lines[1]
    assert [r.unit for r in store.reports()] == []  # nothing said imported that is not there
    again = import_files(store, [c])  # the file is usable again
    assert again[0].status == IMPORTED and [r.unit for r in store.reports()] == [again[0].unit]


def test_a_commit_refused_before_a_replacement_leaves_no_line_saying_otherwise(tmp_path: Path) -> None:
    """The backup before the run's first replaced report commits first; a refusal there is said for the
    files it took back, and the replacement itself still goes in."""
    first = counties(tmp_path / "县区")
    store = Store(tmp_path / "city.sqlite3")
    import_files(store, first[:1])
    changed = counties(tmp_path / "县区2", change=5)
    real = store.conn
    store.conn = _RefusingCommit(real, sqlite3.SQLITE_IOERR)
    results = import_files(store, [changed[1], changed[2], changed[0]])  # two new ones, then a replacement
    store.conn = real
    assert [r.status for r in results] == [REJECTED, REJECTED, REPLACED]
    assert sorted(r.unit for r in store.reports()) == [first_unit := results[2].unit] and first_unit


def _hand_filled(path: Path, keys: tuple[str, ...], change: int = 0) -> Path:
    """The official form filled by hand, the attachments of ``keys`` one sheet each (``change`` added to
    附件2's 行政检查 of 2024, 190)."""
    import openpyxl

    from tests.test_import import SPECS as FORM_SPECS
    from tests.test_import import write_form

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for key in keys:
        ws = wb.create_sheet(FORM_SPECS[key].label)
        write_form(ws, FORM_SPECS[key])
        for row in ws.iter_rows() if change and key == "a2" else ():
            for cell in row:
                if cell.value == 190:
                    cell.value += change
    wb.save(path)
    return path


def test_the_audit_reads_what_was_written_without_reading_it_again(tmp_path: Path, monkeypatch) -> None:
    """The forms an import has just written are handed to the audit as they read back: equal to reading
    the report again, for a new report, a replaced one, forms the file lacks and our own export."""
    from storage.store import Store as StoreClass

    real = StoreClass.report_data
    compared: list[str] = []

    def checked(self, report, *, written=None, **kwargs):
        data = real(self, report, written=written, **kwargs)
        if written is not None:
            assert data == real(self, report, **kwargs), report.name  # the same transaction, read again
            compared.append(report.unit)
        return data

    monkeypatch.setattr(StoreClass, "report_data", checked)
    folder = tmp_path / "县区"
    store = Store(tmp_path / "city.sqlite3")
    first = import_files(store, [*counties(folder), _hand_filled(folder / "手填.xlsx", ("a2", "a3", "a4", "a5"))])
    assert [r.status for r in first] == [IMPORTED] * 4
    _counts_are_the_stored_reports(store, first)
    again = import_files(
        store,
        [_hand_filled(folder / "更正.xlsx", ("a2", "a3"), change=7), *counties(tmp_path / "更正", change=5)],
    )  # fmt: skip
    assert [r.status for r in again] == [REPLACED] * 4
    _counts_are_the_stored_reports(store, again)
    assert len(compared) == 8


def _counts_are_the_stored_reports(store: Store, results: list) -> None:
    """Each file's 错误 and 提示 are the audit of its report as stored (what the city's board counts)."""
    from forms.audit import audit
    from forms.audit import errors as errors_of

    for result in results:
        report = store.require_report(result.unit, result.year)
        findings = audit(store.report_data(report, with_text=False), store.previous_year_figures(report))
        errors = len(errors_of(findings))
        assert (result.errors, result.hints) == (errors, len(findings) - errors), result.line()


def test_the_next_file_is_read_with_the_database_unlocked(tmp_path: Path, monkeypatch) -> None:
    """While a workbook is read the run holds no transaction: another program can write in between."""
    from importers import importing

    db = tmp_path / "city.sqlite3"
    store = Store(db)
    read = importing.read_workbook
    open_while_read: list[bool] = []

    def reading(path, known):
        open_while_read.append(store.conn.in_transaction)
        with sqlite3.connect(db, timeout=0) as other:  # would raise "database is locked" under a write
            other.execute("create table if not exists other_program (n)")
        return read(path, known)

    monkeypatch.setattr(importing, "read_workbook", reading)
    for every in (0.0, 3600.0):  # a commit after each file; one for the run
        monkeypatch.setattr(import_run, "COMMIT_EVERY_S", every)
        results = import_files(store, counties(tmp_path / f"县区{every}", change=int(every)))
        assert not any(r.rejected for r in results), [r.message for r in results]
    assert open_while_read == [False] * 6


def test_a_failing_line_sink_still_hears_every_committed_file(tmp_path: Path, monkeypatch) -> None:
    """The sink raising on one line (a bug of its own) loses none of the lines committed with it: each is
    still handed on, the data stays, and the failure is raised afterwards for the caller to log as a bug."""
    files = counties(tmp_path / "县区")
    monkeypatch.setattr(import_run, "COMMIT_EVERY_S", 3600.0)  # the three committed together
    heard: list[str] = []

    def sink(i: int, result) -> None:
        heard.append(result.path.name)
        if i == 0:
            raise RuntimeError("the window's list is gone")

    db = tmp_path / "city.sqlite3"
    store = Store(db)
    with pytest.raises(RuntimeError, match="list is gone"):
        import_files(store, files, sink)
    store.close()
    assert heard == [f.name for f in files]
    assert sorted(r.unit for r in Store(db).reports()) == sorted(COUNTIES)


def test_a_bug_in_the_line_sink_is_logged_by_the_command_line(tmp_path: Path, monkeypatch) -> None:
    """On the command line a sink that fails is a bug like any other: logged with its traceback, exit 3,
    and the files committed stay imported."""
    import main

    files = counties(tmp_path / "县区")
    db = tmp_path / "city.sqlite3"
    printed: list[object] = []

    def failing_print(results) -> None:
        printed.append(results)
        raise RuntimeError("the console went away")

    monkeypatch.setattr(main, "_print_results", failing_print)
    monkeypatch.setattr(import_run, "COMMIT_EVERY_S", 3600.0)
    code = main.main(["import", "--db", str(db), *map(str, files)])
    assert code == 3 and len(printed) == 3
    assert "the console went away" in (tmp_path / "error.log").read_text(encoding="utf-8")
    assert sorted(r.unit for r in Store(db).reports()) == sorted(COUNTIES)
