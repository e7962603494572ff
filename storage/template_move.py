"""Moving a report to another template: an explicit step (``main.py template move``), never done on
the way in. A backup first (kept like the one before an upgrade: the way back is 从备份恢复), then in
one transaction the report's cells follow the key changes from its template to the target — a
renamed field's cells move, both years and its 原因简析; a dropped field's stay in the file, unshown
— and the report records the target."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from forms.errors import UserError
from forms.report import Report
from forms.spec import RowStyle
from forms.template import KeyChange, Template, version_key
from forms.template_moves import chain
from storage import backup, templates
from storage.connection import Database, now
from storage.reports import get

BACKUP_REASON = "before-template-move"


@dataclass(frozen=True)
class Moved:
    report: Report
    changes: tuple[KeyChange, ...]  # what was applied, oldest first
    backup: Path | None  # None for a database in memory

    def line(self) -> str:
        r = self.report
        renamed = sum(c.new is not None for c in self.changes)
        dropped = len(self.changes) - renamed
        return f"已把 {r.name}的报表换到表样 {r.template}（改名的字段 {renamed} 个，不再显示的字段 {dropped} 个）"


def key_changes(db: Database, source: Template, target: Template) -> list[KeyChange]:
    """The key changes from ``source`` to ``target``, oldest first, gathered from every known
    template between them; a UserError when no chain leads there: ``target`` is not newer, or a
    field of ``source`` is neither in ``target`` nor renamed or dropped on the way."""
    if version_key(target.version) <= version_key(source.version):
        raise UserError(f"不能从表样 {source.version} 换到表样 {target.version}：只能换到更新的表样")
    changes = chain(source, target, templates.all_known(db))
    fields = {(spec.key, f.key) for spec in source.forms for f in spec.fields()}
    for change in changes:
        if (change.form, change.old) in fields:
            fields.discard((change.form, change.old))
            if change.new is not None:
                fields.add((change.form, change.new))
    have = {(spec.key, f.key) for spec in target.forms for f in spec.fields()}
    lost = sorted(fields - have)
    if lost:
        form, key = lost[0]
        raise UserError(
            f"表样 {target.version} 没有 {form} 的字段 {key}，也没有说明它改成了什么（key_changes）："
            f"不能从表样 {source.version} 换过去"
        )
    return changes


def targets(db: Database, report: Report) -> list[str]:
    """The versions ``report`` may be offered to move to: newer than its own, serving its year."""
    own = version_key(report.template)
    return [v for v, k in templates.known(db).items() if version_key(v) > own and k.template.serves(report.year)]


def move(db: Database, report_id: int, version: str) -> Moved:
    """Move the report to template ``version``; refused, with nothing changed, when the target does
    not serve the report's year or no chain of key changes leads there."""
    report = get(db, report_id)
    source, target = templates.template_of(db, report), templates.template(db, version)
    if not target.serves(report.year):
        raise UserError(f"表样 {target.version} 适用于 {target.years_text}，不能用于 {report.name}的报表")
    changes = key_changes(db, source, target)
    made = None if db.in_memory else backup.rolling_backup(db.conn, db.path, BACKUP_REASON)
    with db.write():
        for change in changes:
            if change.new is not None:
                db.conn.execute(
                    "update cells set field = ? where report_id = ? and form = ? and field = ?",
                    [change.new, report.id, change.form, change.old],
                )
        for spec in target.forms:  # an attachment the report's template did not have starts with its rows
            has_rows = db.conn.execute(
                "select 1 from form_rows where report_id = ? and form = ?", [report.id, spec.key]
            ).fetchone()
            if spec.rows is RowStyle.LIST and has_rows is None:
                db.conn.executemany(
                    "insert into form_rows (report_id, form, row, position) values (?, ?, ?, ?)",
                    [(report.id, spec.key, f"r{n + 1}", n) for n in range(spec.min_rows)],
                )
        templates.keep(db, target)
        db.conn.execute(
            "update reports set template = ?, updated_at = ? where id = ?", [target.version, now(), report.id]
        )
    return Moved(get(db, report.id), tuple(changes), made)
