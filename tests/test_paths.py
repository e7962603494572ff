"""Paths as clerks meet them, through the command line: long names, symlinks, FIFOs, devices, a full disk.

Most cases run ``main.main`` in-process (one Chinese line on stderr, exit 2); a FIFO is tried in a real
process with a timeout, because the bug it guards against is a read that waits forever.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

import main
from storage.lock import DatabaseInUse, InstanceLock
from storage.sample import create_sample
from storage.store import Store
from tests.test_cli import UNIT, run

LONG = "附" * 90  # 270 bytes in UTF-8: over the 255 a Linux file name may have
YEAR = ["--unit", UNIT, "--year", "2024"]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db.sqlite3"
    store = Store(path)
    create_sample(store)
    store.close()
    return path


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str, *words: str) -> str:
    assert "Traceback" not in err and "Exception ignored" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def backup_of(db: Path) -> Path:
    copy = db.with_name("copy.sqlite3")
    store = Store(db, create=False)
    store.backup("manual", copy)
    store.close()
    return copy


# --- names too long for the file system ------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["export", "--db", "{db}", *YEAR, "--xlsx", "{dir}/" + LONG + ".xlsx"],
        ["export", "--db", "{db}", *YEAR, "--xlsx", "{dir}/a.xlsx", "--docx", "{dir}/" + LONG + ".docx"],
        ["export", "--db", "{dir}/" + LONG + ".sqlite3", *YEAR, "--xlsx", "{dir}/a.xlsx"],
        ["audit", "--db", "{dir}/" + LONG + ".sqlite3", *YEAR],
        ["sample", "--db", "{dir}/" + LONG + ".sqlite3"],
        ["backup", "--db", "{db}", "--to", "{dir}/" + LONG + ".sqlite3"],
        ["restore", "--db", "{db}", "{dir}/" + LONG + ".sqlite3"],
        ["restore", "--db", "{dir}/" + LONG + ".sqlite3", "{copy}"],
        ["import", "--db", "{db}", "{dir}/" + LONG + ".xlsx"],
        ["import", "--db", "{db}", "{dir}/" + LONG],
        ["aggregate", "--db", "{db}", *YEAR, "{dir}/" + LONG + ".xlsx"],
    ],
    ids=lambda c: " ".join(c[:1] + [a for a in c if LONG in a][:1]).replace(LONG, "LONG"),
)
def test_a_name_too_long_for_the_file_system_is_one_chinese_line(tmp_path, db, capsys, command):
    copy = backup_of(db)
    args = [a.format(db=db, dir=tmp_path, copy=copy) for a in command]
    code, _, err = cli(capsys, *args)
    assert code in (1, 2), err  # import/aggregate report the file in their table and exit 1
    text = err if code == 2 else _
    assert "太长" in text, (code, _, err)
    if code == 2:
        one_line(err, "太长")
    assert not (tmp_path / "error.log").exists()


def test_a_name_just_short_enough_is_exported(tmp_path, db, capsys):
    name = "附" * 83 + ".xlsx"  # 254 bytes: fits, and so does our short temporary name beside it
    code, _, err = cli(capsys, "export", "--db", db, *YEAR, "--xlsx", tmp_path / name)
    assert code == 0, err
    assert (tmp_path / name).read_bytes()[:2] == b"PK"


# --- symlinks ---------------------------------------------------------------------------------------


def test_restore_through_a_symlinked_db_replaces_its_target_and_keeps_the_link(tmp_path, db, capsys):
    copy = backup_of(db)
    with sqlite3.connect(db) as conn:  # a change after the backup, that the restore must undo
        conn.execute("update reports set contact_person = '改过'")
    link = tmp_path / "link.sqlite3"
    link.symlink_to(db)
    code, _, err = cli(capsys, "restore", "--db", link, copy)
    assert code == 0, err
    assert link.is_symlink() and link.resolve() == db
    with sqlite3.connect(db) as conn:
        assert conn.execute("select contact_person from reports").fetchall() != [("改过",)]
    assert not (tmp_path / "link.sqlite3.lock").exists()  # the lock is the real file's
    kept = list((tmp_path / "backups").glob("db-*-before-restore.sqlite3"))
    assert len(kept) == 1, list((tmp_path / "backups").iterdir())


def test_a_symlinked_db_is_opened_locked_and_backed_up_as_its_target(tmp_path, db):
    link = tmp_path / "elsewhere" / "link.sqlite3"
    link.parent.mkdir()
    link.symlink_to(db)
    store = Store(link, create=False)
    assert store.path == db
    made = store.backup("start")
    assert made.parent == tmp_path / "backups"
    store.close()
    with InstanceLock(link), pytest.raises(DatabaseInUse):
        InstanceLock(db).acquire()  # one window through the link, one through the file: refused


def test_export_to_a_symlink_writes_the_file_it_names(tmp_path, db, capsys):
    target = tmp_path / "real.xlsx"
    target.write_bytes(b"old")
    link = tmp_path / "link.xlsx"
    link.symlink_to(target)
    code, _, err = cli(capsys, "export", "--db", db, *YEAR, "--xlsx", link)
    assert code == 0, err
    assert link.is_symlink() and target.read_bytes()[:2] == b"PK"


# --- FIFOs and devices ------------------------------------------------------------------------------


def _device(tmp_path: Path) -> Path:
    """A character device like /dev/full, made in tmp_path (so the test can never replace /dev/full)."""
    node = tmp_path / "full.xlsx"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    return node


@pytest.mark.parametrize("kind", ["fifo", "device"])
@pytest.mark.parametrize("option", ["--xlsx", "--docx"])
def test_an_export_to_a_fifo_or_a_device_is_refused(tmp_path, db, capsys, kind, option):
    if kind == "fifo":
        target = tmp_path / "pipe.xlsx"
        os.mkfifo(target)
    else:
        target = _device(tmp_path)
    code, out, err = cli(capsys, "export", "--db", db, *YEAR, option, target)
    assert code == 2, (out, err)
    one_line(err, "不是普通文件", str(target))
    mode = os.lstat(target).st_mode
    assert stat.S_ISFIFO(mode) if kind == "fifo" else stat.S_ISCHR(mode)


def test_a_backup_to_a_fifo_or_device_is_refused(tmp_path, db, capsys):
    target = _device(tmp_path)
    code, _, err = cli(capsys, "backup", "--db", db, "--to", target)
    assert code == 2
    one_line(err, "不是普通文件")
    assert stat.S_ISCHR(os.lstat(target).st_mode)


@pytest.mark.parametrize(
    "command",
    [
        ["import", "--db", "{db}", "{fifo}"],
        ["audit", "--db", "{fifo}", *YEAR],
        ["restore", "--db", "{db}", "{fifo}"],
        ["restore", "--db", "{fifo}", "{copy}"],
    ],
    ids=["import", "db", "restore-source", "restore-db"],
)
def test_a_fifo_given_to_read_is_refused_without_waiting(tmp_path, db, command):
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    copy = backup_of(db)
    try:
        result = run(*[a.format(db=db, fifo=fifo, copy=copy) for a in command])
    except subprocess.TimeoutExpired:
        pytest.fail("the program waited on the FIFO")
    assert "不是普通文件" in result.stdout + result.stderr, result
    assert "Traceback" not in result.stderr
    assert result.returncode in (1, 2)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


# --- two files on a nearly full disk -----------------------------------------------------------------


def test_a_two_file_export_on_a_full_disk_says_which_file_was_written(tmp_path, db, capsys, monkeypatch):
    xlsx, docx = tmp_path / "附表.xlsx", tmp_path / "报告.docx"
    docx.write_bytes(b"the old report")
    real_fsync = os.fsync
    calls = []

    def fsync(fd: int) -> None:  # the disk fills up while the second file is written
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr("exporters.files.os.fsync", fsync)
    code, out, err = cli(capsys, "export", "--db", db, *YEAR, "--xlsx", xlsx, "--docx", docx)
    assert code == 2
    line = one_line(err)
    assert line == f"已导出 {xlsx}；{docx} 未导出：磁盘空间已满，原文件未改动"
    assert out == ""
    assert xlsx.read_bytes()[:2] == b"PK" and docx.read_bytes() == b"the old report"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~")]


def test_the_first_of_two_files_failing_names_both(tmp_path, db, capsys, monkeypatch):
    xlsx, docx = tmp_path / "附表.xlsx", tmp_path / "报告.docx"

    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("exporters.files.os.fsync", fsync)
    code, _, err = cli(capsys, "export", "--db", db, *YEAR, "--xlsx", xlsx, "--docx", docx)
    assert code == 2
    assert one_line(err) == f"{xlsx} 未导出：磁盘空间已满，原文件未改动；{docx} 未导出"
    assert not xlsx.exists() and not docx.exists()


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 64 KiB tmpfs (root only); skipped where mounting is not allowed."""
    where = tmp_path / "disk"
    where.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(where)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)


@pytest.mark.parametrize("filler", [20_000, 28_000, 32_000, 40_000])
def test_a_two_file_export_on_a_really_full_disk_prints_one_line_and_no_traceback(db, small_disk, filler):
    xlsx, docx = small_disk / "a.xlsx", small_disk / "b.docx"
    xlsx.write_bytes(b"old")
    (small_disk / "filler").write_bytes(bytes(filler))
    result = run("export", "--db", str(db), *YEAR, "--xlsx", str(xlsx), "--docx", str(docx))
    assert result.returncode == 2, result
    line = one_line(result.stderr, f"{docx} 未导出")
    if xlsx.read_bytes() == b"old":
        assert line.startswith(f"{xlsx} 未导出"), line
    else:
        assert line.startswith(f"已导出 {xlsx}；"), line
    assert not docx.exists()
    assert not [p for p in small_disk.iterdir() if p.name.startswith(".~")]
