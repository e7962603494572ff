"""Paths as clerks give them: refused with one Chinese line before anything is opened.

Every file the program reads or writes on a clerk's word (export targets, backup targets and
sources, ``--db``, import sources) passes ``check_path`` (names the file system or Windows will
not take) and ``file_kind`` (a FIFO would block the first read; a device such as ``/dev/full``
or a socket is not a file to export into or restore over). The Windows rules are pure functions
of a path string (``windows_problem``) so they are tested on Linux; ``HERE`` picks the rules of
the running system. A symlinked ``--db`` is followed to its target (``real_path``), as sqlite3
itself does, so the lock, the backups and a restore act on the real file.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

from forms.errors import UserError

WINDOWS_MAX_PATH = 260  # characters, the terminating NUL included: a whole path holds at most 259
TEMP_NAME_MAX = 40  # our temporary files beside a target (storage/temp_files.py) have names this short
NAME_MAX = 255  # a file name, in bytes (ext4, most Unix file systems) or UTF-16 units (NTFS, exFAT)
WINDOWS_FORBIDDEN = frozenset('<>:"|?*/\\') | frozenset(chr(c) for c in range(32))
WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{device}{n}" for device in ("COM", "LPT") for n in "0123456789\u00b9\u00b2\u00b3"}
)
_WINERROR_FILENAME_EXCED_RANGE = 206


@dataclass(frozen=True)
class Rules:
    """What the operating system allows in a path."""

    windows: bool  # reserved device names, forbidden characters, trailing dots/spaces, MAX_PATH


WINDOWS = Rules(windows=True)
POSIX = Rules(windows=False)
HERE = WINDOWS if os.name == "nt" else POSIX


def _reserved_name(name: str) -> str | None:
    """The DOS device a file name stands for (``CON``, ``nul .txt``, ``COM1.xlsx``), or None."""
    device = name.partition(".")[0].rstrip(" ").upper()
    return device if device in WINDOWS_RESERVED else None


def windows_problem(path: str) -> str | None:
    """Why Windows would refuse (or silently change) ``path``, an absolute Windows path; None if it
    would not. A drive (``C:\\``) or a network share (``\\\\server\\share\\``, a mapped OneDrive
    folder) is the anchor and is not a name: only the names after it are checked."""
    pure = PureWindowsPath(path)
    for name in pure.parts[1:] if pure.anchor else pure.parts:
        if name in (".", ".."):
            continue
        device = _reserved_name(name)
        if device is not None:
            return f"“{device}”是 Windows 保留的设备名，不能用作文件或文件夹名（带扩展名也不行），请换一个名字"
        bad = sorted(WINDOWS_FORBIDDEN.intersection(name))
        if bad:
            shown = " ".join(c if c.isprintable() else "控制字符" for c in bad)
            return f'名字“{name[:24]}”中有 Windows 不允许的字符 {shown}（不能用 < > : " | ? *），请换一个名字'
        if name.endswith((".", " ")):
            return f"名字“{name[:24]}”以点或空格结尾，Windows 会把它们去掉，请删去结尾的点或空格"
        if len(name) > NAME_MAX:
            return f"文件名太长（{len(name)} 个字符，最多 {NAME_MAX} 个），请缩短文件名"
    if len(path) >= WINDOWS_MAX_PATH:
        return (
            f"路径太长（{len(path)} 个字符，Windows 最多 {WINDOWS_MAX_PATH - 1} 个），"
            "请换一个层级较少的文件夹或缩短文件名"
        )
    return None


def posix_problem(path: Path, *, reserve: int = 0) -> str | None:
    """A name longer than the file system takes (counted in bytes: 85 Chinese characters fill 255)."""
    limit = _name_max(path) - reserve
    for name in path.parts:
        size = len(os.fsencode(name))
        if size > limit:
            return f"文件名太长（{size} 字节，此处最多 {limit} 字节，约 {limit // 3} 个汉字），请缩短文件名"
    return None


def _name_max(path: Path) -> int:
    # The limit of the file system the file would be on (eCryptfs takes 143, most take 255).
    for folder in path.parents:
        try:
            return int(os.pathconf(folder, "PC_NAME_MAX"))
        except (OSError, ValueError, AttributeError):
            continue
    return NAME_MAX


def path_problem(path: Path, rules: Rules = HERE, *, reserve: int = 0) -> str | None:
    """Why ``path`` cannot be used, or None. ``reserve``: characters our own companions add to its
    name (``-journal`` beside a database); a temporary file beside it must fit in the path too."""
    absolute = os.path.abspath(path)
    if rules.windows:
        return windows_target_problem(absolute, reserve=reserve)
    return posix_problem(Path(absolute), reserve=reserve)


def windows_target_problem(path: str, *, reserve: int = 0) -> str | None:
    """``windows_problem`` of ``path`` and of the longest name we create beside it (a temporary file,
    ``-journal``): a short file name deep in folders leaves no room for ``.~tianbao-<pid>-<hex>.xlsx``."""
    pure = PureWindowsPath(path)
    if not pure.name:
        return windows_problem(path)
    longest = str(pure.with_name("x" * max(len(pure.name) + reserve, TEMP_NAME_MAX)))
    return windows_problem(path) or (windows_problem(longest) if len(longest) > len(path) else None)


def check_path(path: Path, action: str, rules: Rules = HERE, *, reserve: int = 0) -> None:
    """Raise ``UserError("{action} {path}：why")`` when ``path`` cannot be used (see ``path_problem``)."""
    problem = path_problem(path, rules, reserve=reserve)
    if problem is not None:
        raise UserError(f"{action} {path}：{problem}")


FILE = "file"
FOLDER = "folder"


def file_kind(path: Path, action: str) -> str | None:
    """``FILE``, ``FOLDER``, None (nothing there), or raise: a FIFO, a device or a socket is "不是普通文件".

    ``os.stat`` follows a symlink to what it names, and never opens the file (opening a FIFO for
    reading blocks until someone writes to it)."""
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise UserError(f"{action} {path}：{describe(exc)}") from exc
    if stat.S_ISREG(mode):
        return FILE
    if stat.S_ISDIR(mode):
        return FOLDER
    what = (
        "命名管道"
        if stat.S_ISFIFO(mode)
        else "设备"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "套接字"
        if stat.S_ISSOCK(mode)
        else "特殊文件"
    )
    raise UserError(f"{action} {path}：不是普通文件（这是一个{what}），请给出一个普通文件")


def require_file(path: Path, action: str, *, folder_message: str = "这是一个文件夹，请给出文件名") -> bool:
    """True when a regular file is at ``path``, False when nothing is; anything else is refused."""
    check_path(path, action)
    kind = file_kind(path, action)
    if kind == FOLDER:
        raise UserError(f"{action} {path}：{folder_message}")
    return kind == FILE


def real_path(path: Path) -> Path:
    """``path`` absolute with every symlink followed (a dangling link: where it points)."""
    return Path(os.path.realpath(path))


def too_long(exc: BaseException) -> bool:
    """An OSError saying a name or path is longer than the file system takes."""
    return isinstance(exc, OSError) and (
        exc.errno == errno.ENAMETOOLONG or getattr(exc, "winerror", None) == _WINERROR_FILENAME_EXCED_RANGE
    )


def describe(exc: OSError) -> str:
    """The reason of an OSError in the clerk's words (strerror is English on most systems)."""
    if too_long(exc):
        return f"文件名或路径太长（一个文件名最多 {NAME_MAX} 字节，约 85 个汉字），请缩短文件名或换一个文件夹"
    reasons = {
        errno.ENOSPC: "磁盘空间已满",
        errno.EACCES: "没有权限",
        errno.EPERM: "没有权限",
        errno.EROFS: "该位置是只读的",
        errno.ELOOP: "符号链接形成了循环",
        errno.ENOTDIR: "路径中有一部分不是文件夹",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))
