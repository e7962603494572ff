"""The tables' cells and rows in SQLite, and the one way to change them: ``apply(Change)``.

A change carries what it replaces and is refused whole (``ChangeConflict``) when the file holds
something else; every write of cells goes through it, blind conveniences included (they read
what is stored first, in the same transaction).
"""

from __future__ import annotations

from collections.abc import Iterable

from forms import kinds as vk
from forms.changes import Batch, Cells, Change, InsertRow, RemoveRow, SetCells, Touched
from forms.errors import UserError
from forms.kinds import Kind, Stored, ValueKind
from forms.report import REASON_ROW, CellKey, FormData, Report
from forms.spec import FormSpec, RowStyle
from forms.value_log import Origin, cell_moves, replaced
from storage import templates, value_log
from storage.connection import Database, now, reads


class ChangeConflict(UserError):
    """The file no longer holds what a change replaces: another window or program wrote it."""

    def __init__(self, spec: FormSpec, key: CellKey | None) -> None:
        where = f"{spec.label}的这一行" if key is None else f"{spec.label}的这个单元格"
        super().__init__(f"{where}已被另一个窗口或程序修改，本次操作未保存；表格已刷新为文件中的最新内容")
        self.form = spec.key


# --- reading ------------------------------------------------------------------------


@reads
def form_data(db: Database, report: Report, spec: FormSpec) -> FormData:
    data = FormData(spec, FormData.row_keys(spec, row_keys(db, report.id, spec)))
    found = db.conn.execute(
        "select row, field, period, value from cells where report_id=? and form=?", [report.id, spec.key]
    )
    for row, field, period, value in found.fetchall():
        kind = _kind_at(spec, row, field)
        if kind is None:
            continue  # a field a later template dropped: kept in the file, not shown
        data.values[CellKey(row, field, period)] = kind.decode(value)
    return data


def read_back(spec: FormSpec, key: CellKey, value: Stored) -> Stored:
    """What ``form_data`` reads for ``value`` once written under ``key`` (a money amount in
    its stored form, a non-canonical text as ``Invalid``); None when it shows nothing."""
    kind = _kind_at(spec, key.row, key.field)
    stored = vk.encode(value)
    return None if kind is None or stored is None else kind.decode(stored)


def written_form(spec: FormSpec, rows: list[str], values: Cells) -> FormData:
    """What ``form_data`` reads of a form ``replace_forms`` has just written with ``rows`` and ``values``,
    without reading it (the import's audit)."""
    data = FormData(spec, FormData.row_keys(spec, list(rows)))
    for key, value in values.items():
        back = read_back(spec, key, value)
        if back is not None:
            data.values[key] = back
    return data


def stored(db: Database, report_id: int, spec: FormSpec, key: CellKey) -> Stored:
    """One cell as the file holds it (call under a read or write)."""
    row = db.conn.execute(
        "select value from cells where report_id=? and form=? and row=? and field=? and period=?",
        [report_id, spec.key, key.row, key.field, key.period],
    ).fetchone()
    kind = _kind_at(spec, key.row, key.field)
    return None if row is None or kind is None else kind.decode(row[0])


def row_keys(db: Database, report_id: int, spec: FormSpec) -> list[str]:
    found = db.conn.execute(
        "select row from form_rows where report_id=? and form=? order by position", [report_id, spec.key]
    )
    return [str(r[0]) for r in found.fetchall()]


def new_row_key(db: Database, report_id: int, spec: FormSpec) -> str:
    """A row key never used in this form of this report (r1, r2, …)."""
    with db.read():
        numbers = [int(r[1:]) for r in row_keys(db, report_id, spec) if r[1:].isdigit()]
        used = db.conn.execute(
            "select distinct row from cells where report_id=? and form=?", [report_id, spec.key]
        ).fetchall()
    numbers += [int(r[0][1:]) for r in used if r[0][1:].isdigit()]
    return f"r{max(numbers, default=0) + 1}"


def _kind_at(spec: FormSpec, row: str, field_key: str) -> ValueKind | None:
    return Kind.TEXT if row == REASON_ROW else _field_kind(spec, field_key)


def _field_kind(spec: FormSpec, field_key: str) -> ValueKind | None:
    try:
        return spec.field(field_key).kind
    except KeyError:
        return None


def _row_values(db: Database, report_id: int, spec: FormSpec, row: str) -> dict[CellKey, Stored]:
    found = db.conn.execute(
        "select field, period from cells where report_id=? and form=? and row=?", [report_id, spec.key, row]
    ).fetchall()
    # Fields a later template dropped are kept in the file but not shown: not part of the row here either.
    keys = [CellKey(row, f, p) for f, p in found if _field_kind(spec, f) is not None]
    return {key: stored(db, report_id, spec, key) for key in keys}


# --- the one write path ---------------------------------------------------------------


def apply(db: Database, report_id: int, change: Change, origin: Origin = Origin.WRITTEN) -> Touched:
    """Apply a clerk's change in one transaction, or refuse it whole; each cell it moves is logged
    with ``origin`` (storage/value_log.py).

    A change carries what it replaces; when the file holds something else (another window
    or program wrote in between) it raises ``ChangeConflict`` and nothing is written."""
    spec = templates.spec_of(db, report_id, change.form)
    with db.write():
        apply_within(db, report_id, spec, change, origin)
        db.conn.execute("update reports set updated_at=? where id=?", [now(), report_id])
    return change.touched()


def apply_within(db: Database, report_id: int, spec: FormSpec, change: Change, origin: Origin) -> None:
    """``apply`` inside a transaction the caller holds, leaving the report's time stamp."""
    _apply_part(db, report_id, spec, change)
    value_log.record(db, report_id, spec.key, cell_moves(change), origin)


def _apply_part(db: Database, report_id: int, spec: FormSpec, change: Change) -> None:
    if isinstance(change, Batch):
        for part in change.parts:
            _apply_part(db, report_id, spec, part)
    elif isinstance(change, SetCells):
        for key, expected in change.before.items():
            if stored(db, report_id, spec, key) != expected:
                raise ChangeConflict(spec, key)
        _write_cells(db, report_id, spec, change.after)
    elif isinstance(change, InsertRow):
        if _has_row(db, report_id, spec, change.row):  # by its key, not a read of all rows
            raise ChangeConflict(spec, None)
        _insert_row(db, report_id, spec, change.row, change.position)
        _write_cells(db, report_id, spec, change.values)
    elif isinstance(change, RemoveRow):
        if change.row not in row_keys(db, report_id, spec):
            raise ChangeConflict(spec, None)
        if _row_values(db, report_id, spec, change.row) != dict(change.values):
            raise ChangeConflict(spec, None)
        _delete_row(db, report_id, spec, change.row)
    else:  # pragma: no cover - a new change kind must be taught here
        raise TypeError(f"unknown change {change!r}")


def overwrite(db: Database, report_id: int, spec: FormSpec, items: Cells) -> SetCells:
    """A change that puts ``items`` in place of whatever is stored now (call under a write)."""
    before = {key: stored(db, report_id, spec, key) for key in items}
    return SetCells(spec.key, before, dict(items), "写入")


def removal(db: Database, report_id: int, spec: FormSpec, row: str) -> RemoveRow:
    """A change that removes ``row`` with what it holds now (call under a read or write)."""
    rows = row_keys(db, report_id, spec)
    position = rows.index(row) if row in rows else len(rows)
    return RemoveRow(spec.key, row, position, "删除行", _row_values(db, report_id, spec, row))


def replace_forms(
    db: Database,
    report_id: int,
    forms: Iterable[tuple[FormSpec, list[str], Cells]],
    before: dict[str, dict[CellKey, Stored]],
    origin: Origin,
    source: str = "",
) -> None:
    """An imported workbook's tables in place of the stored ones, whole (call under a write):
    the file's rows and values are what the workbook holds, nothing is compared. ``before``: each
    form's values as stored (none for a new report), so that each cell it changes is logged."""
    stamp = now()
    for spec, rows, values in forms:
        value_log.record(db, report_id, spec.key, replaced(before.get(spec.key, {}), dict(values)), origin, source)
        db.conn.execute("delete from cells where report_id=? and form=?", [report_id, spec.key])
        db.conn.execute("delete from form_rows where report_id=? and form=?", [report_id, spec.key])
        if spec.rows is RowStyle.LIST:
            db.conn.executemany(
                "insert into form_rows (report_id, form, row, position) values (?, ?, ?, ?)",
                [(report_id, spec.key, row, position) for position, row in enumerate(rows)],
            )
        db.conn.executemany(
            "insert into cells (report_id, form, row, field, period, value, updated_at) values (?, ?, ?, ?, ?, ?, ?)",
            [
                (report_id, spec.key, k.row, k.field, k.period, vk.encode(v), stamp)
                for k, v in values.items()
                if v is not None
            ],
        )


def _has_row(db: Database, report_id: int, spec: FormSpec, row: str) -> bool:
    found = db.conn.execute(
        "select 1 from form_rows where report_id=? and form=? and row=?", [report_id, spec.key, row]
    )
    return found.fetchone() is not None


def _write_cells(db: Database, report_id: int, spec: FormSpec, values: Cells) -> None:
    stamp = now()
    for key, value in values.items():
        pk = [report_id, spec.key, key.row, key.field, key.period]
        encoded = vk.encode(value)
        if encoded is None:
            db.conn.execute("delete from cells where report_id=? and form=? and row=? and field=? and period=?", pk)
        else:
            db.conn.execute(
                "insert or replace into cells (report_id, form, row, field, period, value, updated_at)"
                " values (?, ?, ?, ?, ?, ?, ?)",
                [*pk, encoded, stamp],
            )


def _insert_row(db: Database, report_id: int, spec: FormSpec, row: str, position: int) -> None:
    # Counted, not read: a paste of a thousand rows inserts them one after another.
    count = db.conn.execute(
        "select count(*) from form_rows where report_id=? and form=?", [report_id, spec.key]
    ).fetchone()[0]
    position = max(0, min(position, count))
    db.conn.execute(
        "update form_rows set position = position + 1 where report_id=? and form=? and position >= ?",
        [report_id, spec.key, position],
    )
    db.conn.execute(
        "insert into form_rows (report_id, form, row, position) values (?, ?, ?, ?)",
        [report_id, spec.key, row, position],
    )


def _delete_row(db: Database, report_id: int, spec: FormSpec, row: str) -> None:
    db.conn.execute("delete from cells where report_id=? and form=? and row=?", [report_id, spec.key, row])
    db.conn.execute("delete from form_rows where report_id=? and form=? and row=?", [report_id, spec.key, row])
    for position, key in enumerate(row_keys(db, report_id, spec)):
        db.conn.execute(
            "update form_rows set position=? where report_id=? and form=? and row=?",
            [position, report_id, spec.key, key],
        )
