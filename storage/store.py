"""The store: every accepted edit is committed before the call returns.

Environment trouble (file locked, disk full, not a database) becomes a ``StorageError``
with a Chinese message; anything else is a bug and is left to propagate.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from forms import kinds as vk
from forms.errors import UserError
from forms.kinds import Kind, Stored, ValueKind
from forms.registry import FORMS
from forms.report import REASON_ROW, CellKey, FormData, Report, ReportData
from forms.spec import FormSpec, RowStyle
from forms.yoy import ALLOWED_PLACES, DEFAULT_PLACES
from storage.migrations import migrations
from storage.report_text import ReportTexts

MEMORY = ":memory:"
YOY_PLACES = "yoy_places"
FONT_SET = "font_set"
FONT_SETS = ("government", "windows")


class StorageError(UserError):
    """The database file cannot be read or written (locked, full, damaged)."""


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


class Store:
    def __init__(self, path: Path | str, *, forms: tuple[FormSpec, ...] = FORMS) -> None:
        """Open (creating and migrating as needed) the SQLite file at ``path``; ":memory:" for none."""
        self.path = Path(path)
        self.forms = forms
        in_memory = str(path) == MEMORY
        if not in_memory and not self.path.parent.is_dir():
            raise StorageError(f"数据库所在文件夹不存在：{self.path.parent}")
        with self._guard("打开"):
            self.db = Database(memory=True) if in_memory else Database(self.path)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA busy_timeout = 5000")
            migrations.apply(self.db)

    @classmethod
    def memory(cls) -> Store:
        """An in-memory store for tests that do not care about the file."""
        return cls(MEMORY)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.DatabaseError as exc:  # OperationalError included
            raise StorageError(f"无法{action}数据库 {self.path}：{_explain(exc)}") from exc

    @contextmanager
    def write(self) -> Iterator[Database]:
        """One transaction; database trouble becomes a StorageError with a Chinese message."""
        with self._guard("保存到"), self.db.atomic() as db:
            yield db

    # --- reports ---------------------------------------------------------------

    def reports(self) -> list[Report]:
        rows = self.db.query("select * from reports order by year desc, unit")
        return [_report(row) for row in rows]

    def find_report(self, unit: str, year: int) -> Report | None:
        rows = list(self.db.query("select * from reports where unit = ? and year = ?", [unit, year]))
        return _report(rows[0]) if rows else None

    def require_report(self, unit: str, year: int) -> Report:
        """The report of (unit, year), or a UserError naming the reports the file does hold."""
        report = self.find_report(unit, year)
        if report is None:
            known = "、".join(r.name for r in self.reports()) or "无"
            raise UserError(f"找不到报表：{unit} {year}年（数据库中已有：{known}）")
        return report

    def report(self, report_id: int) -> Report:
        return _report(self.db["reports"].get(report_id))

    def create_report(
        self, unit: str, year: int, *, filler: str = "", contact_person: str = "", contact_phone: str = ""
    ) -> Report:
        unit = unit.strip()
        if not unit:
            raise UserError("请填写单位名称")
        if not 2000 <= year <= 2100:
            raise UserError(f"年度 {year} 不在 2000–2100 之间")
        if self.find_report(unit, year) is not None:
            raise UserError(f"{unit} {year}年的报表已存在")
        with self.write() as db:
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
        return self.report(int(report_id))

    def update_contact(self, report_id: int, *, filler: str, contact_person: str, contact_phone: str) -> Report:
        with self.write() as db:
            db["reports"].update(
                report_id,
                {
                    "filler": filler.strip(),
                    "contact_person": contact_person.strip(),
                    "contact_phone": contact_phone.strip(),
                    "updated_at": _now(),
                },
            )
        return self.report(report_id)

    # --- cells ------------------------------------------------------------------

    def set_value(self, report_id: int, spec: FormSpec, key: CellKey, value: Stored) -> None:
        """Store one value (None clears it). Committed when this returns."""
        stored = vk.encode(value)
        with self.write() as db:
            pk = (report_id, spec.key, key.row, key.field, key.period)
            if stored is None:
                db.execute("delete from cells where report_id=? and form=? and row=? and field=? and period=?", pk)
            else:
                db["cells"].upsert(
                    {
                        "report_id": report_id,
                        "form": spec.key,
                        "row": key.row,
                        "field": key.field,
                        "period": key.period,
                        "value": stored,
                        "updated_at": _now(),
                    },
                    pk=("report_id", "form", "row", "field", "period"),
                )
            db["reports"].update(report_id, {"updated_at": _now()})

    def set_values(self, report_id: int, spec: FormSpec, items: dict[CellKey, Stored]) -> None:
        """Several values in one transaction (a paste, the sample)."""
        with self.write():
            for key, value in items.items():
                self.set_value(report_id, spec, key, value)

    def form_data(self, report: Report, spec: FormSpec) -> FormData:
        stored_rows = [
            row["row"]
            for row in self.db.query(
                "select row from form_rows where report_id=? and form=? order by position", [report.id, spec.key]
            )
        ]
        data = FormData(spec, FormData.row_keys(spec, stored_rows))
        for row in self.db.query(
            "select row, field, period, value from cells where report_id=? and form=?", [report.id, spec.key]
        ):
            kind = Kind.TEXT if row["row"] == REASON_ROW else _kind(spec, row["field"])
            if kind is None:
                continue  # a field a later template dropped: kept in the file, not shown
            data.values[CellKey(row["row"], row["field"], row["period"])] = kind.decode(row["value"])
        return data

    def report_data(self, report: Report, *, with_text: bool = True) -> ReportData:
        text = ReportTexts(self).get(report) if with_text else None
        return ReportData(report, [self.form_data(report, spec) for spec in self.forms], self.yoy_places(), text)

    # --- LIST rows ----------------------------------------------------------------

    def add_row(self, report_id: int, spec: FormSpec, position: int | None = None) -> str:
        """Insert a blank row at ``position`` (default: at the end); returns its key."""
        existing = list(
            self.db.query(
                "select row, position from form_rows where report_id=? and form=? order by position",
                [report_id, spec.key],
            )
        )
        numbers = [int(r["row"][1:]) for r in existing if r["row"][1:].isdigit()]
        key = f"r{max(numbers, default=0) + 1}"
        position = len(existing) if position is None else max(0, min(position, len(existing)))
        with self.write() as db:
            db.execute(
                "update form_rows set position = position + 1 where report_id=? and form=? and position >= ?",
                [report_id, spec.key, position],
            )
            db["form_rows"].insert({"report_id": report_id, "form": spec.key, "row": key, "position": position})
        return key

    def remove_row(self, report_id: int, spec: FormSpec, row: str) -> None:
        with self.write() as db:
            db.execute("delete from cells where report_id=? and form=? and row=?", [report_id, spec.key, row])
            db.execute("delete from form_rows where report_id=? and form=? and row=?", [report_id, spec.key, row])
            rows = db.query(
                "select row from form_rows where report_id=? and form=? order by position", [report_id, spec.key]
            )
            for position, r in enumerate(list(rows)):
                db.execute(
                    "update form_rows set position=? where report_id=? and form=? and row=?",
                    [position, report_id, spec.key, r["row"]],
                )

    # --- settings ---------------------------------------------------------------

    def setting(self, key: str, default: str) -> str:
        rows = list(self.db.query("select value from settings where key=?", [key]))
        return rows[0]["value"] if rows else default

    def set_setting(self, key: str, value: str) -> None:
        with self.write() as db:
            db["settings"].upsert({"key": key, "value": value}, pk="key")

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


def _explain(exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return "文件正被其他程序占用，请关闭其他窗口后重试"
    if "not a database" in text or "malformed" in text:
        return "文件不是本程序的数据库，或已损坏"
    if "full" in text:
        return "磁盘空间已满"
    if "readonly" in text or "unable to open" in text:
        return "没有读写该文件的权限"
    return text
