"""Saving to a path the clerk chose, with failures a clerk can act on."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from forms.errors import UserError


def save_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Write to a temporary file beside ``path`` and move it into place.

    A half-written .xlsx must never replace a good one, and a file that is open in
    WPS/Excel (locked on Windows) must fail with a message, not a traceback.
    """
    path = Path(path)
    if path.is_dir():
        raise UserError(f"无法写入 {path}：这是一个文件夹，请给出文件名")
    if not path.parent.is_dir():
        raise UserError(f"无法写入 {path}：文件夹 {path.parent} 不存在")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".~tianbao-", suffix=path.suffix, dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise UserError(f"无法写入 {path}：没有写入该文件夹的权限（{exc.strerror}）") from exc
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.replace(tmp, path)
    except PermissionError as exc:
        raise UserError(f"无法写入 {path}：文件可能正在 WPS 或 Excel 中打开，请关闭后重试") from exc
    except OSError as exc:
        raise UserError(f"无法写入 {path}：{exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
