"""The narrative report in SQLite: title, kind, signature, attachments, sections.

Kept apart from ``store.py`` (the tables) but on the same ``Store`` and so the same file
and transactions; every call commits before it returns.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from forms.errors import UserError
from forms.hygiene import BODY_MAX, LINE_MAX, clean_limited
from forms.numbering import DEFAULT as DEFAULT_NUMBERING
from forms.numbering import NUMBERINGS
from forms.outline import LEVELS, report_kind
from forms.registry import FORMS
from forms.report import Report, ReportText, Section

if TYPE_CHECKING:
    from sqlite_utils import Database

    from storage.store import Store


DEFAULT_KIND = "enforcement"


def _default_text(report: Report, kind_key: str) -> ReportText:
    kind = report_kind(kind_key)
    return ReportText(
        kind=kind.key,
        title=kind.default_title(report.unit, report.year),
        signer=report.unit,
        sign_date=date.today(),
        attachments=tuple(kind.attachments),
        sections=tuple(Section(f"s{i + 1}", level, heading, "") for i, (level, heading) in enumerate(kind.outline)),
    )


class ReportTexts:
    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def db(self) -> Database:
        return self.store.db  # never a copy: a restore replaces the store's connection

    def get(self, report: Report) -> ReportText:
        """The report's text; a report from before texts existed gets its kind's default outline
        (not stored: reading never writes; ``ensure`` stores it)."""
        with self.store.read():
            rows = list(self.db.query("select * from report_texts where report_id=?", [report.id]))
            if not rows:
                return _default_text(report, DEFAULT_KIND)
            row = rows[0]
            sections = tuple(
                Section(r["key"], r["level"], r["heading"], r["body"] or "")
                for r in self.db.query("select * from sections where report_id=? order by position", [report.id])
            )
        return ReportText(
            kind=row["kind"],
            title=row["title"],
            signer=row["signer"] or "",
            sign_date=date.fromisoformat(row["sign_date"]) if row["sign_date"] else None,
            attachments=tuple(k for k in (row["attachments"] or "").split(",") if k),
            sections=sections,
            attachment_numbering=row.get("attachment_numbering") or DEFAULT_NUMBERING,
        )

    def ensure(self, report: Report) -> None:
        """Store the default text of a report that has none, as the window shows it."""
        with self.store.read() as db:
            exists = db.execute("select 1 from report_texts where report_id=?", [report.id]).fetchone()
        if not exists:
            self.reset(report, DEFAULT_KIND)

    def reset(self, report: Report, kind_key: str) -> None:
        """Start over from a kind's default outline; the 成文日期 is today until the clerk changes it."""
        kind = report_kind(kind_key)
        with self.store.write() as db:
            db.execute("delete from sections where report_id=?", [report.id])
            db["report_texts"].upsert(
                {
                    "report_id": report.id,
                    "kind": kind.key,
                    "title": kind.default_title(report.unit, report.year),
                    "signer": report.unit,
                    "sign_date": date.today().isoformat(),
                    "attachments": ",".join(kind.attachments),
                },
                pk="report_id",
            )
            for position, (level, heading) in enumerate(kind.outline):
                db["sections"].insert(
                    {
                        "report_id": report.id,
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
        title: str | None = None,
        signer: str | None = None,
        sign_date: date | str | None = "",
        attachments: tuple[str, ...] | None = None,
        attachment_numbering: str | None = None,
    ) -> None:
        self.ensure(report)
        changes: dict[str, object] = {}
        if title is not None:
            changes["title"] = clean_limited(title, "标题", LINE_MAX)
        if signer is not None:
            changes["signer"] = clean_limited(signer, "署名", LINE_MAX)
        if sign_date != "":
            changes["sign_date"] = sign_date.isoformat() if isinstance(sign_date, date) else None
        if attachments is not None:
            known = {s.key for s in FORMS}
            if not set(attachments) <= known:
                raise UserError(f"未知附件：{', '.join(sorted(set(attachments) - known))}")
            order = [s.key for s in FORMS if s.key in attachments]  # always in 附件 order
            changes["attachments"] = ",".join(order)
        if attachment_numbering is not None:
            if attachment_numbering not in NUMBERINGS:
                raise UserError(f"未知的附件编号方式：{attachment_numbering}")
            changes["attachment_numbering"] = attachment_numbering
        if changes:
            with self.store.write() as db:
                db["report_texts"].update(report.id, changes)

    # --- sections ---------------------------------------------------------------

    def _keys(self, report: Report) -> list[str]:
        return [
            r["key"] for r in self.db.query("select key from sections where report_id=? order by position", [report.id])
        ]

    def _renumber(self, report: Report, keys: list[str]) -> None:
        for position, key in enumerate(keys):
            self.db.execute("update sections set position=? where report_id=? and key=?", [position, report.id, key])

    def add_section(self, report: Report, position: int, level: int, heading: str) -> str:
        if level not in LEVELS:
            raise UserError("标题级别只能是 1–4 级")
        self.ensure(report)
        keys = self._keys(report)
        numbers = [int(k[1:]) for k in keys if k[1:].isdigit()]
        key = f"s{max(numbers, default=0) + 1}"
        position = max(0, min(position, len(keys)))
        keys.insert(position, key)
        with self.store.write() as db:
            db["sections"].insert(
                {
                    "report_id": report.id,
                    "key": key,
                    "position": position,
                    "level": level,
                    "heading": clean_limited(heading, "标题", LINE_MAX),
                    "body": "",
                }
            )
            self._renumber(report, keys)
        return key

    def update_section(
        self,
        report: Report,
        key: str,
        *,
        heading: str | None = None,
        body: str | None = None,
        level: int | None = None,
    ) -> None:
        changes: dict[str, object] = {}
        if heading is not None:
            changes["heading"] = clean_limited(heading, "标题", LINE_MAX)
        if body is not None:
            changes["body"] = clean_limited(body, "正文", BODY_MAX, multiline=True)
        if level is not None:
            if level not in LEVELS:
                raise UserError("标题级别只能是 1–4 级")
            changes["level"] = level
        if changes:
            with self.store.write() as db:
                db["sections"].update((report.id, key), changes)

    def move_section(self, report: Report, key: str, delta: int) -> None:
        keys = self._keys(report)
        i = keys.index(key)
        j = max(0, min(len(keys) - 1, i + delta))
        keys.insert(j, keys.pop(i))
        with self.store.write():
            self._renumber(report, keys)

    def remove_section(self, report: Report, key: str) -> None:
        with self.store.write() as db:
            db.execute("delete from sections where report_id=? and key=?", [report.id, key])
            self._renumber(report, [k for k in self._keys(report) if k != key])
