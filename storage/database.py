"""Opening the SQLite file safely, and telling a clerk's trouble from a bug.

Our databases carry ``PRAGMA application_id`` (so a foreign SQLite file is recognised and left
untouched) and ``PRAGMA user_version`` (the number of schema migrations, so a file written by
a newer program is refused with its version named). SQLite errors are classified by their
error code, never by message text: what a clerk can cause (a locked, full, read-only or damaged
file) becomes a ``StorageError`` with a Chinese sentence; every other error is a bug and is
left to propagate to the crash log.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from forms.errors import UserError

APPLICATION_ID = 0x5442_5A53  # "TBZS": 填报助手
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 3.0  # a write waits this long for another program before it is refused


class StorageError(UserError):
    """The database file cannot be read or written for a reason the clerk can act on."""


class DatabaseLocked(StorageError):
    """Another program holds the file (another window, a backup tool, a sync client)."""


class NotOurDatabase(StorageError):
    """The file is not a 填报助手 database (another program's SQLite file, a workbook …)."""


class NewerDatabase(StorageError):
    """The file was written by a newer version of the program."""


class DamagedDatabase(StorageError):
    """The file is ours but damaged; ``backup`` is the newest backup that could replace it."""

    def __init__(self, message: str, backup: Path | None) -> None:
        super().__init__(message)
        self.backup = backup


def classify(exc: sqlite3.Error, path: Path, action: str) -> StorageError | None:
    """The clerk-facing error for ``exc``, or None when it is a bug."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    primary = code & 0xFF  # extended codes keep the primary one in the low byte
    where = f"无法{action}数据库 {path}："
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return DatabaseLocked(where + "文件正被其他程序占用，请稍后重试，或关闭另一个填报助手窗口")
    if primary == sqlite3.SQLITE_FULL:
        return StorageError(where + "磁盘空间已满，请清理磁盘后重试（已填写的数据未受影响）")
    if primary in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN):
        return StorageError(where + "没有读写该文件的权限，或文件所在位置不可写")
    if primary == sqlite3.SQLITE_IOERR:
        return StorageError(where + "读写磁盘出错（U 盘或网络文件夹是否已断开？）")
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return DamagedDatabase(where + "文件已损坏", None)
    return None


@contextmanager
def storage_errors(path: Path, action: str) -> Iterator[None]:
    """Turn SQLite errors a clerk can cause into ``StorageError``; let bugs through."""
    try:
        yield
    except sqlite3.Error as exc:
        error = classify(exc, path, action)
        if error is None:
            raise
        raise error from exc


@dataclass(frozen=True)
class Header:
    """What the first 100 bytes of a file say, read without opening it as a database."""

    is_sqlite: bool
    application_id: int = 0
    user_version: int = 0


def read_header(path: Path) -> Header:
    try:
        with path.open("rb") as f:
            head = f.read(100)
    except OSError as exc:
        raise StorageError(f"无法读取数据库 {path}：{exc.strerror or exc}") from exc
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        return Header(is_sqlite=False)
    return Header(
        is_sqlite=True,
        user_version=int.from_bytes(head[60:64], "big"),
        application_id=int.from_bytes(head[68:72], "big"),
    )


def connect(path: Path | str) -> sqlite3.Connection:
    """A connection in autocommit mode: transactions are begun explicitly (``BEGIN IMMEDIATE``)."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def quick_check(conn: sqlite3.Connection) -> bool:
    rows = conn.execute("PRAGMA quick_check").fetchall()
    return rows == [("ok",)]


def stamp(conn: sqlite3.Connection, version: int) -> None:
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {int(version)}")


def put_setting(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "insert into settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value",
        [key, value],
    )
