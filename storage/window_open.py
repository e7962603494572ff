"""The window's way into and around its file: one window per file (a lock), a damaged file offered
its newest backup, a backup at each start that changed something, and 从备份恢复 while open.

The decisions are here; the window only asks the questions (``offer_restore``) and shows the
refusals (``UserError``)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from forms.errors import UserError
from storage.backup import restore_file, unchanged_since_last_backup
from storage.database import DamagedDatabase, StorageError
from storage.lock import InstanceLock, lock_for_window
from storage.store import Store


def restore_question(exc: DamagedDatabase) -> str:
    """What a damaged file's clerk is asked (only when ``exc.backup`` is not None)."""
    return (
        f"{exc.message}。\n\n可以用最近的备份恢复：\n{exc.backup}\n\n"
        "恢复后，损坏的文件会另存一份，不会删除。现在恢复吗？"
    )


def open_for_window(
    db: Path, offer_restore: Callable[[DamagedDatabase], bool], lock: InstanceLock | None = None
) -> tuple[Store, InstanceLock | None]:
    """The database opened for the window and its lock (None in memory; ``lock``: already held by the
    start, else taken here); ``UserError`` (the lock released) when it cannot be: a second window on the
    file, a refused file, a damaged one whose restore was not offered (no backup) or not wanted
    (``offer_restore`` said no)."""
    if lock is None:
        lock = lock_for_window(db)
    try:
        while True:
            try:
                store = Store(db)
                break
            except DamagedDatabase as exc:
                if exc.backup is None or not offer_restore(exc):
                    raise
                restore_file(db, exc.backup)
        # A backup at each start that changed something (ten starts in a day must not push out last week).
        if lock is not None and not unchanged_since_last_backup(db):
            with suppress(StorageError):
                store.backup("start")
        return store, lock
    except UserError:
        if lock is not None:
            lock.release()
        raise


def restore_in_place(store: Store, source: Path) -> None:
    """Replace the open store's file by the backup ``source`` (storage/backup.py keeps the current
    one); the store is open again afterwards either way: on the restored file, or on the untouched
    old one when the restore raised."""
    db = store.path
    store.close()
    try:
        restore_file(db, source)
    finally:
        store.reopen()
