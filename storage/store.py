"""The store: every accepted edit is committed before the call returns.

Environment trouble (file locked, disk full, not a database) becomes a ``StorageError``
with a Chinese message; anything else is a bug and is left to propagate.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from forms import kinds as vk
from forms.changes import Batch, Cells, Change, InsertRow, RemoveRow, SetCells, Touched
from forms.errors import UserError
from forms.hygiene import LINE_MAX, UNIT_MAX, clean_limited
from forms.kinds import Kind, Stored, ValueKind
from forms.registry import FORMS, TEMPLATE, Template
from forms.report import MAIN_ROW, REASON_ROW, CellKey, FormData, Report, ReportData
from forms.spec import FILLER, FormSpec, RowStyle
from forms.yoy import ALLOWED_PLACES, DEFAULT_PLACES
from storage import backup, migrations, templates
from storage.database import (
    APPLICATION_ID,
    BUSY_TIMEOUT_S,
    DamagedDatabase,
    DatabaseLocked,
    NewerDatabase,
    NotOurDatabase,
    StorageError,
    connect,
    put_setting,
    quick_check,
    read_header,
    stamp,
    storage_errors,
)
from storage.path_check import FOLDER, check_path, file_kind, real_path, require_file
from storage.report_text import ReportTexts
from storage.temp_files import sweep_stale

if TYPE_CHECKING:
    from sqlite_utils import Database

T = TypeVar("T")
MEMORY = ":memory:"
YOY_PLACES = "yoy_places"
FONT_SET = "font_set"
FONT_SETS = ("government", "windows")


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def schema_version() -> int:
    """Our ``user_version``: the number of schema migrations this program knows."""
    return migrations.COUNT


def _reads(method: Callable[..., T]) -> Callable[..., T]:
    """Run a query method under ``Store.read`` (file trouble becomes a StorageError)."""

    @functools.wraps(method)
    def guarded(self: Store, *args: object, **kwargs: object) -> T:
        with self.read():
            return method(self, *args, **kwargs)

    return guarded


@dataclass(frozen=True)
class Generation:
    """Which state of the file a copy in memory was read from: it is still the file's state while
    the generation is the same (``Store.generation``)."""

    opened: int  # which opening of the file (a restore reopens it)
    version: int  # PRAGMA data_version: moves when another connection (window, program) commits
    commits: int  # transactions this Store committed itself


class ChangeConflict(UserError):
    """The file no longer holds what a change replaces: another window or program wrote it."""

    def __init__(self, spec: FormSpec, key: CellKey | None) -> None:
        where = f"{spec.label}的这一行" if key is None else f"{spec.label}的这个单元格"
        super().__init__(f"{where}已被另一个窗口或程序修改，本次操作未保存；表格已刷新为文件中的最新内容")
        self.form = spec.key


class Store:
    def __init__(
        self,
        path: Path | str,
        *,
        create: bool = True,
        forms: tuple[FormSpec, ...] = FORMS,
        template: Template = TEMPLATE,
    ) -> None:
        """Open the SQLite file at ``path`` (":memory:" for none), migrating it as needed.

        ``create=False`` (export, audit) refuses a missing file instead of making an empty one.
        A foreign or newer file is refused untouched; a damaged one names its newest backup."""
        in_memory = str(path) == MEMORY
        if not in_memory:
            # SQLite's -journal beside it must fit too; a symlink is followed, as sqlite3 does.
            check_path(Path(path), "无法打开数据库", reserve=len("-journal"))
            path = real_path(Path(path))
        self.path = Path(path)
        self.forms = forms
        self.template = template
        self.commits = 0  # transactions committed through this Store (see ``generation``)
        self.opened = 0  # reopen() counts: a new connection starts its data_version afresh
        # The generations just before and just after the last transaction ``write`` committed.
        self.last_write: tuple[Generation, Generation] | None = None
        if not in_memory:
            self._check_file(create)
        try:
            with self._guard("打开"):
                conn = self.conn = connect(":memory:" if in_memory else self.path)
                self._db: Database | None = None
                try:
                    self._prepare(fresh=in_memory)
                except BaseException:
                    conn.close()
                    raise
        except DamagedDatabase as exc:
            if exc.backup is not None or in_memory:
                raise
            newest = backup.backups(self.path)
            raise DamagedDatabase(f"数据库 {self.path} 已损坏", newest[0] if newest else None) from exc
        if not in_memory:  # what a killed backup or restore left beside the file
            sweep_stale(self.path.parent, legacy=True)
            sweep_stale(backup.folder(self.path), legacy=True)

    def _check_file(self, create: bool) -> None:
        kind = file_kind(self.path, "无法打开数据库")  # a FIFO or device is refused before it is opened
        if kind is None:
            if not create:
                raise StorageError(f"找不到数据库文件：{self.path}")
            if not self.path.parent.is_dir():
                raise StorageError(f"数据库所在文件夹不存在：{self.path.parent}")
            return
        if kind == FOLDER:
            raise StorageError(f"{self.path} 是一个文件夹，不是数据库文件")
        if self.path.stat().st_size == 0:
            return
        header = read_header(self.path)
        if not header.is_sqlite or header.application_id not in (0, APPLICATION_ID):
            raise self._not_ours()
        if header.user_version > schema_version():
            raise NewerDatabase(
                f"数据库 {self.path} 由较新版本的填报助手创建（数据版本 {header.user_version}，"
                f"本程序只认识到版本 {schema_version()}），请使用新版本的填报助手打开"
            )

    def _not_ours(self) -> StorageError:
        newest = backup.backups(self.path)
        if newest:
            return DamagedDatabase(f"{self.path} 不是可用的填报助手数据库（已损坏或被其他文件覆盖）", newest[0])
        return NotOurDatabase(f"{self.path} 不是填报助手的数据库，未做任何改动")

    @property
    def db(self) -> Database:
        """sqlite-utils over the same connection, imported on first use: opening a file and the
        reads a window makes at start go through ``conn`` alone (see storage/migrations.py)."""
        if self._db is None or self._db.conn is not self.conn:
            from sqlite_utils import Database

            self._db = Database(self.conn)
        return self._db

    def _prepare(self, *, fresh: bool) -> None:
        conn = self.conn
        tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if not fresh and tables and app_id != APPLICATION_ID and not self._legacy(tables):
            raise self._not_ours()
        if tables and not quick_check(conn):
            raise DamagedDatabase(f"数据库 {self.path} 已损坏", None)  # __init__ names the newest backup
        # Our stamp is written only after every migration ran: a stamped file of this version needs none.
        if (app_id != APPLICATION_ID or version != schema_version()) and migrations.migration_set().pending(self.db):
            if tables and not fresh:
                backup.rolling_backup(conn, self.path, "before-upgrade")
            with self.write():
                migrations.migration_set().apply(self.db)
        if templates.pending(conn, self.template):  # renamed field keys of an older template
            if tables and not fresh and templates.stored_version(conn) is not None:
                backup.rolling_backup(conn, self.path, "before-upgrade")
            with self.write():
                templates.upgrade(conn, self.template)
        if app_id != APPLICATION_ID or version != schema_version():
            stamp(conn, schema_version())

    def _legacy(self, tables: set[str]) -> bool:
        # Databases of the first releases had no application_id: recognise them by their migrations.
        if "_sqlite_migrations" not in tables:
            return False
        rows = self.conn.execute("select count(*) from _sqlite_migrations where migration_set = ?", [migrations.NAME])
        return rows.fetchone()[0] > 0

    @classmethod
    def memory(cls) -> Store:
        """An in-memory store for tests that do not care about the file."""
        return cls(MEMORY)

    @property
    def in_memory(self) -> bool:
        return str(self.path) == MEMORY

    def close(self) -> None:
        self.conn.close()

    def reopen(self) -> None:
        """Open the file again, with every check (after a restore replaced it)."""
        self.conn = Store(self.path, create=False, forms=self.forms).conn
        self.opened += 1

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

    def update(self, table: str, where: dict[str, object], changes: dict[str, object]) -> None:
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

    def backup(self, reason: str, target: Path | None = None) -> Path:
        """A copy of the database: at ``target``, or an automatic one among the last ten."""
        if self.in_memory:
            raise StorageError("内存数据库没有备份")
        if target is not None:
            self._check_backup_target(Path(target))
            return backup.copy_database(self.conn, Path(target))
        return backup.rolling_backup(self.conn, self.path, reason)

    def _check_backup_target(self, target: Path) -> None:
        exists = require_file(target, "不能备份到")  # long names, FIFOs and devices first: stat, never open
        resolved = real_path(target)
        ours = {self.path, *(Path(f"{self.path}{end}") for end in ("-journal", "-wal", ".lock"))}
        if resolved in ours:
            raise StorageError(f"不能备份到 {target}：这是正在使用的数据库文件，请换一个文件名")
        if exists and not read_header(resolved).is_sqlite:
            raise StorageError(f"不能备份到 {target}：该文件已存在且不是数据库备份，请换一个文件名")

    # --- reports ---------------------------------------------------------------

    def reports(self) -> list[Report]:
        with self.read():
            return [_report(row) for row in self.rows("select * from reports order by year desc, unit")]

    def find_report(self, unit: str, year: int) -> Report | None:
        with self.read():
            rows = self.rows("select * from reports where unit = ? and year = ?", [unit, year])
        return _report(rows[0]) if rows else None

    def require_report(self, unit: str, year: int) -> Report:
        """The report of (unit, year), or a UserError naming the reports the file does hold."""
        report = self.find_report(unit, year)
        if report is None:
            known = "、".join(r.name for r in self.reports()) or "无"
            raise UserError(f"找不到报表：{unit} {year}年（数据库中已有：{known}）")
        return report

    def report(self, report_id: int) -> Report:
        with self.read():
            rows = self.rows("select * from reports where id = ?", [report_id])
        if not rows:
            raise KeyError(report_id)
        return _report(rows[0])

    def create_report(
        self, unit: str, year: int, *, filler: str = "", contact_person: str = "", contact_phone: str = ""
    ) -> Report:
        unit = clean_limited(unit, "单位名称", UNIT_MAX)
        filler = clean_limited(filler, "填报单位", UNIT_MAX)
        contact_person = clean_limited(contact_person, "联系人", LINE_MAX)
        contact_phone = clean_limited(contact_phone, "联系方式", LINE_MAX)
        if not unit:
            raise UserError("请填写单位名称")
        if not 2000 <= year <= 2100:
            raise UserError(f"年度 {year} 不在 2000–2100 之间")
        if self.find_report(unit, year) is not None:
            raise UserError(f"{unit} {year}年的报表已存在")
        with self.write():
            db = self.db
            now = _now()
            report_id = (
                db["reports"]
                .insert(
                    {
                        "unit": unit,
                        "year": year,
                        "filler": filler.strip() or unit,
                        "contact_person": contact_person.strip(),
                        "contact_phone": contact_phone.strip(),
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                .last_pk
            )
            for spec in self.forms:
                if spec.rows is RowStyle.LIST:
                    for position in range(spec.min_rows):
                        db["form_rows"].insert(
                            {"report_id": report_id, "form": spec.key, "row": f"r{position + 1}", "position": position}
                        )
            report = self.report(int(report_id))
            self._follow_filler(report, old=None)
            ReportTexts(self).reset(report, "enforcement")
            self.fill_previous_year(report)
        return report

    def update_contact(
        self, report_id: int, *, filler: str, contact_person: str, contact_phone: str, follow: bool = True
    ) -> Report:
        filler = clean_limited(filler, "填报单位", UNIT_MAX)
        contact_person = clean_limited(contact_person, "联系人", LINE_MAX)
        contact_phone = clean_limited(contact_phone, "联系方式", LINE_MAX)
        with self.write():
            before = self.report(report_id)
            self.conn.execute(
                "update reports set filler=?, contact_person=?, contact_phone=?, updated_at=? where id=?",
                [filler.strip(), contact_person.strip(), contact_phone.strip(), _now(), report_id],
            )
            if follow:
                self._follow_filler(self.report(report_id), old=before.filler or before.unit)
        return self.report(report_id)

    def _follow_filler(self, report: Report, old: str | None) -> None:
        """Cells whose field starts as the 填报单位 (附件2's 行政执法单位名称) take the new one, unless
        the clerk typed something else there; ``old`` None: the report is new."""
        new = report.filler or report.unit
        for spec in self.forms:
            for f in spec.fields():
                if f.default != FILLER:
                    continue
                key = CellKey(MAIN_ROW, f.key)
                stored = self._stored(report.id, spec, key)
                if stored is None or (old is not None and stored == old):
                    self._write_cells(report.id, spec, {key: new})

    def import_forms(
        self,
        unit: str,
        year: int,
        forms: dict[str, tuple[list[str], Cells]],
        *,
        filler: str = "",
        contact_person: str = "",
        contact_phone: str = "",
    ) -> tuple[Report, dict[str, dict[CellKey, Stored]] | None]:
        """An imported workbook, in one transaction: (unit, year) gets exactly these forms' rows and
        values (a form the file does not carry is kept as it was, and so are a blank 填报单位 and a
        blank contact line). Returns the report and, when it
        existed, the replaced forms' previous values (None for a new report)."""
        with self.write():
            report = self.find_report(unit, year)
            previous: dict[str, dict[CellKey, Stored]] | None = None
            if report is None:
                report = self.create_report(
                    unit, year, filler=filler, contact_person=contact_person, contact_phone=contact_phone
                )
            else:
                previous = {key: dict(self.form_data(report, self._spec(key)).values) for key in forms}
                # What the file does not carry stays: a blank 填报单位, a blank contact line (name and
                # phone are one line on the form, replaced or kept together).
                if not (contact_person or contact_phone):
                    contact_person, contact_phone = report.contact_person, report.contact_phone
                lines = (filler or report.filler, contact_person, contact_phone)
                if lines != (report.filler, report.contact_person, report.contact_phone):
                    report = self.update_contact(
                        report.id, filler=lines[0], contact_person=lines[1], contact_phone=lines[2], follow=False
                    )  # the forms the file does not carry stay exactly as they were
            now = _now()
            for key, (rows, values) in forms.items():
                spec = self._spec(key)
                self.conn.execute("delete from cells where report_id=? and form=?", [report.id, key])
                self.conn.execute("delete from form_rows where report_id=? and form=?", [report.id, key])
                if spec.rows is RowStyle.LIST:
                    self.conn.executemany(
                        "insert into form_rows (report_id, form, row, position) values (?, ?, ?, ?)",
                        [(report.id, key, row, position) for position, row in enumerate(rows)],
                    )
                self.conn.executemany(
                    "insert into cells (report_id, form, row, field, period, value, updated_at)"
                    " values (?, ?, ?, ?, ?, ?, ?)",
                    [
                        (report.id, key, k.row, k.field, k.period, vk.encode(v), now)
                        for k, v in values.items()
                        if v is not None
                    ],
                )
            self.conn.execute("update reports set updated_at=? where id=?", [now, report.id])
        return report, previous

    # --- last year's figures (issue 12) ------------------------------------------------

    def previous_year_figures(self, report: Report) -> dict[str, dict[str, Stored]] | None:
        """The same unit's (Y−1) report as filed: form key → {paired field key: its year-(Y−1)
        figure}; None when the database has no such report. What the (Y−1) columns start from
        and what the audit compares them with (``forms.audit``, code PREVIOUS_YEAR)."""
        last = self.find_report(report.unit, report.year - 1)
        if last is None:
            return None
        figures: dict[str, dict[str, Stored]] = {}
        for spec in self.forms:
            if spec.rows is not RowStyle.COMPARISON:
                continue
            values = self.form_data(last, spec).values
            figures[spec.key] = {f.key: values.get(CellKey(MAIN_ROW, f.key, last.year)) for f in spec.paired_fields()}
        return figures

    def fill_previous_year(self, report: Report) -> int:
        """Fill the blank (Y−1) cells of ``report`` from last year's report; returns how many.
        Called when a report is created, so nobody retypes last year's figures."""
        figures = self.previous_year_figures(report)
        if not figures:
            return 0
        filled = 0
        with self.write():
            for spec in self.forms:
                current = self.form_data(report, spec).values if spec.key in figures else {}
                items = {
                    CellKey(MAIN_ROW, key, report.year - 1): value
                    for key, value in figures.get(spec.key, {}).items()
                    if value is not None and current.get(CellKey(MAIN_ROW, key, report.year - 1)) is None
                }
                if items:
                    self._write_cells(report.id, spec, items)
                    filled += len(items)
        return filled

    # --- the city's 汇总 (issue 12) ------------------------------------------------------

    def aggregate_members(self, city: str, year: int) -> list[str]:
        """The units the (city, year) 汇总 was last built from; [] when it is not a 汇总."""
        return json.loads(self.setting(f"aggregate_units:{year}:{city}", "[]"))

    def set_aggregate_members(self, city: str, year: int, units: list[str]) -> None:
        self.set_setting(f"aggregate_units:{year}:{city}", json.dumps(units, ensure_ascii=False))

    # --- cells ------------------------------------------------------------------

    def set_value(self, report_id: int, spec: FormSpec, key: CellKey, value: Stored) -> None:
        """Store one value (None clears it), whatever was there. Committed when this returns."""
        self.set_values(report_id, spec, {key: value})

    def set_values(self, report_id: int, spec: FormSpec, items: dict[CellKey, Stored]) -> None:
        """Several values in one transaction (the sample, an import); the window uses ``apply``."""
        with self.write():
            self._write_cells(report_id, spec, items)
            self.conn.execute("update reports set updated_at=? where id=?", [_now(), report_id])

    @_reads
    def form_data(self, report: Report, spec: FormSpec) -> FormData:
        stored_rows = [
            row["row"]
            for row in self.rows(
                "select row from form_rows where report_id=? and form=? order by position", [report.id, spec.key]
            )
        ]
        data = FormData(spec, FormData.row_keys(spec, stored_rows))
        for row in self.rows(
            "select row, field, period, value from cells where report_id=? and form=?", [report.id, spec.key]
        ):
            kind = Kind.TEXT if row["row"] == REASON_ROW else _kind(spec, row["field"])
            if kind is None:
                continue  # a field a later template dropped: kept in the file, not shown
            data.values[CellKey(row["row"], row["field"], row["period"])] = kind.decode(row["value"])
        return data

    @_reads
    def report_data(self, report: Report, *, with_text: bool = True, kind: str | None = None) -> ReportData:
        """``kind``: which of the report's texts (forms.outline); None is the one open in the window."""
        text = ReportTexts(self).get(report, kind) if with_text else None
        return ReportData(report, [self.form_data(report, spec) for spec in self.forms], self.yoy_places(), text)

    # --- changes ----------------------------------------------------------------

    def apply(self, report_id: int, change: Change) -> Touched:
        """Apply a clerk's change in one transaction, or refuse it whole.

        A change carries what it replaces; when the file holds something else (another window
        or program wrote in between) it raises ``ChangeConflict`` and nothing is written."""
        spec = self._spec(change.form)
        with self.write():
            self._apply(report_id, spec, change)
            self.conn.execute("update reports set updated_at=? where id=?", [_now(), report_id])
        return change.touched()

    def _apply(self, report_id: int, spec: FormSpec, change: Change) -> None:
        if isinstance(change, Batch):
            for part in change.parts:
                self._apply(report_id, spec, part)
        elif isinstance(change, SetCells):
            for key, expected in change.before.items():
                if self._stored(report_id, spec, key) != expected:
                    raise ChangeConflict(spec, key)
            self._write_cells(report_id, spec, change.after)
        elif isinstance(change, InsertRow):
            if self._has_row(report_id, spec, change.row):  # by its key, not a read of all rows
                raise ChangeConflict(spec, None)
            self._insert_row(report_id, spec, change.row, change.position)
            self._write_cells(report_id, spec, change.values)
        elif isinstance(change, RemoveRow):
            if change.row not in self._row_keys(report_id, spec) or self._row_values(
                report_id, spec, change.row
            ) != dict(change.values):
                raise ChangeConflict(spec, None)
            self._delete_row(report_id, spec, change.row)
        else:  # pragma: no cover - a new change kind must be taught here
            raise TypeError(f"unknown change {change!r}")

    def _spec(self, form_key: str) -> FormSpec:
        for spec in self.forms:
            if spec.key == form_key:
                return spec
        raise KeyError(form_key)

    def _stored(self, report_id: int, spec: FormSpec, key: CellKey) -> Stored:
        row = self.conn.execute(
            "select value from cells where report_id=? and form=? and row=? and field=? and period=?",
            [report_id, spec.key, key.row, key.field, key.period],
        ).fetchone()
        kind = Kind.TEXT if key.row == REASON_ROW else _kind(spec, key.field)
        return None if row is None or kind is None else kind.decode(row[0])

    def _row_values(self, report_id: int, spec: FormSpec, row: str) -> dict[CellKey, Stored]:
        found = self.conn.execute(
            "select field, period from cells where report_id=? and form=? and row=?", [report_id, spec.key, row]
        ).fetchall()
        # Fields a later template dropped are kept in the file but not shown: not part of the row here either.
        return {
            CellKey(row, f, p): self._stored(report_id, spec, CellKey(row, f, p))
            for f, p in found
            if _kind(spec, f) is not None
        }

    def _has_row(self, report_id: int, spec: FormSpec, row: str) -> bool:
        found = self.conn.execute(
            "select 1 from form_rows where report_id=? and form=? and row=?", [report_id, spec.key, row]
        )
        return found.fetchone() is not None

    def _row_keys(self, report_id: int, spec: FormSpec) -> list[str]:
        rows = self.conn.execute(
            "select row from form_rows where report_id=? and form=? order by position", [report_id, spec.key]
        )
        return [r[0] for r in rows.fetchall()]

    def _write_cells(self, report_id: int, spec: FormSpec, values: Cells) -> None:
        now = _now()
        for key, value in values.items():
            pk = [report_id, spec.key, key.row, key.field, key.period]
            stored = vk.encode(value)
            if stored is None:
                self.conn.execute(
                    "delete from cells where report_id=? and form=? and row=? and field=? and period=?", pk
                )
            else:
                self.conn.execute(
                    "insert or replace into cells (report_id, form, row, field, period, value, updated_at)"
                    " values (?, ?, ?, ?, ?, ?, ?)",
                    [*pk, stored, now],
                )

    def _insert_row(self, report_id: int, spec: FormSpec, row: str, position: int) -> None:
        # Counted, not read: a paste of a thousand rows inserts them one after another.
        count = self.conn.execute(
            "select count(*) from form_rows where report_id=? and form=?", [report_id, spec.key]
        ).fetchone()[0]
        position = max(0, min(position, count))
        self.conn.execute(
            "update form_rows set position = position + 1 where report_id=? and form=? and position >= ?",
            [report_id, spec.key, position],
        )
        self.conn.execute(
            "insert into form_rows (report_id, form, row, position) values (?, ?, ?, ?)",
            [report_id, spec.key, row, position],
        )

    def _delete_row(self, report_id: int, spec: FormSpec, row: str) -> None:
        self.conn.execute("delete from cells where report_id=? and form=? and row=?", [report_id, spec.key, row])
        self.conn.execute("delete from form_rows where report_id=? and form=? and row=?", [report_id, spec.key, row])
        for position, key in enumerate(self._row_keys(report_id, spec)):
            self.conn.execute(
                "update form_rows set position=? where report_id=? and form=? and row=?",
                [position, report_id, spec.key, key],
            )

    def new_row_key(self, report_id: int, spec: FormSpec) -> str:
        """A row key never used in this form of this report (r1, r2, …)."""
        with self.read():
            numbers = [int(r[1:]) for r in self._row_keys(report_id, spec) if r[1:].isdigit()]
            used = self.conn.execute(
                "select distinct row from cells where report_id=? and form=?", [report_id, spec.key]
            ).fetchall()
        numbers += [int(r[0][1:]) for r in used if r[0][1:].isdigit()]
        return f"r{max(numbers, default=0) + 1}"

    # --- LIST rows ----------------------------------------------------------------

    def add_row(self, report_id: int, spec: FormSpec, position: int | None = None) -> str:
        """Insert a blank row at ``position`` (default: at the end); returns its key."""
        key = self.new_row_key(report_id, spec)
        with self.write():
            self._insert_row(
                report_id, spec, key, len(self._row_keys(report_id, spec)) if position is None else position
            )
        return key

    def remove_row(self, report_id: int, spec: FormSpec, row: str) -> None:
        with self.write():
            self._delete_row(report_id, spec, row)

    # --- settings ---------------------------------------------------------------

    def setting(self, key: str, default: str) -> str:
        with self.read():
            row = self.conn.execute("select value from settings where key=?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.write():
            put_setting(self.conn, key, value)

    def yoy_places(self) -> int:
        return int(self.setting(YOY_PLACES, str(DEFAULT_PLACES)))

    def set_yoy_places(self, places: int) -> None:
        if places not in ALLOWED_PLACES:
            raise UserError("同比增减只能保留 0、1 或 2 位小数")
        self.set_setting(YOY_PLACES, str(places))

    def font_set(self) -> str:
        """Which font names the Word report asks for: "government" (仿宋_GB2312 …) or "windows"."""
        return self.setting(FONT_SET, FONT_SETS[0])

    def set_font_set(self, name: str) -> None:
        if name not in FONT_SETS:
            raise UserError(f"未知字体方案：{name}")
        self.set_setting(FONT_SET, name)


def read_back(spec: FormSpec, key: CellKey, value: Stored) -> Stored:
    """What ``Store.form_data`` reads for ``value`` once written under ``key`` (a money amount in
    its stored form, a non-canonical text as ``Invalid``); None when it shows nothing."""
    kind = Kind.TEXT if key.row == REASON_ROW else _kind(spec, key.field)
    stored = vk.encode(value)
    return None if kind is None or stored is None else kind.decode(stored)


def _kind(spec: FormSpec, field_key: str) -> ValueKind | None:
    try:
        return spec.field(field_key).kind
    except KeyError:
        return None


def _report(row: dict) -> Report:
    return Report(
        id=row["id"],
        unit=row["unit"],
        year=row["year"],
        filler=row["filler"] or "",
        contact_person=row["contact_person"] or "",
        contact_phone=row["contact_phone"] or "",
    )
