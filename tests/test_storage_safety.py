"""The database file under the things that happen on an office PC: another program's SQLite
file, a newer version's file, a damaged file, a second window, a lock held elsewhere, a kill."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from forms.changes import SetCells
from forms.registry import form
from forms.report import MAIN_ROW, CellKey
from storage import backup
from storage.backup import restore_file
from storage.database import (
    APPLICATION_ID,
    BUSY_TIMEOUT_S,
    DamagedDatabase,
    DatabaseLocked,
    NewerDatabase,
    NotOurDatabase,
    StorageError,
)
from storage.lock import DatabaseInUse, InstanceLock
from storage.migrations import migrations
from storage.sample import create_sample
from storage.store import ChangeConflict, Store, schema_version

ROOT = Path(__file__).resolve().parents[1]
PENALTY = CellKey(MAIN_ROW, "penalty", 2024)


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path):
    foreign = tmp_path / "other.db"
    conn = sqlite3.connect(foreign)
    conn.execute("create table customers (id integer primary key, name text)")
    conn.execute("insert into customers (name) values ('王小明')")
    conn.commit()
    conn.close()
    before = files_in(tmp_path)
    with pytest.raises(NotOurDatabase, match="不是填报助手的数据库"):
        Store(foreign)
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "sample", "--db", str(foreign)], capture_output=True, text=True
    )
    assert result.returncode == 2 and "不是填报助手的数据库" in result.stderr
    assert files_in(tmp_path) == before  # byte for byte, and no journal or backup left beside it


def test_our_databases_are_stamped_and_old_unstamped_ones_are_adopted(tmp_path):
    db = tmp_path / "tianbao.sqlite3"
    Store(db).close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version() == len(migrations._migrations)
    conn.execute("PRAGMA application_id = 0")  # as the first releases wrote it
    conn.execute("PRAGMA user_version = 0")
    conn.close()
    Store(db).close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_a_database_from_a_newer_version_is_refused_with_its_version(tmp_path):
    db = tmp_path / "tianbao.sqlite3"
    Store(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {schema_version() + 3}")
    conn.close()
    before = db.read_bytes()
    with pytest.raises(NewerDatabase, match=f"数据版本 {schema_version() + 3}"):
        Store(db)
    assert db.read_bytes() == before


def test_an_upgrade_is_preceded_by_a_backup(tmp_path):
    db = tmp_path / "tianbao.sqlite3"
    from sqlite_utils import Database

    old = Database(db)
    migrations.apply(old, stop_before=migrations._migrations[-1].name)  # the previous release's schema
    old.close()
    Store(db).close()
    made = backup.backups(db)
    assert len(made) == 1 and "before-upgrade" in made[0].name
    assert migrations.pending(Database(made[0]))  # the copy holds the old schema


def test_a_damaged_database_names_its_newest_backup_and_is_restored(tmp_path):
    db = tmp_path / "tianbao.sqlite3"
    store = Store(db)
    report = create_sample(store)
    saved = store.backup("start")
    store.close()
    data = bytearray(db.read_bytes())
    for offset in range(4096, len(data), 4096):  # every page after the first: garbage
        data[offset : offset + 200] = b"\xff" * 200
    db.write_bytes(bytes(data))
    with pytest.raises(DamagedDatabase) as caught:
        Store(db)
    assert caught.value.backup == saved
    kept = restore_file(db, caught.value.backup)
    assert kept is not None and kept.exists()  # the damaged file is kept, not deleted
    store = Store(db)
    assert store.form_data(report, form("a2")).values[PENALTY] == 78
    store.close()


def test_rolling_backups_keep_the_last_ten(tmp_path):
    store = Store(tmp_path / "tianbao.sqlite3")
    for _ in range(13):
        store.backup("start")
    assert len(backup.backups(store.path)) == backup.KEEP
    store.close()


def test_reading_never_writes(tmp_path):
    db = tmp_path / "tianbao.sqlite3"
    store = Store(db)
    report = store.create_report("某县应急管理局", 2024)
    store.db.execute("delete from report_texts")  # a report from before report texts existed
    store.close()
    before = files_in(tmp_path)
    store = Store(db)
    store.report_data(report)
    store.close()
    assert files_in(tmp_path) == before


LOCKER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(60)
"""


def test_a_database_locked_elsewhere_is_answered_within_seconds(tmp_path, sample, store):
    locker = subprocess.Popen([sys.executable, "-c", LOCKER, str(store.path)], stdout=subprocess.PIPE, text=True)
    try:
        assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
        start = time.monotonic()
        change = SetCells("a2", {PENALTY: 78}, {PENALTY: 80}, "已保存 行政处罚")
        with pytest.raises(DatabaseLocked, match="正被其他程序占用"):
            store.apply(sample.id, change)
        assert time.monotonic() - start < BUSY_TIMEOUT_S + 5
    finally:
        locker.kill()
        locker.wait()
    assert store.form_data(sample, form("a2")).values[PENALTY] == 78
    store.apply(sample.id, SetCells("a2", {PENALTY: 78}, {PENALTY: 80}, "已保存 行政处罚"))  # usable again


HOLDER = """
import sys, time
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from storage.lock import InstanceLock
lock = InstanceLock(Path(sys.argv[1]))
lock.acquire()
print("holding", flush=True)
time.sleep(60)
"""


def test_a_second_program_on_one_database_is_told_who_has_it(tmp_path):
    db = tmp_path / "tianbao.sqlite3"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), str(ROOT)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        with pytest.raises(DatabaseInUse, match=f"进程 {holder.pid}"):
            InstanceLock(db).acquire()
    finally:
        holder.kill()
        holder.wait()
    with InstanceLock(db):  # the OS dropped the killed holder's lock: no stale lock
        pass


def test_a_stale_window_cannot_overwrite_a_newer_value(tmp_path):
    db = tmp_path / "tianbao.sqlite3"
    first, second = Store(db), Store(db)
    report = create_sample(first)
    first.apply(report.id, SetCells("a2", {PENALTY: 78}, {PENALTY: 80}, "已保存 行政处罚"))
    # The second program still shows 78 and types 90 over it: refused, the 80 stays.
    with pytest.raises(ChangeConflict, match="已被另一个窗口或程序修改"):
        second.apply(report.id, SetCells("a2", {PENALTY: 78}, {PENALTY: 90}, "已保存 行政处罚"))
    # Nor does an undo in the first program overwrite what the second wrote afterwards.
    second.apply(report.id, SetCells("a2", {PENALTY: 80}, {PENALTY: 95}, "已保存 行政处罚"))
    with pytest.raises(ChangeConflict):
        first.apply(report.id, SetCells("a2", {PENALTY: 80}, {PENALTY: 78}, "已保存 行政处罚"))
    assert first.form_data(report, form("a2")).values[PENALTY] == 95
    first.close()
    second.close()


EDITOR = """
import sys
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from forms.changes import SetCells
from forms.report import CellKey
from storage.store import Store
store = Store(Path(sys.argv[1]))
report = store.create_report("某县应急管理局", 2024)
previous = None
for n in range(1, 100000):
    key = CellKey("main", "inspection", 2024)
    store.apply(report.id, SetCells("a2", {key: previous}, {key: n}, "已保存"))
    previous = n
    print(n, flush=True)  # the window says 已保存 only after this point
"""


@pytest.mark.parametrize("after", [30, 200])
def test_kill_9_loses_no_accepted_edit(tmp_path, after):
    db = tmp_path / "tianbao.sqlite3"
    editor = subprocess.Popen([sys.executable, "-c", EDITOR, str(db), str(ROOT)], stdout=subprocess.PIPE, text=True)
    assert editor.stdout is not None
    accepted = 0
    while accepted < after:
        accepted = int(editor.stdout.readline())
    os.kill(editor.pid, signal.SIGKILL)
    editor.wait()
    for line in editor.stdout:  # acknowledged before the kill landed
        accepted = int(line)
    store = Store(db)
    report = store.find_report("某县应急管理局", 2024)
    assert report is not None
    stored = store.form_data(report, form("a2")).values[CellKey(MAIN_ROW, "inspection", 2024)]
    assert stored >= accepted  # every acknowledged edit is there (one more may have committed unprinted)
    store.close()


def test_restoring_the_oldest_backup_keeps_it(tmp_path):
    db = tmp_path / "tianbao.sqlite3"
    store = Store(db)
    report = create_sample(store)
    oldest = store.backup("start")
    store.apply(report.id, SetCells("a2", {PENALTY: 78}, {PENALTY: 80}, "已保存"))
    for _ in range(backup.KEEP - 1):
        store.backup("start")
    store.close()
    assert backup.backups(db)[-1] == oldest
    restore_file(db, oldest)  # its before-restore copy must not prune it away mid-restore
    store = Store(db)
    assert store.form_data(report, form("a2")).values[PENALTY] == 78
    store.close()


def test_a_restore_that_cannot_keep_the_current_file_changes_nothing(tmp_path):
    db = tmp_path / "tianbao.sqlite3"
    store = Store(db)
    create_sample(store)
    copy = store.backup("manual", tmp_path / "copy #1 100%.sqlite3")  # odd characters for a URI
    store.close()
    (tmp_path / "backups").write_text("a file where the backups folder should be")
    before = db.read_bytes()
    with pytest.raises(StorageError, match="备份"):
        restore_file(db, copy)
    assert db.read_bytes() == before and not list(tmp_path.glob("*.damaged-*"))


def test_a_manual_backup_never_overwrites_the_database_or_another_file(tmp_path, sample, store):
    with pytest.raises(StorageError, match="正在使用的数据库"):
        store.backup("manual", store.path)
    other = tmp_path / "报告.docx"
    other.write_bytes(b"PK not a database")
    with pytest.raises(StorageError, match="不是数据库备份"):
        store.backup("manual", other)
    assert other.read_bytes() == b"PK not a database"


def test_backups_of_another_database_in_the_folder_are_left_alone(tmp_path):
    first, second = Store(tmp_path / "tianbao.sqlite3"), Store(tmp_path / "tianbao-2023.sqlite3")
    theirs = second.backup("start")
    for _ in range(backup.KEEP + 2):
        first.backup("start")
    assert theirs.exists() and theirs not in backup.backups(first.path)
    first.close()
    second.close()
