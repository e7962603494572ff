"""Every figure's history in the database file (table ``value_log``, migration m007).

Written in the transaction of the change it records (storage/cells.py: ``apply`` and an import's
``replace_forms``), so the log holds exactly what the file went through: a refused change leaves
no entry, a restore brings the backup's log. What an entry means is forms/value_log.py's.
"""

from __future__ import annotations

from collections.abc import Iterable

from forms import kinds as vk
from forms.errors import UserError
from forms.kinds import Stored
from forms.report import REASON_ROW, CellKey, Report
from forms.spec import FormSpec
from forms.value_log import Entry, Origin
from storage import templates
from storage.connection import Database, now

Moves = Iterable[tuple[CellKey, Stored, Stored]]


def record(db: Database, report_id: int, form: str, moves: Moves, origin: Origin, source: str = "") -> None:
    """One entry per moved cell (call under the write that moves them)."""
    stamp = now()
    db.conn.executemany(
        "insert into value_log (report_id, form, row, field, period, before, after, at, origin, source)"
        " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (report_id, form, k.row, k.field, k.period, vk.encode(old), vk.encode(new), stamp, origin.value, source)
            for k, old, new in moves
        ],
    )


def entries(
    db: Database, report: Report, *, form: str | None = None, field: str | None = None, key: CellKey | None = None
) -> list[Entry]:
    """The report's history, oldest first; only one form's, one field's (of any form) or, with
    ``form``, one cell's, when asked."""
    query = "select form, row, field, period, before, after, at, origin, source from value_log where report_id=?"
    args: list[object] = [report.id]
    if form is not None:
        query, args = query + " and form=?", [*args, form]
    if key is not None:
        query, args = query + " and row=? and field=? and period=?", [*args, key.row, key.field, key.period]
    elif field is not None:
        query, args = query + " and field=?", [*args, field]
    with db.read():
        found = db.conn.execute(query + " order by id", args).fetchall()
        specs = {spec.key: spec for spec in templates.forms_of(db, report)}
    return [
        Entry(
            at,
            key_form,
            key := CellKey(row, key_field, period),
            _decode(specs.get(key_form), key, before),
            _decode(specs.get(key_form), key, after),
            Origin(origin),
            source or "",
        )
        for key_form, row, key_field, period, before, after, at, origin, source in found
    ]


def _decode(spec: FormSpec | None, key: CellKey, text: str | None) -> Stored:
    if text is None:
        return None
    if key.row == REASON_ROW or spec is None:
        return text
    try:
        return spec.field(key.field).kind.decode(text)
    except KeyError:  # a field a later template dropped: its text as stored
        return text


def history_lines(db: Database, report: Report, field: str | None = None) -> list[str]:
    """The history as the command line prints it; ``field`` is a field key, alone (every form's) or
    after its form (a2.penalty). A key the report's template does not know is refused."""
    form, _, key = field.rpartition(".") if field else ("", "", None)
    specs = {spec.key: spec for spec in templates.forms_of(db, report)}
    if key is not None and not any(
        any(f.key == key for f in spec.fields()) for k, spec in specs.items() if form in ("", k)
    ):
        raise UserError(f"{report.name}的表样（{report.template}）中没有“{field}”这一项")
    found = entries(db, report, form=form or None, field=key)
    return [entry.line(specs.get(entry.form)) for entry in found]
