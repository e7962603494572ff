"""Temporary files left by a killed export, backup or restore are swept by one rule; live ones never."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from exporters.files import save_atomically
from storage.sample import create_sample
from storage.store import Store
from storage.temp_files import STALE_SECONDS, alive, sweep_stale, temp_path

OLD = time.time() - STALE_SECONDS - 60


@pytest.fixture(scope="module")
def dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(child.stdout)
    assert not alive(pid)
    return pid


def leave(path: Path, *, mtime: float = OLD) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * 1000)
    os.utime(path, (mtime, mtime))
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db.sqlite3"
    store = Store(path)
    create_sample(store)
    store.close()
    return path


def test_what_a_killed_restore_or_backup_left_is_swept_when_the_database_is_next_opened(tmp_path, db, dead_pid):
    backups = tmp_path / "backups"
    stale = [
        # names the earlier versions gave them (the issue's .~…restore-PID.tmp and .~…before-restore….tmp)
        leave(tmp_path / f".~db.sqlite3.restore-{dead_pid}.tmp"),
        leave(tmp_path / f".~.~db.sqlite3.restore-{dead_pid}.tmp.{dead_pid}.tmp"),
        leave(backups / f".~db-20240101-120000-000000-before-restore.sqlite3.{dead_pid}.tmp"),
        leave(backups / f".~db-20240101-120000-000000-start.sqlite3.{dead_pid}.tmp-journal"),
        # this version's names
        leave(tmp_path / f".~tianbao-{dead_pid}-0123abcd.tmp"),
        leave(backups / f".~tianbao-{dead_pid}-0123abcd.tmp-journal"),
    ]
    live = [
        leave(tmp_path / f".~tianbao-{os.getpid()}-0123abcd.tmp"),  # old, but its program is running
        leave(tmp_path / f".~db.sqlite3.restore-{os.getpid()}.tmp"),
        leave(tmp_path / f".~tianbao-{dead_pid}-89abcdef.tmp", mtime=time.time()),  # young: maybe being written
        leave(backups / f".~db-x.sqlite3.{dead_pid}.tmp", mtime=time.time() - STALE_SECONDS + 30),
    ]
    foreign = [
        leave(tmp_path / ".~lock.附表.xlsx#"),  # LibreOffice's lock file
        leave(tmp_path / "~$附表.xlsx"),  # Excel's
        leave(tmp_path / ".~notes.txt"),
        leave(tmp_path / "db.sqlite3.1234.tmp"),
    ]
    Store(db, create=False).close()
    assert [p for p in stale if p.exists()] == []
    assert all(p.exists() for p in live + foreign)


def test_an_export_sweeps_stale_temporary_files_of_exports_in_its_folder(tmp_path, dead_pid):
    stale = [leave(tmp_path / ".~tianbao-0123456789ab.xlsx"), leave(tmp_path / f".~tianbao-{dead_pid}-0123abcd.docx")]
    young = leave(tmp_path / ".~tianbao-ba9876543210.xlsx", mtime=time.time())
    # Outside a database's folders only our own prefix is ours: a clerk's Desktop keeps its .~x.5.tmp.
    theirs = leave(tmp_path / f".~报告.docx.{dead_pid}.tmp")
    save_atomically(tmp_path / "out.txt", lambda tmp: tmp.write_text("ok"))
    assert not any(p.exists() for p in stale)
    assert young.exists() and theirs.exists()


def test_a_backup_sweeps_its_folder(tmp_path, db, dead_pid):
    stale = leave(tmp_path / "u盘" / f".~tianbao-{dead_pid}-0123abcd.tmp")
    store = Store(db, create=False)
    store.backup("manual", tmp_path / "u盘" / "备份.sqlite3")
    store.close()
    assert not stale.exists()


def test_temporary_names_are_short_whatever_the_target(tmp_path):
    name = temp_path(tmp_path / ("附" * 80 + ".sqlite3")).name
    assert len(name) <= 40 and name.startswith(f".~tianbao-{os.getpid()}-")
    assert temp_path(tmp_path / "a.xlsx", ".xlsx").suffix == ".xlsx"


def test_a_file_that_is_not_regular_is_never_swept(tmp_path, dead_pid):
    target = leave(tmp_path / "precious.txt")
    link = tmp_path / f".~tianbao-{dead_pid}-0123abcd.tmp"
    link.symlink_to(target)
    os.utime(link, (OLD, OLD), follow_symlinks=False)
    assert sweep_stale(tmp_path) == []
    assert link.is_symlink() and target.exists()


def test_alive_knows_this_process_and_a_finished_one(dead_pid):
    assert alive(os.getpid())
    assert not alive(dead_pid)
    assert alive(1)  # init: someone else's process (or ours as root), running
