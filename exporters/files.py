"""Saving to a path the clerk chose, with failures a clerk can act on.

A file is written to a temporary file beside the target, flushed to disk, then moved over
the target in one step: a half-written .xlsx never replaces a good one, and a file that is
open in WPS/Excel (locked on Windows), read-only, or on a full disk fails with one Chinese
line while the old file stays as it was. The temporary file is removed on any failure, and one
left by a killed export is swept later (storage/temp_files.py). A symlink is written through
to the file it names; a FIFO, a device or a name the system refuses is refused first
(storage/path_check.py).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from forms.errors import UserError
from storage.path_check import FOLDER, check_path, describe, file_kind, real_path, too_long
from storage.temp_files import sweep_stale, temp_path

SQLITE_MAGIC = b"SQLite format 3\x00"
WRITE = "无法写入"


def check_targets(targets: Iterable[Path], *, database: Path | None = None) -> None:
    """Refuse targets that would destroy something or cannot be written: the open database (or
    any SQLite file), a folder, a FIFO or device, a name the system refuses, or one file named
    twice (``--xlsx P --docx P``)."""
    seen: set[Path] = set()
    for target in targets:
        check_path(Path(target), WRITE)
        kind = file_kind(Path(target), WRITE)
        resolved = real_path(Path(target))
        if kind == FOLDER:
            raise UserError(f"无法写入 {target}：这是一个文件夹，请给出文件名")
        if database is not None and resolved == real_path(Path(database)):
            raise UserError(f"无法写入 {target}：这是正在使用的数据库文件，请换一个文件名")
        if kind is not None and _is_sqlite(resolved):
            raise UserError(f"无法写入 {target}：这是一个数据库文件，不能用导出覆盖它")
        if resolved in seen:
            raise UserError(f"无法写入 {target}：Excel 附表和 Word 报告不能是同一个文件")
        seen.add(resolved)


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def save_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Write ``path`` through a temporary file beside it (see the module's docstring); ``path``
    as given is what messages name, the file it resolves to is what is replaced."""
    given = Path(path)
    check_targets([given])
    path = real_path(given)  # a symlink stays a symlink: its target is replaced
    if not path.parent.is_dir():
        raise UserError(f"无法写入 {given}：文件夹 {path.parent} 不存在")
    if path.exists() and (not os.access(path, os.W_OK) or not path.stat().st_mode & stat.S_IWUSR):
        raise UserError(f"无法写入 {given}：文件是只读的，请取消只读属性或换一个文件名")
    sweep_stale(path.parent)
    tmp = temp_path(path, path.suffix)
    try:
        # Created with the user's umask like any document (mkstemp would make it 0600).
        os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
    except OSError as exc:
        reason = describe(exc) if too_long(exc) else f"没有写入该文件夹的权限（{exc.strerror}）"
        raise UserError(f"无法写入 {given}：{reason}") from exc
    try:
        write(tmp)
        with tmp.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except PermissionError as exc:
        raise UserError(f"无法写入 {given}：文件可能正在 WPS 或 Excel 中打开，请关闭后重试") from exc
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise UserError(f"无法写入 {given}：磁盘空间已满，原文件未改动") from exc
        raise UserError(f"无法写入 {given}：{describe(exc)}") from exc
    finally:
        tmp.unlink(missing_ok=True)
