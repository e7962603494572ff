"""Our temporary files, named one way and swept by one rule.

Every file is first written to a temporary file beside its target and then moved over it in one
step (an export, a backup, a restore). A program killed in between (power cut, Task Manager)
leaves that file behind, as large as a workbook or the whole database. ``sweep_stale`` removes
ours that are older than ``STALE_SECONDS`` and whose process, named in the file name, is gone:
a temporary file still being written is never swept.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import time
from pathlib import Path

PREFIX = ".~tianbao-"
STALE_SECONDS = 600  # a temporary file this old was left by a program that was killed
# .~tianbao-<pid>-<hex><suffix>, and SQLite's -journal/-wal of one that was a database copy.
OURS = re.compile(re.escape(PREFIX) + r"(?P<pid>\d+)-[0-9a-f]{8}(?:\.[A-Za-z0-9]{1,8})?(?:-journal|-wal)?")
# Names of earlier versions: exports (.~tianbao-<hex12>.xlsx, no process), backups
# (.~<name>.<pid>.tmp) and restores (.~<name>.restore-<pid>.tmp), in the database's folders only.
LEGACY_EXPORT = re.compile(re.escape(PREFIX) + r"[0-9a-f]{12}(?:\.[A-Za-z0-9]{1,8})?")
LEGACY_COPY = re.compile(r"\.~.+\.(?:restore-)?(?P<pid>\d+)\.tmp(?:-journal|-wal)?")


def temp_path(target: Path, suffix: str = ".tmp") -> Path:
    """A fresh temporary name beside ``target``, short whatever the target's name (see path_check)."""
    suffix = suffix if re.fullmatch(r"\.[A-Za-z0-9]{1,8}", suffix) else ".tmp"
    return target.with_name(f"{PREFIX}{os.getpid()}-{os.urandom(4).hex()}{suffix}")


def _owner(name: str, *, legacy: bool) -> tuple[bool, int | None]:
    """(ours, pid of the process that wrote it or None when the name does not say)."""
    match = OURS.fullmatch(name)
    if match:
        return True, int(match["pid"])
    if LEGACY_EXPORT.fullmatch(name):
        return True, None
    match = LEGACY_COPY.fullmatch(name) if legacy else None
    if match:
        return True, int(match["pid"])
    return False, None


def is_stale(path: Path, *, now: float | None = None, legacy: bool = False) -> bool:
    """One of our temporary files that no running program is writing (see the module's docstring)."""
    ours, pid = _owner(path.name, legacy=legacy)
    if not ours:
        return False
    try:
        info = path.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    age = (time.time() if now is None else now) - info.st_mtime
    return age > STALE_SECONDS and (pid is None or not alive(pid))


def sweep_stale(folder: Path, *, legacy: bool = False) -> list[Path]:
    """Remove our stale temporary files in ``folder``; ``legacy`` also the backup and restore
    names of earlier versions (only in a database's folder and its backups: nowhere else did they
    write, and the pattern is too loose for a clerk's Desktop). Never fails: this is tidying."""
    removed = []
    now = time.time()
    try:
        for entry in os.scandir(folder):
            if entry.name.startswith(".~") and is_stale(Path(entry.path), now=now, legacy=legacy):
                try:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
                except OSError:
                    continue
    except OSError:
        pass  # a folder we cannot list: not worth failing the export or backup for
    return removed


if sys.platform == "win32":  # the same test as os.name == "nt", in the form mypy narrows on
    import ctypes

    _STILL_ACTIVE = 259
    _ACCESS_DENIED = 5

    def alive(pid: int) -> bool:
        """Whether process ``pid`` is running (never os.kill: on Windows it terminates the process)."""
        if pid == os.getpid():
            return True
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == _ACCESS_DENIED  # someone else's process: running
        try:
            code = ctypes.c_ulong()
            return not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)) or code.value == _STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)

else:

    def alive(pid: int) -> bool:
        """Whether process ``pid`` is running (signal 0 only asks)."""
        if pid == os.getpid():
            return True
        if pid <= 0:
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except OSError:
            return True  # someone else's process (EPERM): running
        return True
