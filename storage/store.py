"""The store: the one object the rest of the program opens, and every job on one file behind it.

Each job lives in its own module and the store delegates: the connection, transactions,
generations and settings (``connection.Database``, which the store is), opening and migrating
(``opening``), the cells and ``apply(Change)``, the one way to change them (``cells``), the
reports, their import and last year's figures (``reports``), the report texts (``report_text``).
Every accepted edit is committed before the call returns.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path

from forms.changes import Cells, Change, InsertRow, Touched
from forms.errors import UserError
from forms.kinds import Stored
from forms.registry import SHIPPED_TEMPLATES, Template, version_key
from forms.report import CellKey, Fonts, FormData, Report, ReportData
from forms.spec import FormSpec
from forms.value_log import Entry, Origin
from forms.yoy import ALLOWED_PLACES, DEFAULT_PLACES
from storage import backup, cells, reports, templates, title_lists, value_log
from storage.cells import ChangeConflict, read_back
from storage.connection import MEMORY, Database, Generation, reads
from storage.database import StorageError, read_header
from storage.font_files import windows_chars
from storage.opening import open_file, schema_version
from storage.path_check import real_path, require_file
from storage.report_text import ReportTexts
from storage.reports import PreviousFigures

# Where they were before storage was split by job (ui/, the tests and other branches import them here).
__all__ = ["MEMORY", "ChangeConflict", "Generation", "StorageError", "Store", "read_back", "schema_version"]

YOY_PLACES = "yoy_places"
FONT_SET = "font_set"
FONT_SETS = ("government", "windows")


class Store(Database):
    def __init__(
        self,
        path: Path | str,
        *,
        create: bool = True,
        forms: tuple[FormSpec, ...] | None = None,
        template: Template | None = None,
        shipped: tuple[Template, ...] = SHIPPED_TEMPLATES,
    ) -> None:
        """Open the SQLite file at ``path`` (":memory:" for none), migrating it as needed
        (``storage.opening.open_file``: what is refused, what is repaired). ``shipped``: the
        program's templates; ``template`` (a test's) ships as well and stands for the program's
        newest (``Store.template``, ``Store.forms``); ``forms`` (a test's) for its attachments."""
        chosen = template or shipped[-1]
        if forms is not None and forms != chosen.forms:
            chosen = dataclasses.replace(chosen, forms=forms, source="")
        by_version = {t.version: t for t in shipped} | {chosen.version: chosen}
        shipped = tuple(sorted(by_version.values(), key=lambda t: version_key(t.version)))
        checked, conn = open_file(path, create=create, shipped=shipped)
        super().__init__(checked, conn, forms=chosen.forms, template=chosen, shipped=shipped)

    def reopen(self) -> None:
        """Open the file again, with every check (after a restore replaced it)."""
        _, self.conn = open_file(self.path, create=False, shipped=self.shipped)
        self.opened += 1

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

    # --- reports (storage.reports) ----------------------------------------------------

    def reports(self) -> list[Report]:
        return reports.all_reports(self)

    def find_report(self, unit: str, year: int) -> Report | None:
        return reports.find(self, unit, year)

    def require_report(self, unit: str, year: int) -> Report:
        """The report of (unit, year), or a UserError naming the reports the file does hold."""
        return reports.require(self, unit, year)

    def report(self, report_id: int) -> Report:
        return reports.get(self, report_id)

    def create_report(
        self,
        unit: str,
        year: int,
        *,
        filler: str = "",
        contact_person: str = "",
        contact_phone: str = "",
        template: str | None = None,
    ) -> Report:
        """A new report, of ``template`` or the newest known template that serves ``year``."""
        return reports.create(
            self,
            unit,
            year,
            filler=filler,
            contact_person=contact_person,
            contact_phone=contact_phone,
            template=template,
        )

    # --- each report's own template (storage.templates) -----------------------------------

    def template_of(self, report: Report | int) -> Template:
        return templates.template_of(self, report)

    def forms_of(self, report: Report | int) -> tuple[FormSpec, ...]:
        """The attachments of the report's own template, in print order."""
        return templates.forms_of(self, report)

    def spec_of(self, report: Report | int, form_key: str) -> FormSpec:
        return templates.spec_of(self, report, form_key)

    def update_contact(
        self, report_id: int, *, filler: str, contact_person: str, contact_phone: str, follow: bool = True
    ) -> Report:
        return reports.update_contact(
            self, report_id, filler=filler, contact_person=contact_person, contact_phone=contact_phone, follow=follow
        )

    def import_forms(
        self,
        unit: str,
        year: int,
        forms: dict[str, tuple[list[str], Cells]],
        *,
        filler: str = "",
        contact_person: str = "",
        contact_phone: str = "",
        keep: dict[str, list[str]] | None = None,
        template: str | None = None,
        origin: Origin = Origin.IMPORT,
        source: str = "",
    ) -> tuple[Report, dict[str, dict[CellKey, Stored]] | None, dict[str, tuple[list[str], Cells]]]:
        """An imported workbook in one transaction (``storage.reports.import_forms``)."""
        return reports.import_forms(
            self,
            unit,
            year,
            forms,
            filler=filler,
            contact_person=contact_person,
            contact_phone=contact_phone,
            keep=keep,
            origin=origin,
            source=source,
            template=template,
        )

    def previous_year_figures(self, report: Report) -> PreviousFigures | None:
        """The same unit's (Y−1) report as filed (``storage.reports.previous_year_figures``)."""
        return reports.previous_year_figures(self, report)

    def fill_previous_year(self, report: Report) -> int:
        return reports.fill_previous_year(self, report)

    def aggregate_members(self, city: str, year: int) -> list[str]:
        """The units the (city, year) 汇总 was last built from; [] when it is not a 汇总."""
        return reports.aggregate_members(self, city, year)

    def set_aggregate_members(self, city: str, year: int, units: list[str]) -> None:
        reports.set_aggregate_members(self, city, year, units)

    # --- cells (storage.cells) ----------------------------------------------------------

    def form_data(self, report: Report, spec: FormSpec) -> FormData:
        return cells.form_data(self, report, spec)

    @reads
    def report_data(
        self,
        report: Report,
        *,
        with_text: bool = True,
        kind: str | None = None,
        written: Mapping[str, tuple[list[str], Cells]] | None = None,
    ) -> ReportData:
        """``kind``: which of the report's texts (forms.outline); None is the one open in the window.
        ``written``: forms ``import_forms`` has just written (form key → rows, values), taken as they
        read back instead of read again."""
        text = ReportTexts(self).get(report, kind) if with_text else None
        done = written or {}
        forms = [
            cells.written_form(spec, *done[spec.key]) if spec.key in done else self.form_data(report, spec)
            for spec in self.forms_of(report)
        ]
        gaps = reports.aggregate_gaps(self, report)  # a 汇总 of members on other templates
        for form in forms:
            form.gaps = gaps.get(form.spec.key, {})
        extra = title_lists.titles(self)
        return ReportData(report, forms, self.yoy_places(), text, fonts=self.fonts(), titles=extra)

    def apply(self, report_id: int, change: Change, origin: Origin = Origin.WRITTEN) -> Touched:
        """Apply a clerk's change in one transaction, or refuse it whole (``ChangeConflict``); its
        cells are logged with ``origin``."""
        return cells.apply(self, report_id, change, origin)

    def value_log(
        self, report: Report, *, form: str | None = None, field: str | None = None, key: CellKey | None = None
    ) -> list[Entry]:
        """The report's history of values, oldest first (``storage.value_log.entries``)."""
        return value_log.entries(self, report, form=form, field=field, key=key)

    def new_row_key(self, report_id: int, spec: FormSpec) -> str:
        """A row key never used in this form of this report (r1, r2, …)."""
        return cells.new_row_key(self, report_id, spec)

    # Conveniences for the sample, imports of old data and tests: each builds the change from what
    # is stored now, in the same transaction, and goes through ``apply`` like the window's edits.

    def set_value(self, report_id: int, spec: FormSpec, key: CellKey, value: Stored) -> None:
        """Store one value (None clears it), whatever was there. Committed when this returns."""
        self.set_values(report_id, spec, {key: value})

    def set_values(self, report_id: int, spec: FormSpec, items: Cells) -> None:
        """Several values in one transaction, whatever was there; the window uses ``apply``."""
        with self.write():
            self.apply(report_id, cells.overwrite(self, report_id, spec, items))

    def add_row(self, report_id: int, spec: FormSpec, position: int | None = None) -> str:
        """Insert a blank row at ``position`` (default: at the end); returns its key."""
        key = self.new_row_key(report_id, spec)
        with self.write():
            at = len(cells.row_keys(self, report_id, spec)) if position is None else position
            self.apply(report_id, InsertRow(spec.key, key, at, "插入行"))
        return key

    def remove_row(self, report_id: int, spec: FormSpec, row: str) -> None:
        """Remove ``row`` with whatever it holds (a row that is not there: nothing to do)."""
        with self.write():
            if row in cells.row_keys(self, report_id, spec):
                self.apply(report_id, cells.removal(self, report_id, spec, row))

    # --- settings -----------------------------------------------------------------------

    def yoy_places(self) -> int:
        return int(self.setting(YOY_PLACES, str(DEFAULT_PLACES)))

    def set_yoy_places(self, places: int) -> None:
        if places not in ALLOWED_PLACES:
            raise UserError("同比增减只能保留 0、1 或 2 位小数")
        self.set_setting(YOY_PLACES, str(places))

    def font_set(self) -> str:
        """Which font names the Word report asks for: "government" (仿宋_GB2312 …) or "windows"."""
        return self.setting(FONT_SET, FONT_SETS[0])

    def fonts(self) -> Fonts:
        """The font choice as the audit reads it: with the Windows fonts, what their files hold."""
        name = self.font_set()
        return Fonts(name, windows_chars() if name == "windows" else None)

    def set_font_set(self, name: str) -> None:
        if name not in FONT_SETS:
            raise UserError(f"未知字体方案：{name}")
        self.set_setting(FONT_SET, name)
