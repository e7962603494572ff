"""How an import run writes: the files read with no transaction open, in batches of what was read in about
``COMMIT_EVERY_S`` seconds; each batch written in one transaction, a savepoint per file, and committed
before the next batch is read; a file's line is handed on only once its data is committed.

One transaction a batch instead of one a file spares a commit (an fsync) per workbook; reading outside it
keeps the database unlocked while the files are parsed (another program, the window or a second import,
writes in between), and a crash loses at most the batch being read or written. A file that fails is undone
alone (its savepoint). Before the run's first replaced report, the file is backed up once
(storage/backup.py), with what was committed so far in it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Generic, TypeVar

from forms.errors import UserError
from storage.store import Store

COMMIT_EVERY_S = 0.5
BACKUP_REASON = "before-import"
R = TypeVar("R")
T = TypeVar("T")
U = TypeVar("U")


class ImportRun(Generic[R]):
    """Use as a context manager; ``say`` receives each file's result in order, after its commit. Leaving
    the block with an exception rolls back what was not committed, and its results are never said."""

    def __init__(
        self,
        store: Store,
        say: Callable[[R], None],
        lost: Callable[[R, str], R],
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.say = say
        # A result as said once SQLite rolled back the whole transaction, and why: one that had written
        # something is lost; one that wrote nothing (refused, the same file) is said as it was.
        self.lost = lost
        self.clock = clock
        self.pending: list[R] = []  # results whose data is not committed yet
        self.backup_made = False
        self._open: ExitStack | None = None

    def __enter__(self) -> ImportRun[R]:
        return self

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> None:
        if exc is None:
            self.commit()
        elif self._open is not None:
            opened, self._open = self._open, None
            opened.__exit__(type(exc), exc, exc.__traceback__)  # the write rolls back

    def batches(self, items: Iterable[T], read: Callable[[T], U]) -> Iterator[list[tuple[T, U]]]:
        """``(item, read(item))`` in batches of what was read in about ``COMMIT_EVERY_S``; each is read
        with no transaction open, as what the batch before it wrote is committed (and said) first."""
        batch: list[tuple[T, U]] = []
        start = 0.0
        for item in items:
            if not batch:
                start = self.clock()
            batch.append((item, read(item)))
            if self.clock() - start >= COMMIT_EVERY_S:
                yield batch
                self.commit()
                batch = []
        if batch:
            yield batch
            self.commit()

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """One file's writes: undone alone if the block raises; the batch's transaction begins here."""
        if self._open is None:
            opened = ExitStack()
            opened.enter_context(self.store.write())  # BEGIN; a refusal (locked) leaves no run open
            self._open = opened
        try:
            with self.store.write():  # nested: a savepoint of the batch's transaction
                yield
        except BaseException as exc:
            if self._open is not None and not self.store.conn.in_transaction:
                self._lose(exc)  # SQLite ended the whole transaction (a full disk, an I/O error)
            raise

    def _lose(self, exc: BaseException) -> None:
        opened, self._open = self._open, None
        if opened is not None:
            opened.__exit__(type(exc), exc, exc.__traceback__)  # nothing left to roll back: no COMMIT
        why = exc.message if isinstance(exc, UserError) else "保存时出错"
        lost, self.pending = self.pending, []
        self._say_all([self.lost(result, why) for result in lost])  # a result that wrote nothing stays

    def before_replacing(self) -> None:
        """Back the file up before the run replaces its first report (committing first, so the copy
        holds this run's new reports and no half of anything)."""
        if self.backup_made:
            return
        self.commit()
        if not self.store.in_memory:
            self.store.backup(BACKUP_REASON)
        self.backup_made = True

    def done(self, result: R) -> None:
        """A file's result, said once what it wrote is committed (at once when the run has nothing open)."""
        self.pending.append(result)
        if self._open is None:
            self.commit()

    def commit(self) -> None:
        """COMMIT, then say the pending results; a COMMIT refused (locked, full, read-only) rolled back
        the whole transaction, so what they wrote is said lost and the run goes on with the next file."""
        said, self.pending = self.pending, []
        if self._open is not None:
            opened, self._open = self._open, None
            try:
                opened.close()  # COMMIT
            except UserError as exc:
                said = [self.lost(result, exc.message) for result in said]
        self._say_all(said)

    def _say_all(self, results: list[R]) -> None:
        """Every result said, even when saying one fails (a bug of the sink's): what is committed is never
        left unsaid; the first failure is raised afterwards, a bug for the caller to log."""
        failure: Exception | None = None
        for result in results:
            try:
                self.say(result)
            except Exception as exc:
                failure = failure or exc
        if failure is not None:
            raise failure
