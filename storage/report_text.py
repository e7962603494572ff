"""The narrative reports in SQLite: per report (unit and year) one text per report kind, each
with its title, signature, attachments, 导语, sections and 结束语.

Kept apart from the tables (``cells.py``) but on the same ``Database`` and so the same file
and transactions; every call commits before it returns. ``kind=None`` means the kind the
clerk has open for that report (remembered in the settings table).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from forms.errors import UserError
from forms.hygiene import BODY_MAX, LINE_MAX, clean_limited
from forms.numbering import DEFAULT as DEFAULT_NUMBERING
from forms.numbering import NUMBERINGS
from forms.outline import (
    LEVELS,
    NUMBER_STYLES,
    REPORT_KINDS,
    Heading,
    ReportKind,
    report_kind,
    run_in_levels,
    run_in_text,
    styles_of,
    styles_text,
)
from forms.report import Report, ReportText, Section
from storage.connection import Database
from storage.rows import KeyRow, SectionRow, TextRow

if TYPE_CHECKING:
    import sqlite_utils


DEFAULT_KIND = "enforcement"


def _default_text(report: Report, kind: ReportKind) -> ReportText:
    return ReportText(
        kind=kind.key,
        title=kind.default_title(report.unit, report.year),
        signer=report.unit,
        sign_date=date.today(),
        attachments=tuple(kind.attachments),
        sections=tuple(Section(f"s{i + 1}", level, heading, "") for i, (level, heading) in enumerate(kind.outline)),
        run_in=kind.run_in,
    )


def _styles(styles: tuple[str, ...]) -> str:
    if len(styles) != len(LEVELS) or not set(styles) <= set(NUMBER_STYLES):
        raise UserError(f"标题编号样式只能是 {' '.join(NUMBER_STYLES)}，每级一种")
    return styles_text(tuple(styles))


def _kind(key: str) -> ReportKind:
    try:
        return report_kind(key)
    except KeyError:
        raise UserError(f"未知的报告类型：{key}") from None


class ReportTexts:
    def __init__(self, store: Database) -> None:
        self.store = store  # the Store, or any Database: the file and its template

    @property
    def db(self) -> sqlite_utils.Database:
        return self.store.db  # never a copy: a restore replaces the store's connection

    # --- which report is open ---------------------------------------------------------

    def stored_kinds(self, report: Report) -> list[str]:
        with self.store.read():
            rows = self.store.conn.execute("select kind from report_texts where report_id=?", [report.id]).fetchall()
        stored = {r[0] for r in rows}
        return [k.key for k in REPORT_KINDS if k.key in stored]

    def open_kind(self, report: Report) -> str:
        """The kind the window shows and a plain export writes: the last one opened, else the
        first that has a text, else 行政执法工作报告."""
        chosen = self.store.setting(f"open_kind:{report.id}", "")
        if chosen in {k.key for k in REPORT_KINDS}:
            return chosen
        stored = self.stored_kinds(report)
        return stored[0] if stored else DEFAULT_KIND

    def open(self, report: Report, kind: str) -> None:
        """Open (and create, the first time) the report of ``kind``; the other keeps its text."""
        _kind(kind)
        self.ensure(report, kind)
        self.store.set_setting(f"open_kind:{report.id}", kind)

    def _which(self, report: Report, kind: str | None) -> str:
        return self.open_kind(report) if kind is None else _kind(kind).key

    # --- the text -----------------------------------------------------------------------

    def get(self, report: Report, kind: str | None = None) -> ReportText:
        """The text of one kind; a report without one gets its kind's default outline
        (not stored: reading never writes; ``ensure`` stores it)."""
        key = self._which(report, kind)
        with self.store.read():
            rows = self.store.rows_as(
                TextRow, "select * from report_texts where report_id=? and kind=?", [report.id, key]
            )
            if not rows:
                return _default_text(report, report_kind(key))
            row = rows[0]
            sections = tuple(
                Section(
                    r["key"],
                    r["level"],
                    r["heading"],
                    r["body"] or "",
                    numbered=r["numbered"] is None or bool(r["numbered"]),
                    run_in=None if r["run_in"] is None else bool(r["run_in"]),
                )
                for r in self.store.rows_as(
                    SectionRow,
                    "select * from sections where report_id=? and kind=? order by position",
                    [report.id, key],
                )
            )
        return ReportText(
            kind=key,
            title=row["title"],
            signer=row["signer"] or "",
            sign_date=date.fromisoformat(row["sign_date"]) if row["sign_date"] else None,
            attachments=tuple(k for k in (row["attachments"] or "").split(",") if k),
            sections=sections,
            attachment_numbering=row["attachment_numbering"] or DEFAULT_NUMBERING,
            lead=row["lead"] or "",
            closing=row["closing"] or "",
            run_in=report_kind(key).run_in if row["run_in"] is None else run_in_levels(row["run_in"]),
            unit_line=row["unit_line"] or "",
            styles=styles_of(row["numbering"]),
            attachment_note=row["attachment_note"] is None or bool(row["attachment_note"]),
        )

    def ensure(self, report: Report, kind: str | None = None) -> None:
        """Store the default text of a report that has none, as the window shows it."""
        key = self._which(report, kind)
        with self.store.read():
            exists = self.store.conn.execute(
                "select 1 from report_texts where report_id=? and kind=?", [report.id, key]
            ).fetchone()
        if not exists:
            self.reset(report, key)

    def reset(self, report: Report, kind_key: str) -> None:
        """Start the text of one kind over from its default outline; the other kind is kept.
        The 成文日期 is today until the clerk changes it."""
        kind = _kind(kind_key)
        with self.store.write():
            db = self.db
            db.execute("delete from sections where report_id=? and kind=?", [report.id, kind.key])
            db.execute("delete from report_texts where report_id=? and kind=?", [report.id, kind.key])
            db.table("report_texts").insert(
                {
                    "report_id": report.id,
                    "kind": kind.key,
                    "title": kind.default_title(report.unit, report.year),
                    "signer": report.unit,
                    "sign_date": date.today().isoformat(),
                    "attachments": ",".join(kind.attachments),
                }
            )
            for position, (level, heading) in enumerate(kind.outline):
                db.table("sections").insert(
                    {
                        "report_id": report.id,
                        "kind": kind.key,
                        "key": f"s{position + 1}",
                        "position": position,
                        "level": level,
                        "heading": heading,
                        "body": "",
                    }
                )

    def update(
        self,
        report: Report,
        *,
        kind: str | None = None,
        title: str | None = None,
        signer: str | None = None,
        sign_date: date | str | None = "",
        attachments: tuple[str, ...] | None = None,
        attachment_numbering: str | None = None,
        lead: str | None = None,
        closing: str | None = None,
        run_in: frozenset[int] | set[int] | None = None,
        unit_line: str | None = None,
        styles: tuple[str, ...] | None = None,
        attachment_note: bool | None = None,
    ) -> None:
        key = self._which(report, kind)
        self.ensure(report, key)
        changes: dict[str, object] = {}
        if title is not None:
            # A clerk-placed line break (Enter in the title field, or Word's soft break) is kept.
            changes["title"] = clean_limited(title, "标题", LINE_MAX, multiline=True)
        if signer is not None:
            changes["signer"] = clean_limited(signer, "署名", LINE_MAX)
        if sign_date != "":
            changes["sign_date"] = sign_date.isoformat() if isinstance(sign_date, date) else None
        if attachments is not None:
            forms = self.store.forms  # the template's attachments, always in 附件 order
            known = {s.key for s in forms}
            if not set(attachments) <= known:
                raise UserError(f"未知附件：{', '.join(sorted(set(attachments) - known))}")
            order = [s.key for s in forms if s.key in attachments]
            changes["attachments"] = ",".join(order)
        if attachment_numbering is not None:
            if attachment_numbering not in NUMBERINGS:
                raise UserError(f"未知的附件编号方式：{attachment_numbering}")
            changes["attachment_numbering"] = attachment_numbering
        if lead is not None:
            changes["lead"] = clean_limited(lead, "导语", BODY_MAX, multiline=True)
        if closing is not None:
            changes["closing"] = clean_limited(closing, "结束语", BODY_MAX, multiline=True)
        if run_in is not None:
            if not set(run_in) <= set(LEVELS):
                raise UserError("标题级别只能是 1–4 级")
            changes["run_in"] = run_in_text(frozenset(run_in))
        if unit_line is not None:
            changes["unit_line"] = clean_limited(unit_line, "标题上方的单位", LINE_MAX)
        if styles is not None:
            changes["numbering"] = _styles(styles)
        if attachment_note is not None:
            changes["attachment_note"] = int(attachment_note)
        if changes:
            with self.store.write():
                self.store.update("report_texts", {"report_id": report.id, "kind": key}, changes)

    # --- sections ---------------------------------------------------------------

    def _keys(self, report: Report, kind: str) -> list[str]:
        return [
            r["key"]
            for r in self.store.rows_as(
                KeyRow, "select key from sections where report_id=? and kind=? order by position", [report.id, kind]
            )
        ]

    def _renumber(self, report: Report, kind: str, keys: list[str]) -> None:
        for position, key in enumerate(keys):
            self.store.conn.execute(
                "update sections set position=? where report_id=? and kind=? and key=?",
                [position, report.id, kind, key],
            )

    def add_section(
        self, report: Report, position: int, level: int, heading: str, body: str = "", *, kind: str | None = None
    ) -> str:
        if level not in LEVELS:
            raise UserError("标题级别只能是 1–4 级")
        which = self._which(report, kind)
        self.ensure(report, which)
        keys = self._keys(report, which)
        numbers = [int(k[1:]) for k in keys if k[1:].isdigit()]
        key = f"s{max(numbers, default=0) + 1}"
        position = max(0, min(position, len(keys)))
        keys.insert(position, key)
        with self.store.write():
            db = self.db
            db.table("sections").insert(
                {
                    "report_id": report.id,
                    "kind": which,
                    "key": key,
                    "position": position,
                    "level": level,
                    "heading": clean_limited(heading, "标题", LINE_MAX),
                    "body": clean_limited(body, "正文", BODY_MAX, multiline=True),
                }
            )
            self._renumber(report, which, keys)
        return key

    def update_section(
        self,
        report: Report,
        key: str,
        *,
        heading: str | None = None,
        body: str | None = None,
        level: int | None = None,
        numbered: bool | None = None,
        run_in: bool | str | None = "",
        kind: str | None = None,
    ) -> None:
        """``run_in``: True/False for this heading, None to follow its level ("" leaves it)."""
        changes: dict[str, object] = {}
        if numbered is not None:
            changes["numbered"] = int(numbered)
        if run_in != "":
            changes["run_in"] = None if run_in is None else int(bool(run_in))
        if heading is not None:
            changes["heading"] = clean_limited(heading, "标题", LINE_MAX)
        if body is not None:
            changes["body"] = clean_limited(body, "正文", BODY_MAX, multiline=True)
        if level is not None:
            if level not in LEVELS:
                raise UserError("标题级别只能是 1–4 级")
            changes["level"] = level
        if changes:
            which = self._which(report, kind)
            with self.store.write():
                self.store.update("sections", {"report_id": report.id, "kind": which, "key": key}, changes)

    def move_section(self, report: Report, key: str, delta: int, *, kind: str | None = None) -> None:
        which = self._which(report, kind)
        keys = self._keys(report, which)
        i = keys.index(key)
        j = max(0, min(len(keys) - 1, i + delta))
        keys.insert(j, keys.pop(i))
        with self.store.write():
            self._renumber(report, which, keys)

    def remove_section(self, report: Report, key: str, *, kind: str | None = None) -> None:
        which = self._which(report, kind)
        with self.store.write():
            self.store.conn.execute(
                "delete from sections where report_id=? and kind=? and key=?", [report.id, which, key]
            )
            self._renumber(report, which, [k for k in self._keys(report, which) if k != key])

    def replace_outline(
        self,
        report: Report,
        lead: str,
        sections: list[Heading] | list[tuple[int, str, str]],
        closing: str,
        *,
        kind: str | None = None,
    ) -> None:
        """Put a pasted report's 导语, sections (``Heading`` or (level, heading, body)) and 结束语 in
        place of the current ones, in one transaction."""
        which = self._which(report, kind)
        self.ensure(report, which)
        entries = [s if isinstance(s, Heading) else Heading(*s) for s in sections]
        rows = [
            {
                "report_id": report.id,
                "kind": which,
                "key": f"s{i + 1}",
                "position": i,
                "level": entry.level,
                "heading": clean_limited(entry.heading, "标题", LINE_MAX),
                "body": clean_limited(entry.body, "正文", BODY_MAX, multiline=True),
                "numbered": int(entry.numbered),
                "run_in": None if entry.run_in is None else int(entry.run_in),
            }
            for i, entry in enumerate(entries)
        ]
        if any(entry.level not in LEVELS for entry in entries):
            raise UserError("标题级别只能是 1–4 级")
        lead = clean_limited(lead, "导语", BODY_MAX, multiline=True)
        closing = clean_limited(closing, "结束语", BODY_MAX, multiline=True)
        with self.store.write():
            db = self.db
            db.execute("delete from sections where report_id=? and kind=?", [report.id, which])
            for row in rows:
                db.table("sections").insert(row)
            db.table("report_texts").update((report.id, which), {"lead": lead, "closing": closing})
