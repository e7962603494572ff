"""The Excel appendix: one sheet per attachment, laid out as the paper form.

Figures are stored as numbers and 同比增减 as rounded values with a percent format (not
formulas), so mail previews and viewers that never calculate still show them. A hidden
sheet says what the file is, for the import that reads a county's workbook back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exporters import xlsx_print
from exporters.files import save_atomically
from exporters.xlsx_package import workbook_bytes
from exporters.xlsx_print import text_height
from forms.aggregate import Breakdown
from forms.grid import Cell, Layout, Role
from forms.hygiene import printable
from forms.kinds import TextKind, percent
from forms.numbering import attachment_label
from forms.report import FormData, Report, ReportData
from forms.stored_chars import printable_data

META_SHEET = "_填报助手"
FONT = "宋体"  # present on every Windows and WPS install
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TITLE_ROW = 2
FIRST_HEADER_ROW = 4  # 附件N, title, 填报单位/联系人 line above it

FORMULA_START = ("=", "+", "-", "@")


def put(target: SheetCell, value: object) -> SheetCell:
    """Write a value; text is always text (``data_type = "s"``), never a formula, in any sheet.

    openpyxl takes a string starting with ``=`` for a formula, and Excel/WPS evaluate a cell
    typed as ``-较上年减少`` or ``=见说明``: such text gets the quote prefix a spreadsheet shows
    for a text cell, so it is also not evaluated when the clerk edits it later."""
    if isinstance(value, str):
        target.value = value or None
        if value:
            target.data_type = "s"
            target.quotePrefix = value.startswith(FORMULA_START)
    else:
        target.value = value
    return target


def write_form_sheet(ws: Worksheet, report: Report, data: FormData, places: int, label: str | None = None) -> None:
    layout = Layout(data.spec, report.year)
    body = layout.printed_body(data, places)
    frozen_cols = data.spec.label_columns()
    printing = xlsx_print.plan(layout, body, frozen_cols)
    widths = printing.widths
    # The sheet prints one page wide, so title, contact line and notes span the whole table.
    n = layout.column_count
    last = get_column_letter(n)

    put(ws["A1"], label or data.spec.label)
    ws["A1"].font = Font(name="黑体", size=14)
    ws.row_dimensions[1].height = 22  # every row's height is stored: xlsx_print fits them to the page
    ws.merge_cells(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    title = put(ws.cell(TITLE_ROW, 1), data.spec.title_for(report.year))
    title.font = Font(name=FONT, size=18, bold=True)
    title.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[TITLE_ROW].height = 32
    half = max(2, n // 2)
    contact_height = 18.0
    for left, right, text in ((1, half, report.filler_line()), (half + 1, n, report.contact_line())):
        ws.merge_cells(start_row=3, start_column=left, end_row=3, end_column=right)
        cell = put(ws.cell(3, left), text)
        cell.font = Font(name=FONT, size=11)
        cell.alignment = Alignment(vertical="center", wrap_text=True)  # a long contact line wraps, never cut
        contact_height = max(contact_height, text_height(text, sum(widths[left - 1 : right]), 11))
    ws.row_dimensions[3].height = contact_height

    header_font = Font(name=FONT, size=10, bold=True)
    # The years regular, as figures are: a bold year is wider and would wrap as 202/3 in a narrow
    # year column where a wider face stands in for 宋体 (as in the Word table).
    year_font = Font(name=FONT, size=10)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    heights = [20.0] * layout.depth
    spanning = []
    for h in layout.header:
        top, left = FIRST_HEADER_ROW + h.row, h.col + 1
        _box(ws, top, left, h.rowspan, h.colspan)
        cell = put(ws.cell(top, left), int(h.text) if h.text.isdigit() and h.row == layout.depth - 1 else h.text)
        cell.font = year_font if h.text.isdigit() else header_font
        cell.alignment = centred
        need = text_height(h.text, sum(widths[h.col : h.col + h.colspan]))
        if h.rowspan == 1:
            heights[h.row] = max(heights[h.row], need)
        else:
            spanning.append((h.row, h.rowspan, need))
    for first, span, need in spanning:  # 序号, 单位名称 down the header rows: the last of them grows
        heights[first + span - 1] += max(0.0, need - sum(heights[first : first + span]))
    for level, height in enumerate(heights):
        ws.row_dimensions[FIRST_HEADER_ROW + level].height = height

    row = FIRST_HEADER_ROW + layout.depth
    first_body = row
    for cells in body:
        height = 20.0
        for c in cells:
            _box(ws, row, c.col + 1, 1, c.span)
            _write_cell(ws.cell(row, c.col + 1), c, places)
            # Reasons, unit names and labels wrap, so the row grows; figures never wrap (table_fit).
            if c.text and (c.role in (Role.REASON, Role.LABEL) or isinstance(c.kind, TextKind)):
                height = max(height, text_height(c.text, sum(widths[c.col : c.col + c.span])))
        ws.row_dimensions[row].height = height
        row += 1

    notes = data.spec.notes_for(report.year)
    for i, note in enumerate(notes):
        prefix = data.spec.notes_heading if i == 0 else "　" * len(data.spec.notes_heading)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=n)
        cell = put(ws.cell(row, 1), f"{prefix}{i + 1}. {note}")
        cell.font = Font(name=FONT, size=10)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = max(16, text_height(cell.value, sum(widths)))
        row += 1

    # A coordinate, not ws.cell(): the cell there may be merged (an empty list table's 无 row).
    ws.freeze_panes = f"{get_column_letter(frozen_cols)}{first_body}"
    xlsx_print.apply(
        ws,
        printing,
        header_rows=(FIRST_HEADER_ROW, FIRST_HEADER_ROW + layout.depth - 1),
        last_row=row - 1,
        title=f"{label or data.spec.label}　{data.spec.title_for(report.year)}",
    )


def _box(ws: Worksheet, row: int, col: int, rowspan: int, colspan: int) -> None:
    """Border every cell of a (possibly merged) block, then merge it."""
    for r in range(row, row + rowspan):
        for c in range(col, col + colspan):
            ws.cell(r, c).border = BORDER
    if rowspan > 1 or colspan > 1:
        ws.merge_cells(start_row=row, start_column=col, end_row=row + rowspan - 1, end_column=col + colspan - 1)


def _write_cell(target, cell: Cell, places: int) -> None:
    target.font = Font(name=FONT, size=10)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if cell.role is Role.YOY:
        assert cell.yoy is not None
        _put(target, percent(places).excel(cell.yoy.percent))
        target.alignment = centre
    elif cell.role is Role.REASON:
        put(target, cell.text)
        target.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    elif cell.role is Role.VALUE:
        _put(target, cell.kind.excel(cell.value))  # a spreadsheet shows what the Word table says
        target.alignment = Alignment(horizontal=cell.kind.align, vertical="center", wrap_text=True)
    else:
        put(target, int(cell.text) if cell.role is Role.INDEX else cell.text)
        target.alignment = centre


def _put(target, value_and_format: tuple[object, str | None]) -> None:
    """A value as its kind writes it: the value (text through ``put``) and its number format."""
    value, number_format = value_and_format
    put(target, value)
    if number_format is not None:
        target.number_format = number_format


def write_meta_sheet(ws: Worksheet, data: ReportData) -> None:
    report = data.report
    rows = [
        ("app", "填报助手"),
        ("template_version", report.template),  # the report's own (importers/workbook.py reads it)
        ("unit", report.unit),
        ("year", report.year),
        ("filler", report.filler),
        ("contact_person", report.contact_person),
        ("contact_phone", report.contact_phone),
        ("yoy_places", data.places),
        ("exported_at", datetime.now().isoformat(timespec="seconds")),
    ]
    numbers = data.attachment_numbers()
    for form in data.forms:
        rows.append((f"sheet:{form.spec.key}", attachment_label(numbers[form.spec.key])))
        rows.append((f"rows:{form.spec.key}", ",".join(form.rows)))
    for r, (key, value) in enumerate(rows, start=1):
        put(ws.cell(r, 1), key)
        put(ws.cell(r, 2), value)
    ws.sheet_state = "hidden"


def write_breakdown_sheet(ws: Worksheet, breakdown: Breakdown, year: int, label: str) -> None:
    """A 汇总's sums unit by unit: 序号, 单位名称, every numeric column, a row per unit and 合计."""
    spec = breakdown.spec
    headers = ["序号", "单位名称"] + [f"{f.noun}({period})" if period else f.noun for f, period in breakdown.columns]
    n = len(headers)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    title = put(ws.cell(1, 1), f"{label} {spec.title_for(year)}：各单位明细")
    title.font = Font(name=FONT, size=14, bold=True)
    title.alignment = Alignment(horizontal="center", vertical="center")
    header_font = Font(name=FONT, size=10, bold=True)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for col, text in enumerate(headers, start=1):
        cell = put(ws.cell(2, col), text)
        cell.font, cell.alignment, cell.border = header_font, centred, BORDER
        ws.column_dimensions[get_column_letter(col)].width = 6 if col == 1 else (24 if col == 2 else 12)
    ws.row_dimensions[2].height = 46
    kinds = [f.kind for f, _ in breakdown.columns]
    rows = [*breakdown.units, ("合计", breakdown.total)]
    for r, (unit, values) in enumerate(rows, start=3):
        total = r == len(rows) + 2  # the last row: 合计
        put(ws.cell(r, 1), "" if total else r - 2)
        put(ws.cell(r, 2), unit)
        for col, (kind, value) in enumerate(zip(kinds, values, strict=True), start=3):
            _put(ws.cell(r, col), kind.excel(value))
        for col in range(1, n + 1):
            cell = ws.cell(r, col)
            cell.border = BORDER
            cell.font = Font(name=FONT, size=10, bold=total)
            cell.alignment = Alignment(horizontal="left" if col == 2 else "right", vertical="center")
    ws.freeze_panes = "C3"


def build_workbook(data: ReportData, breakdowns: Sequence[Breakdown] = ()) -> Workbook:
    data = printable_data(data)  # whatever an older version left in the file: no control character
    breakdowns = [replace(b, units=[(printable(unit), row) for unit, row in b.units]) for b in breakdowns]
    wb = Workbook()
    wb.remove(wb.active)
    numbers = data.attachment_numbers()  # the Word report's 附件 numbers, so both files agree
    for form in sorted(data.forms, key=lambda f: numbers[f.spec.key]):
        label = attachment_label(numbers[form.spec.key])
        write_form_sheet(wb.create_sheet(label), data.report, form, data.places, label)
    for breakdown in breakdowns:
        if breakdown.spec.key in numbers:
            label = attachment_label(numbers[breakdown.spec.key])
            write_breakdown_sheet(wb.create_sheet(f"{label}明细"), breakdown, data.report.year, label)
    write_meta_sheet(wb.create_sheet(META_SHEET), data)
    wb.active = 0
    return wb


def write_xlsx(path: Path, data: ReportData, breakdowns: Sequence[Breakdown] = ()) -> None:
    """``breakdowns``: a city's 汇总 adds one sheet per attachment with each unit's figures."""
    wb = build_workbook(data, breakdowns)
    # 宋体 11 pt as the default font: column widths are counted in its digits in Excel, WPS and
    # LibreOffice (exporters/xlsx_print.py plans them for a wider face standing in for it, too).
    save_atomically(Path(path), lambda tmp: tmp.write_bytes(workbook_bytes(wb, default_font=(FONT, 11))))
