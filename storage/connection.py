"""The open file: its connection, transactions, generations and settings.

Every job in storage (cells, reports, report texts) works through one ``Database``: the same
connection and so the same transactions. Environment trouble (file locked, disk full, not a
database) becomes a ``StorageError`` with a Chinese message; anything else is a bug.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar, cast

from forms.registry import Template
from forms.spec import FormSpec
from storage.database import BUSY_TIMEOUT_S, DatabaseLocked, put_setting, storage_errors
from storage.paths import MEMORY

if TYPE_CHECKING:
    import sqlite_utils

D = TypeVar("D", bound="Database")
R = TypeVar("R")
P = ParamSpec("P")
T = TypeVar("T")


def now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def reads(method: Callable[Concatenate[D, P], T]) -> Callable[Concatenate[D, P], T]:
    """Run a query method under ``Database.read`` (file trouble becomes a StorageError)."""

    @functools.wraps(method)
    def guarded(self: D, *args: P.args, **kwargs: P.kwargs) -> T:
        with self.read():
            return method(self, *args, **kwargs)

    return guarded


@dataclass(frozen=True)
class Generation:
    """Which state of the file a copy in memory was read from: it is still the file's state while
    the generation is the same (``Database.generation``)."""

    opened: int  # which opening of the file (a restore reopens it)
    version: int  # PRAGMA data_version: moves when another connection (window, program) commits
    commits: int  # transactions this Database committed itself


class Database:
    """One opened file (``storage.opening`` opens and checks it). ``template`` is the program's
    newest, ``forms`` its attachments (what a file's look before a report is chosen uses); each report
    is of its own template (``storage.templates``), among ``shipped`` and those the file carries."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        *,
        forms: tuple[FormSpec, ...],
        template: Template,
        shipped: tuple[Template, ...] | None = None,
    ) -> None:
        self.path = path
        self.conn = conn
        self.forms = forms
        self.template = template
        self.shipped = shipped if shipped is not None else (template,)  # oldest first
        self.commits = 0  # transactions committed through this Database (see ``generation``)
        self.opened = 0  # reopen() counts: a new connection starts its data_version afresh
        # The generations just before and just after the last transaction ``write`` committed.
        self.last_write: tuple[Generation, Generation] | None = None
        self._db: sqlite_utils.Database | None = None

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, imported on first use: opening a file and the
        reads a window makes at start go through ``conn`` alone (see storage/migrations.py)."""
        if self._db is None or self._db.conn is not self.conn:
            from sqlite_utils import Database as Utils

            self._db = Utils(self.conn)
        return self._db

    @property
    def in_memory(self) -> bool:
        return str(self.path) == MEMORY

    def close(self) -> None:
        self.conn.close()

    def spec(self, form_key: str) -> FormSpec:
        """The program's newest template's form of that key (a report's own: ``storage.templates.spec_of``)."""
        for spec in self.forms:
            if spec.key == form_key:
                return spec
        raise KeyError(form_key)

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        with storage_errors(self.path, action):
            yield

    def generation(self, *, wait: bool = True) -> Generation | None:
        """The file's state now, cheaply (one pragma): a copy read at the same generation is
        still what the file holds. Waits, like any read, while another program locks the file;
        ``wait=False``: None at once then (a periodic look must never freeze the window)."""
        if not wait:
            self.conn.execute("PRAGMA busy_timeout = 0")
        try:
            with self.read():
                version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        except DatabaseLocked:
            if wait:
                raise
            return None
        finally:
            if not wait:
                self.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        return Generation(self.opened, version, self.commits)

    @contextmanager
    def read(self) -> Iterator[None]:
        """Queries; trouble with the file becomes a StorageError. Never writes."""
        with self._guard("读取"):
            yield

    def rows(self, sql: str, params: Sequence[object] = ()) -> list[dict[str, object]]:
        """The rows of a query as dicts (column name → value), on the store's connection."""
        cursor = self.conn.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def rows_as(self, shape: type[R], sql: str, params: Sequence[object] = ()) -> list[R]:
        """``rows`` read as ``shape``, a TypedDict of storage.rows: what the table's schema holds."""
        return cast(list[R], self.rows(sql, params))

    def update(self, table: str, where: Mapping[str, object], changes: Mapping[str, object]) -> None:
        """``update table set …`` for one row; names are the program's own column names, never input."""
        assign = ", ".join(f"{name} = ?" for name in changes)
        match = " and ".join(f"{name} = ?" for name in where)
        self.conn.execute(f"update {table} set {assign} where {match}", [*changes.values(), *where.values()])

    @contextmanager
    def write(self) -> Iterator[None]:
        """One transaction, taken with ``BEGIN IMMEDIATE`` so that two programs on one file wait
        for each other (up to the busy timeout) instead of deadlocking. Nested calls share it
        (a savepoint: a nested block that fails is undone alone)."""
        with self._guard("保存到"):
            conn = self.conn
            if conn.in_transaction:
                conn.execute("SAVEPOINT nested")
                try:
                    yield
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK TO SAVEPOINT nested")
                        conn.execute("RELEASE SAVEPOINT nested")
                    raise
                conn.execute("RELEASE SAVEPOINT nested")
                return
            conn.execute("BEGIN IMMEDIATE")
            try:
                # Read under our write lock: nobody else can commit until we do, so this is the
                # file's generation right before our change (what a cache checks it was read from).
                version = conn.execute("PRAGMA data_version").fetchone()[0]
                yield
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            try:
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            before = Generation(self.opened, version, self.commits)
            self.commits += 1
            self.last_write = (before, Generation(self.opened, version, self.commits))

    # --- settings -----------------------------------------------------------------

    def setting(self, key: str, default: str) -> str:
        with self.read():
            row = self.conn.execute("select value from settings where key=?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.write():
            put_setting(self.conn, key, value)
