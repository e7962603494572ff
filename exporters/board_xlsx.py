"""The city's board as a small workbook the city can mail up: one sheet, a title, a header row and a
row per member (forms/board.py says what each cell reads), printed A4 landscape one page wide like the
attachments (exporters/xlsx_print.py: the widths planned for the widest face, header rows repeated)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from exporters.files import save_atomically
from exporters.xlsx import BORDER, FONT, put
from exporters.xlsx_package import workbook_bytes
from exporters.xlsx_print import PLANNED_SCALE, PRINTABLE_PT, WIDEST_DIGIT_PT, PrintPlan, apply, text_height
from forms.board import COLUMNS, COUNT_COLUMNS, MemberRow, summary, title
from forms.hygiene import printable

SHEET = "报送情况"
# Each column's share of the page: the texts (原因简析, the changes) wrap, names and times do not.
SHARES = (20, 8, 20, 17, 4.5, 4.5, 23, 23)
HEADER_ROW = 2
SIZE = 10


def widths() -> list[float]:
    """Column widths (digits of the default font) that fill the page at ``PLANNED_SCALE`` on the widest face."""
    units = PRINTABLE_PT / (WIDEST_DIGIT_PT * PLANNED_SCALE / 100)
    return [math.floor(share * units / sum(SHARES) * 100) / 100 for share in SHARES]


def _row_height(texts: Sequence[str], widths: list[float]) -> float:
    # Stored, so a wrapped 原因简析 prints whole (a row never grows to its text in print).
    return max(text_height(t, w, SIZE) for t, w in zip(texts, widths, strict=True))


def build_board(city: str, year: int, rows: Sequence[MemberRow]) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    plan = PrintPlan(widths(), title_cols=1)
    n = len(COLUMNS)
    heading = title(city, year)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    cell = put(ws.cell(1, 1), printable(heading, multiline=False))
    cell.font = Font(name=FONT, size=14, bold=True)
    cell.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 28
    header_font, body_font = Font(name=FONT, size=SIZE, bold=True), Font(name=FONT, size=SIZE)
    for col, text in enumerate(COLUMNS, start=1):
        cell = put(ws.cell(HEADER_ROW, col), text)
        cell.font, cell.border = header_font, BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[HEADER_ROW].height = _row_height(COLUMNS, plan.widths)
    for r, row in enumerate(rows, start=HEADER_ROW + 1):
        texts = [printable(text, multiline=False) for text in row.cells()]
        for col, text in enumerate(texts, start=1):
            counted = col - 1 in COUNT_COLUMNS and text
            cell = put(ws.cell(r, col), int(text) if counted else text)
            cell.border = BORDER
            cell.font = Font(name=FONT, size=SIZE, bold=not row.reported and col == 2)
            horizontal = "right" if col - 1 in COUNT_COLUMNS else ("center" if col == 2 else "left")
            cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
        ws.row_dimensions[r].height = _row_height(texts, plan.widths)
    last = HEADER_ROW + len(rows) + 1
    cell = put(ws.cell(last, 1), summary(rows))
    cell.font, cell.alignment = body_font, Alignment(vertical="center", wrap_text=True)
    ws.row_dimensions[last].height = text_height(summary(rows), sum(plan.widths), SIZE)
    ws.merge_cells(start_row=last, start_column=1, end_row=last, end_column=n)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 2)
    apply(ws, plan, header_rows=(HEADER_ROW, HEADER_ROW), last_row=last, title=heading)
    return wb


def write_board_xlsx(path: Path, city: str, year: int, rows: Sequence[MemberRow]) -> None:
    wb = build_board(city, year, rows)
    save_atomically(Path(path), lambda tmp: tmp.write_bytes(workbook_bytes(wb, default_font=(FONT, 11))))
