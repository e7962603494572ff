"""Opening a database file: what is refused before it is touched (a folder, a foreign or newer
file), what is repaired on the way in (schema migrations, after a backup; the text of a shipped
template a report uses, stored in the file), and what a killed backup or restore left beside it.
A report's field keys are never changed on the way in: it stays on its own template."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from forms.registry import Template
from storage import backup, migrations, templates
from storage.connection import MEMORY, Database
from storage.database import (
    APPLICATION_ID,
    DamagedDatabase,
    NewerDatabase,
    NotOurDatabase,
    StorageError,
    connect,
    quick_check,
    read_header,
    stamp,
    storage_errors,
)
from storage.path_check import FOLDER, check_path, file_kind, real_path
from storage.temp_files import sweep_stale


def schema_version() -> int:
    """Our ``user_version``: the number of schema migrations this program knows."""
    return migrations.COUNT


def open_file(path: Path | str, *, create: bool, shipped: tuple[Template, ...]) -> tuple[Path, sqlite3.Connection]:
    """The checked path of the SQLite file at ``path`` (":memory:" for none) and a connection to
    it, migrated as needed.

    ``create=False`` (export, audit) refuses a missing file instead of making an empty one.
    A foreign or newer file is refused untouched; a damaged one names its newest backup."""
    in_memory = str(path) == MEMORY
    if not in_memory:
        # SQLite's -journal beside it must fit too; a symlink is followed, as sqlite3 does.
        check_path(Path(path), "无法打开数据库", reserve=len("-journal"))
        path = real_path(Path(path))
        _check_file(path, create)
    path = Path(path)
    try:
        with storage_errors(path, "打开"):
            conn = connect(MEMORY if in_memory else path)
            try:
                _prepare(Database(path, conn, forms=(), template=shipped[-1], shipped=shipped), fresh=in_memory)
            except BaseException:
                conn.close()
                raise
    except DamagedDatabase as exc:
        if exc.backup is not None or in_memory:
            raise
        newest = backup.backups(path)
        raise DamagedDatabase(f"数据库 {path} 已损坏", newest[0] if newest else None) from exc
    if not in_memory:  # what a killed backup or restore left beside the file
        sweep_stale(path.parent, legacy=True)
        sweep_stale(backup.folder(path), legacy=True)
    return path, conn


def _check_file(path: Path, create: bool) -> None:
    kind = file_kind(path, "无法打开数据库")  # a FIFO or device is refused before it is opened
    if kind is None:
        if not create:
            raise StorageError(f"找不到数据库文件：{path}")
        if not path.parent.is_dir():
            raise StorageError(f"数据库所在文件夹不存在：{path.parent}")
        return
    if kind == FOLDER:
        raise StorageError(f"{path} 是一个文件夹，不是数据库文件")
    if path.stat().st_size == 0:
        return
    header = read_header(path)
    if not header.is_sqlite or header.application_id not in (0, APPLICATION_ID):
        raise _not_ours(path)
    if header.user_version > schema_version():
        raise NewerDatabase(
            f"数据库 {path} 由较新版本的填报助手创建（数据版本 {header.user_version}，"
            f"本程序只认识到版本 {schema_version()}），请使用新版本的填报助手打开"
        )


def _not_ours(path: Path) -> StorageError:
    newest = backup.backups(path)
    if newest:
        return DamagedDatabase(f"{path} 不是可用的填报助手数据库（已损坏或被其他文件覆盖）", newest[0])
    return NotOurDatabase(f"{path} 不是填报助手的数据库，未做任何改动")


def _prepare(database: Database, *, fresh: bool) -> None:
    conn, path = database.conn, database.path
    tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if not fresh and tables and app_id != APPLICATION_ID and not _legacy(conn, tables):
        raise _not_ours(path)
    if tables and not quick_check(conn):
        raise DamagedDatabase(f"数据库 {path} 已损坏", None)  # open_file names the newest backup
    # Our stamp is written only after every migration ran: a stamped file of this version needs none.
    if (app_id != APPLICATION_ID or version != schema_version()) and migrations.migration_set().pending(database.db):
        if tables and not fresh:
            backup.rolling_backup(conn, path, "before-upgrade")
        with database.write():
            migrations.migration_set().apply(database.db)
    templates.keep_used(database)  # a file from before templates travelled: it carries them from now on
    if app_id != APPLICATION_ID or version != schema_version():
        stamp(conn, schema_version())


def _legacy(conn: sqlite3.Connection, tables: set[str]) -> bool:
    # Databases of the first releases had no application_id: recognise them by their migrations.
    if "_sqlite_migrations" not in tables:
        return False
    rows = conn.execute("select count(*) from _sqlite_migrations where migration_set = ?", [migrations.NAME])
    return bool(rows.fetchone()[0] > 0)
