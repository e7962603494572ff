"""Backups of the database: automatic (rolling, the last ``KEEP``) and by hand, and restoring one.

Copies are made with SQLite's backup API, so a copy taken while the window is open is
consistent. A restore never destroys anything: the file it replaces is first kept as a backup.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from storage.database import (
    APPLICATION_ID,
    NotOurDatabase,
    StorageError,
    connect,
    quick_check,
    read_header,
    storage_errors,
)

BACKUP_FOLDER = "backups"
KEEP = 10
SUFFIX = ".sqlite3"


def folder(db_path: Path) -> Path:
    return db_path.parent / BACKUP_FOLDER


def backups(db_path: Path) -> list[Path]:
    """Automatic backups of ``db_path``, newest first."""
    where = folder(db_path)
    if not where.is_dir():
        return []
    return sorted(where.glob(f"{db_path.stem}-*{SUFFIX}"), key=lambda p: p.name, reverse=True)


def copy_database(conn: sqlite3.Connection, target: Path) -> Path:
    """A consistent copy of the open database at ``target`` (written beside it, then moved in)."""
    tmp = target.with_name(f".~{target.name}.{os.getpid()}.tmp")
    try:
        with storage_errors(target, "备份"):
            out = sqlite3.connect(str(tmp))
            try:
                conn.backup(out)
            finally:
                out.close()
        os.replace(tmp, target)
    except OSError as exc:
        raise StorageError(f"无法写入备份 {target}：{exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return target


def rolling_backup(conn: sqlite3.Connection, db_path: Path, reason: str) -> Path:
    """An automatic backup named for its time and reason; only the newest ``KEEP`` are kept."""
    where = folder(db_path)
    try:
        where.mkdir(exist_ok=True)
    except OSError as exc:
        raise StorageError(f"无法创建备份文件夹 {where}：{exc.strerror or exc}") from exc
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    made = copy_database(conn, where / f"{db_path.stem}-{stamp}-{reason}{SUFFIX}")
    for old in backups(db_path)[KEEP:]:
        old.unlink(missing_ok=True)
    return made


def check_backup(source: Path) -> None:
    """Refuse a file that is not a sound backup of ours, before anything is replaced."""
    if not source.is_file():
        raise StorageError(f"找不到备份文件：{source}")
    header = read_header(source)
    if not header.is_sqlite or header.application_id not in (0, APPLICATION_ID):
        raise NotOurDatabase(f"{source} 不是填报助手的数据库备份")
    conn = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True)
    try:
        with storage_errors(source, "读取"):
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
    """Replace the database at ``db_path`` (closed) by the backup ``source``.

    The replaced file is kept: copied into the backups when it can be read, else moved aside
    as ``….damaged-<time>``. Returns where the old file went."""
    check_backup(source)
    kept: Path | None = None
    if db_path.exists():
        try:
            conn = connect(db_path)
            try:
                kept = rolling_backup(conn, db_path, "before-restore") if quick_check(conn) else None
            finally:
                conn.close()
        except (sqlite3.Error, StorageError):
            kept = None
        if kept is None:
            kept = db_path.with_name(f"{db_path.name}.damaged-{datetime.now():%Y%m%d-%H%M%S}")
            os.replace(db_path, kept)
    src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True)
    try:
        copy_database(src, db_path)
    finally:
        src.close()
    for leftover in (db_path.with_name(db_path.name + "-journal"), db_path.with_name(db_path.name + "-wal")):
        leftover.unlink(missing_ok=True)
    return kept
