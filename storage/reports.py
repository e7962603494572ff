"""The reports a file holds (one per unit and year): creating one, its contact line, an imported
workbook in its place, last year's figures, and which units a city's 汇总 was built from."""

from __future__ import annotations

import json

from forms.changes import Cells, SetCells
from forms.errors import UserError
from forms.hygiene import LINE_MAX, UNIT_MAX, clean_limited
from forms.kinds import Stored
from forms.report import MAIN_ROW, REASON_ROW, CellKey, Report
from forms.spec import FILLER, FormSpec, RowStyle
from forms.value_log import Origin
from forms.years import check_year
from storage import cells, templates
from storage.connection import Database, now
from storage.first_look import LISTED_ORDER
from storage.report_text import ReportTexts
from storage.rows import ReportRow

PreviousFigures = dict[str, dict[str, Stored]]  # form key → {paired field key: its year-(Y−1) figure}


def _report(row: ReportRow) -> Report:
    return Report(
        id=row["id"],
        unit=row["unit"],
        year=row["year"],
        filler=row["filler"] or "",
        contact_person=row["contact_person"] or "",
        contact_phone=row["contact_phone"] or "",
        template=row["template"],
    )


def all_reports(db: Database) -> list[Report]:
    with db.read():
        return [_report(row) for row in db.rows_as(ReportRow, f"select * from reports {LISTED_ORDER}")]


def find(db: Database, unit: str, year: int) -> Report | None:
    with db.read():
        rows = db.rows_as(ReportRow, "select * from reports where unit = ? and year = ?", [unit, year])
    return _report(rows[0]) if rows else None


def require(db: Database, unit: str, year: int) -> Report:
    """The report of (unit, year), or a UserError naming the reports the file does hold."""
    report = find(db, unit, year)
    if report is None:
        known = "、".join(r.name for r in all_reports(db)) or "无"
        raise UserError(f"找不到报表：{unit} {year}年（数据库中已有：{known}）")
    return report


def get(db: Database, report_id: int) -> Report:
    with db.read():
        rows = db.rows_as(ReportRow, "select * from reports where id = ?", [report_id])
    if not rows:
        raise KeyError(report_id)
    return _report(rows[0])


def create(
    db: Database,
    unit: str,
    year: int,
    *,
    filler: str = "",
    contact_person: str = "",
    contact_phone: str = "",
    template: str | None = None,
) -> Report:
    """A new report of (unit, year), of ``template`` (a version) or else the newest known template
    that serves the year; the file keeps that template's text from now on."""
    unit = clean_limited(unit, "单位名称", UNIT_MAX)
    filler = clean_limited(filler, "填报单位", UNIT_MAX)
    contact_person = clean_limited(contact_person, "联系人", LINE_MAX)
    contact_phone = clean_limited(contact_phone, "联系方式", LINE_MAX)
    if not unit:
        raise UserError("请填写单位名称")
    check_year(year)
    if find(db, unit, year) is not None:
        raise UserError(f"{unit} {year}年的报表已存在")
    chosen = templates.for_year(db, year) if template is None else templates.template(db, template)
    if not chosen.serves(year):
        raise UserError(f"表样 {chosen.version} 适用于 {chosen.years_text}，不能用于 {year} 年的报表")
    with db.write():
        stamp = now()
        templates.keep(db, chosen)
        lines = [filler.strip() or unit, contact_person.strip(), contact_phone.strip()]
        cursor = db.conn.execute(
            "insert into reports (unit, year, filler, contact_person, contact_phone, template, created_at, updated_at)"
            " values (?, ?, ?, ?, ?, ?, ?, ?)",
            [unit, year, *lines, chosen.version, stamp, stamp],
        )
        assert cursor.lastrowid is not None
        report_id = cursor.lastrowid
        for spec in chosen.forms:
            if spec.rows is RowStyle.LIST:
                db.conn.executemany(
                    "insert into form_rows (report_id, form, row, position) values (?, ?, ?, ?)",
                    [(report_id, spec.key, f"r{position + 1}", position) for position in range(spec.min_rows)],
                )
        report = get(db, report_id)
        _follow_filler(db, report, old=None)
        ReportTexts(db).reset(report, "enforcement")
        fill_previous_year(db, report)
    return report


def update_contact(
    db: Database, report_id: int, *, filler: str, contact_person: str, contact_phone: str, follow: bool = True
) -> Report:
    filler = clean_limited(filler, "填报单位", UNIT_MAX)
    contact_person = clean_limited(contact_person, "联系人", LINE_MAX)
    contact_phone = clean_limited(contact_phone, "联系方式", LINE_MAX)
    with db.write():
        before = get(db, report_id)
        db.conn.execute(
            "update reports set filler=?, contact_person=?, contact_phone=?, updated_at=? where id=?",
            [filler.strip(), contact_person.strip(), contact_phone.strip(), now(), report_id],
        )
        if follow:
            _follow_filler(db, get(db, report_id), old=before.filler or before.unit)
    return get(db, report_id)


def _follow_filler(db: Database, report: Report, old: str | None) -> None:
    """Cells whose field starts as the 填报单位 (附件2's 行政执法单位名称) take the new one, unless
    the clerk typed something else there; ``old`` None: the report is new. Call under a write."""
    new = report.filler or report.unit
    for spec in templates.forms_of(db, report):
        for f in spec.fields():
            if f.default != FILLER:
                continue
            key = CellKey(MAIN_ROW, f.key)
            stored = cells.stored(db, report.id, spec, key)
            if stored is None or (old is not None and stored == old):
                change = SetCells(spec.key, {key: stored}, {key: new}, "填报单位")
                cells.apply_within(db, report.id, spec, change, Origin.FILLER)


def import_forms(
    db: Database,
    unit: str,
    year: int,
    forms: dict[str, tuple[list[str], Cells]],
    *,
    filler: str = "",
    contact_person: str = "",
    contact_phone: str = "",
    template: str | None = None,
    keep: dict[str, list[str]] | None = None,
    origin: Origin = Origin.IMPORT,
    source: str = "",
) -> tuple[Report, dict[str, dict[CellKey, Stored]] | None, dict[str, tuple[list[str], Cells]]]:
    """An imported workbook, in one transaction: (unit, year) gets exactly these forms' rows and
    values (a form the file does not carry is kept as it was, and so are a blank 填报单位, a blank
    contact line and the fields of ``keep``, form key → fields the file has no column for).
    ``template``: the version the forms are in (a new report is made with it; ``importers`` moves a
    workbook of another template into the report's own first). Returns the report and, when it
    existed, the replaced forms' previous values (None for a new report), and the forms as written
    (form key → rows, values: what it kept included). Each cell it changes is logged with ``origin`` and
    ``source``, the file read (storage/value_log.py)."""
    with db.write():
        report = find(db, unit, year)
        previous: dict[str, dict[CellKey, Stored]] | None = None
        if report is None:
            report = create(
                db, unit, year, filler=filler, contact_person=contact_person, contact_phone=contact_phone,
                template=template,
            )  # fmt: skip
        else:
            if template is not None and template != report.template:
                raise UserError(
                    # importers/importing.py moves a workbook of another template first: a guard
                    f"这些数据按表样 {template} 读取，而{report.name}的报表用的是表样 {report.template}，未导入"
                )
            previous = {key: dict(cells.form_data(db, report, _spec(db, report, key)).values) for key in forms}
            # What the file does not carry stays: a blank 填报单位, a blank contact line (name and
            # phone are one line on the form, replaced or kept together).
            if not (contact_person or contact_phone):
                contact_person, contact_phone = report.contact_person, report.contact_phone
            lines = (filler or report.filler, contact_person, contact_phone)
            if lines != (report.filler, report.contact_person, report.contact_phone):
                report = update_contact(
                    db, report.id, filler=lines[0], contact_person=lines[1], contact_phone=lines[2], follow=False
                )  # the forms the file does not carry stay exactly as they were
            forms = _keeping(forms, previous, keep or {})
        chosen = [(_spec(db, report, key), rows, values) for key, (rows, values) in forms.items()]
        # What each cell held, for its history: a new report holds what ``create`` put there (its 填报单位).
        held = previous or {s.key: dict(cells.form_data(db, report, s).values) for s, _, _ in chosen}
        cells.replace_forms(db, report.id, chosen, held, origin, source)
        db.conn.execute("update reports set updated_at=? where id=?", [now(), report.id])
    return report, previous, {spec.key: (rows, values) for spec, rows, values in chosen}


def _keeping(
    forms: dict[str, tuple[list[str], Cells]], previous: dict[str, dict[CellKey, Stored]], keep: dict[str, list[str]]
) -> dict[str, tuple[list[str], Cells]]:
    out = dict(forms)
    for key, fields in keep.items():
        if key not in forms:
            continue
        rows, values = forms[key]
        kept = {
            k: v
            for k, v in previous[key].items()
            if k.field in fields and (k.row in rows or k.row == REASON_ROW) and v is not None
        }
        out[key] = (rows, {**kept, **values})
    return out


def _spec(db: Database, report: Report, form_key: str) -> FormSpec:
    try:
        return templates.spec_of(db, report, form_key)
    except KeyError:
        raise UserError(f"表样 {report.template} 中没有{form_key}这张附件，未导入") from None


# --- last year's figures (issue 12) ------------------------------------------------


def previous_year_figures(db: Database, report: Report) -> PreviousFigures | None:
    """The same unit's (Y−1) report as filed: form key → {paired field key: its year-(Y−1)
    figure}, under ``report``'s keys (a field renamed since last year's template is found under its
    old name); None when the database has no such report. What the (Y−1) columns start from
    and what the audit compares them with (``forms.audit``, code PREVIOUS_YEAR)."""
    last = find(db, report.unit, report.year - 1)
    if last is None:
        return None
    from forms.template_moves import moves  # a report's own template mostly: not loaded at start

    moved = moves(templates.template_of(db, last), templates.template_of(db, report), templates.all_known(db))
    figures: PreviousFigures = {}
    for spec in templates.forms_of(db, last):
        if spec.rows is not RowStyle.COMPARISON:
            continue
        values = cells.form_data(db, last, spec).values
        own: dict[str, Stored] = {}
        for f in spec.paired_fields():
            key = moved.key(spec.key, f.key)
            if key is not None:  # a field this year's template dropped is not carried
                own[key] = values.get(CellKey(MAIN_ROW, f.key, last.year))
        figures[spec.key] = own
    return figures


def fill_previous_year(db: Database, report: Report) -> int:
    """Fill the blank (Y−1) cells of ``report`` from last year's report; returns how many.
    Called when a report is created, so nobody retypes last year's figures."""
    figures = previous_year_figures(db, report)
    if not figures:
        return 0
    filled = 0
    with db.write():
        for spec in templates.forms_of(db, report):
            current = cells.form_data(db, report, spec).values if spec.key in figures else {}
            own = {f.key for f in spec.paired_fields()}  # last year's template may have had others
            items: dict[CellKey, Stored] = {
                CellKey(MAIN_ROW, key, report.year - 1): value
                for key, value in figures.get(spec.key, {}).items()
                if value is not None and key in own and current.get(CellKey(MAIN_ROW, key, report.year - 1)) is None
            }
            if items:
                blank = dict.fromkeys(items)
                cells.apply_within(db, report.id, spec, SetCells(spec.key, blank, items, "上年数"), Origin.CARRIED)
                filled += len(items)
    return filled


# --- the city's 汇总 (issue 12) ------------------------------------------------------


def _members_key(city: str, year: int) -> str:
    return f"aggregate_units:{year}:{city}"


def aggregate_members(db: Database, city: str, year: int) -> list[str]:
    """The units the (city, year) 汇总 was last built from; [] when it is not a 汇总."""
    return [str(unit) for unit in json.loads(db.setting(_members_key(city, year), "[]"))]


def aggregate_gaps(db: Database, report: Report) -> dict[str, dict[str, str]]:
    """For a 汇总 whose members' templates differ from its own: the figures given no 同比 (``FormData.gaps``)."""
    units = aggregate_members(db, report.unit, report.year)
    if not units:
        return {}
    members = [(m.unit, templates.template_of(db, m)) for m in (find(db, u, report.year) for u in units) if m]
    from forms.aggregate import member_gaps  # a 汇总's only: not loaded at start

    return member_gaps(templates.template_of(db, report), members, templates.all_known(db))


def set_aggregate_members(db: Database, city: str, year: int, units: list[str]) -> None:
    """Also puts the units this 汇总 newly sums on the city's standing list: a member the city took off
    is not put back by a 汇总 of that year rebuilt, which sums it still."""
    from storage import members  # not loaded at start: a 汇总's only

    with db.write():
        new = [unit for unit in units if unit not in aggregate_members(db, city, year)]
        db.set_setting(_members_key(city, year), json.dumps(units, ensure_ascii=False))
        members.seed(db, city, new)
