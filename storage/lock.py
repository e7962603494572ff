"""One program per database: an OS lock on ``<database>.lock``, held while the window is open.

The operating system drops the lock when the process ends, however it ends (crash, kill, power
cut), so a stale lock never keeps a clerk out. The file also says who holds it, for the message.
"""

from __future__ import annotations

import contextlib
import os
import sys
from io import BufferedRandom
from pathlib import Path
from types import TracebackType

from storage.database import StorageError
from storage.path_check import describe, real_path
from storage.paths import MEMORY

_OWNER_AT = 16  # the owner's description starts here; byte 0 is the one locked (Windows locks ranges)


class DatabaseInUse(StorageError):
    """Another 填报助手 window (or a restore) has the database open."""


class InstanceLock:
    def __init__(self, db_path: Path) -> None:
        self.db_path = real_path(Path(db_path))  # beside the real file, whichever link named it
        self.path = Path(f"{self.db_path}.lock")
        self._file: BufferedRandom | None = None

    def acquire(self) -> None:
        try:
            f = self.path.open("a+b")
        except OSError as exc:
            raise StorageError(f"无法创建锁文件 {self.path}：{describe(exc)}") from exc
        if not _try_lock(f):
            owner = _owner(f)
            f.close()
            raise DatabaseInUse(
                f"数据库 {self.db_path} 已在另一个填报助手窗口中打开{owner}。"
                "同一个数据库只能在一个窗口中编辑，请切换到那个窗口"
            )
        f.seek(_OWNER_AT)
        f.truncate()
        f.write(f"pid={os.getpid()} host={_host()}".encode())
        f.flush()
        self._file = f

    def release(self) -> None:
        if self._file is not None:
            _unlock(self._file)
            self._file.close()
            self._file = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.release()


def _owner(f: BufferedRandom) -> str:
    try:
        f.seek(_OWNER_AT)
        text = f.read(200).decode("utf-8", "replace")
    except OSError:
        return ""
    pid = dict(part.split("=", 1) for part in text.split() if "=" in part).get("pid")
    return f"（进程 {pid}）" if pid else ""


if sys.platform == "win32":
    import msvcrt

    def _try_lock(f: BufferedRandom) -> bool:
        f.seek(0)
        try:
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(f: BufferedRandom) -> None:
        f.seek(0)
        with contextlib.suppress(OSError):
            msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(f: BufferedRandom) -> bool:
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(f: BufferedRandom) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def _host() -> str:
    """This computer's name, for the lock's owner line (not ``socket``: ≈9 ms before the first paint)."""
    if sys.platform == "win32":
        return os.environ.get("COMPUTERNAME", "")
    return os.uname().nodename


def lock_for_window(db: Path) -> InstanceLock | None:
    """The file's lock, held for a window (None for a database in memory); ``DatabaseInUse`` when
    another window has the file open. Taken first at a start: a second start says so and shows nothing else."""
    if str(db) == MEMORY:
        return None
    lock = InstanceLock(db)
    lock.acquire()
    return lock
