"""Backups of the database: automatic (rolling, the last ``KEEP``) and by hand, and restoring one.

Copies are made with SQLite's backup API, so a copy taken while the window is open is
consistent. A restore never destroys anything: the file it replaces is first kept as a backup.
"""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from storage import migrations
from storage.database import (
    APPLICATION_ID,
    BUSY_TIMEOUT_S,
    DamagedDatabase,
    NewerDatabase,
    NotOurDatabase,
    StorageError,
    connect,
    quick_check,
    read_header,
    storage_errors,
)
from storage.path_check import check_path, describe, real_path, require_file
from storage.temp_files import sweep_stale, temp_path

BACKUP_FOLDER = "backups"
KEEP = 10
KEPT_REASONS = ("before-upgrade", "before-restore", "before-template-move")  # the ways back: never pruned
SUFFIX = ".sqlite3"


def folder(db_path: Path) -> Path:
    return db_path.parent / BACKUP_FOLDER


def backups(db_path: Path) -> list[Path]:
    """Automatic backups of ``db_path`` (and of no other database in the folder), newest first."""
    where = folder(db_path)
    if not where.is_dir():
        return []
    own = re.compile(re.escape(db_path.stem) + r"-\d{8}-\d{6}-\d{6}-[a-z-]+" + re.escape(SUFFIX))
    return sorted((p for p in where.iterdir() if own.fullmatch(p.name)), key=lambda p: p.name, reverse=True)


def copy_database(conn: sqlite3.Connection, target: Path) -> Path:
    """A consistent copy of the open database at ``target`` (written beside it, then moved in;
    a symlink is written through to its file)."""
    target = real_path(target)
    sweep_stale(target.parent)
    tmp = temp_path(target)
    try:
        with storage_errors(target, "备份"):
            out = sqlite3.connect(str(tmp))
            try:
                conn.backup(out)
            finally:
                out.close()
        os.replace(tmp, target)
    except OSError as exc:
        raise StorageError(f"无法写入备份 {target}：{describe(exc)}") from exc
    finally:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}-journal").unlink(missing_ok=True)
    return target


def rolling_backup(conn: sqlite3.Connection, db_path: Path, reason: str) -> Path:
    """An automatic backup named for its time and reason; the newest ``KEEP`` are kept (copies
    made before an upgrade or a restore are never pruned: they are the way back)."""
    where = folder(db_path)
    try:
        where.mkdir(exist_ok=True)
    except OSError as exc:
        raise StorageError(f"无法创建备份文件夹 {where}：{describe(exc)}") from exc
    sweep_stale(where, legacy=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    made = copy_database(conn, where / f"{db_path.stem}-{stamp}-{reason}{SUFFIX}")
    rolling = [p for p in backups(db_path) if not p.stem.endswith(KEPT_REASONS)]
    for old in rolling[KEEP:]:
        old.unlink(missing_ok=True)
    return made


def unchanged_since_last_backup(db_path: Path) -> bool:
    """True when the newest backup is younger than the database file: a start changes nothing."""
    newest = backups(db_path)
    try:
        return bool(newest) and newest[0].stat().st_mtime >= db_path.stat().st_mtime
    except OSError:
        return False


def _read_only(path: Path) -> sqlite3.Connection:
    # A plain path, not a "file:" URI: UNC paths (\\server\share) and names with %, # or ? work.
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)
    conn.execute("PRAGMA query_only = ON")
    return conn


def check_backup(source: Path) -> None:
    """Refuse a file that is not a sound backup of ours, before anything is replaced."""
    if not require_file(source, "无法使用备份"):  # a FIFO would block the first read
        raise StorageError(f"找不到备份文件：{source}")
    header = read_header(source)
    if not header.is_sqlite or header.application_id not in (0, APPLICATION_ID):
        raise NotOurDatabase(f"{source} 不是填报助手的数据库备份")
    if header.user_version > migrations.COUNT:
        raise NewerDatabase(f"备份 {source} 由较新版本的填报助手创建（数据版本 {header.user_version}），本程序不能使用")
    with storage_errors(source, "读取"):
        conn = _read_only(source)
        try:
            sound = quick_check(conn)
            ours = conn.execute(
                "select count(*) from sqlite_master where type='table' and name in ('reports', 'cells')"
            ).fetchone()[0]
        finally:
            conn.close()
    if not sound:
        raise StorageError(f"备份 {source} 已损坏，不能用于恢复")
    if ours != 2:
        raise NotOurDatabase(f"{source} 不是填报助手的数据库备份")


def restore_file(db_path: Path, source: Path) -> Path | None:
    """Replace the database at ``db_path`` (closed) by the backup ``source``; nothing is lost.

    The backup is first copied beside the database (so pruning or a failure cannot touch it);
    the current file is kept as a "before-restore" backup, or — only when it is damaged — moved
    aside as ``….damaged-<time>``; any other trouble (locked, disk full) stops the restore with
    nothing changed. Returns where the old file went."""
    check_path(db_path, "无法恢复数据库", reserve=len("-journal"))
    db_path = real_path(db_path)  # a symlinked database: its file is replaced, the link stays
    require_file(db_path, "无法恢复数据库", folder_message="这是一个文件夹，不是数据库文件")
    check_backup(source)
    staged = temp_path(db_path)
    try:
        with storage_errors(source, "读取"):
            src = _read_only(source)
            try:
                copy_database(src, staged)
            finally:
                src.close()
        kept = _keep_current(db_path)
        try:
            os.replace(staged, db_path)
        except OSError as exc:
            raise StorageError(f"无法替换数据库 {db_path}：{exc.strerror or exc}（原数据库未改动）") from exc
    finally:
        staged.unlink(missing_ok=True)
    for leftover in (db_path.with_name(db_path.name + "-journal"), db_path.with_name(db_path.name + "-wal")):
        leftover.unlink(missing_ok=True)
    return kept


def _keep_current(db_path: Path) -> Path | None:
    if not db_path.exists():
        return None
    damaged = False
    try:
        with storage_errors(db_path, "备份"):
            conn = connect(db_path)
            try:
                damaged = not quick_check(conn)
                if not damaged:
                    return rolling_backup(conn, db_path, "before-restore")
            finally:
                conn.close()
    except DamagedDatabase:
        damaged = True
    if not read_header(db_path).is_sqlite:
        damaged = True
    assert damaged
    aside = db_path.with_name(f"{db_path.name}.damaged-{datetime.now():%Y%m%d-%H%M%S}")
    try:
        os.replace(db_path, aside)
    except OSError as exc:
        raise StorageError(f"无法移开已损坏的数据库 {db_path}：{exc.strerror or exc}") from exc
    return aside
