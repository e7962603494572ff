"""The narrative reports in SQLite: per report (unit and year) one text per report kind, each
with its title, signature, attachments, 导语, sections and 结束语.

Kept apart from the tables (``cells.py``) but on the same ``Database`` and so the same file
and transactions; every call commits before it returns. ``kind=None`` means the kind the
clerk has open for that report (remembered in the settings table).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from forms import text_edits as edits
from forms.errors import UserError
from forms.numbering import DEFAULT as DEFAULT_NUMBERING
from forms.outline import (
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
from storage.rows import SectionRow, TextRow

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


def _kind(key: str) -> ReportKind:
    try:
        return report_kind(key)
    except KeyError:
        raise UserError(f"未知的报告类型：{key}") from None


class ReportTexts:
    def __init__(self, store: Database) -> None:
        self.store = store  # the Store, or any Database: the file and its template

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
        put_text(self, report, _default_text(report, _kind(kind_key)))

    # --- the pasted report (storage/pasted_text.py): its edits from forms.text_edits, as one text ---

    def update(
        self,
        report: Report,
        *,
        kind: str | None = None,
        title: str | None = None,
        unit_line: str | None = None,
        styles: tuple[str, ...] | None = None,
        run_in: frozenset[int] | set[int] | None = None,
    ) -> None:
        """The title block and number styles a pasted report brings; ``None`` keeps the report's own."""
        which = self._which(report, kind)
        with self.store.write():
            text = self.get(report, which)
            if title is not None:
                text = edits.set_title(text, title).after
            if unit_line is not None:
                text = edits.set_unit_line(text, unit_line).after
            if styles is not None or run_in is not None:
                levels = edits.set_levels(
                    text, text.styles if styles is None else styles, text.run_in if run_in is None else run_in
                )
                text = levels.after
            put_text(self, report, text)

    def replace_outline(
        self, report: Report, lead: str, sections: Sequence[Heading], closing: str, *, kind: str | None = None
    ) -> None:
        """Put a pasted report's 导语, sections and 结束语 in place of the current ones, in one
        transaction."""
        which = self._which(report, kind)
        with self.store.write():
            put_text(self, report, edits.set_outline(self.get(report, which), lead, sections, closing).after)


# --- the one write of a text: every edit (forms.text_edits) ends here ---------------------------


def _insert(texts: ReportTexts, table: str, row: dict[str, object]) -> None:
    # Names are the program's own column names, never input.
    names = ", ".join(row)
    marks = ", ".join("?" * len(row))
    texts.store.conn.execute(f"insert into {table} ({names}) values ({marks})", list(row.values()))


def put_text(texts: ReportTexts, report: Report, text: ReportText) -> None:
    """Make ``text`` the report's text of its kind: its report_texts row and all its sections.
    It is written as given: the edits that make a text check their input (forms.text_edits)."""
    where = [report.id, text.kind]
    with texts.store.write():
        conn = texts.store.conn
        conn.execute("delete from sections where report_id=? and kind=?", where)
        conn.execute("delete from report_texts where report_id=? and kind=?", where)
        _insert(
            texts,
            "report_texts",
            {
                "report_id": report.id,
                "kind": text.kind,
                "title": text.title,
                "signer": text.signer,
                "sign_date": text.sign_date.isoformat() if text.sign_date else None,
                "attachments": ",".join(text.attachments),
                "attachment_numbering": text.attachment_numbering,
                "lead": text.lead,
                "closing": text.closing,
                "run_in": run_in_text(text.run_in),
                "unit_line": text.unit_line,
                "numbering": styles_text(text.styles),
                "attachment_note": int(text.attachment_note),
            },
        )
        for position, s in enumerate(text.sections):
            _insert(
                texts,
                "sections",
                {
                    "report_id": report.id,
                    "kind": text.kind,
                    "key": s.key,
                    "position": position,
                    "level": s.level,
                    "heading": s.heading,
                    "body": s.body,
                    "numbered": int(s.numbered),
                    "run_in": None if s.run_in is None else int(s.run_in),
                },
            )
