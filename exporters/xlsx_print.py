"""How an attachment sheet prints: A4 landscape, figures no smaller than 9 pt on paper.

Fitting 附件2's 22 columns to one page wide shrinks 10 pt figures to under 5 pt. Instead a
wide table prints at 100 % across pages, broken between field pairs (2023 and 2024 of one
figure stay together), with 序号/单位名称 and the header rows repeated on every page; a
table that fits at 90 % or more prints on one page. Every page carries 第 N 页 共 M 页, and
every page after the first the sheet's title (the first prints it as rows 1–2).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break, ColBreak
from openpyxl.worksheet.worksheet import Worksheet

from forms.grid import Layout

PAGE_WIDTH_IN = 297 / 25.4
MARGIN_SIDE_IN = 0.4
MARGIN_TOP_IN = 0.7  # room for the running header
MARGIN_BOTTOM_IN = 0.7  # and the page number
PRINTABLE_PT = (PAGE_WIDTH_IN - 2 * MARGIN_SIDE_IN) * 72 - 6  # a little slack for borders
CELL_PT = 10  # the figures' type size in the sheet
MIN_PRINTED_PT = 9
MIN_SCALE = math.ceil(MIN_PRINTED_PT / CELL_PT * 100)  # 90 %
FOOTER = "第 &P 页 共 &N 页"


def column_pt(width_chars: float) -> float:
    """Printed width of an Excel column: ``width`` counts the default font's digits, plus padding.
    A 宋体 11 pt digit is 7.3 px at 96 dpi; Excel rounds it to 7 or 8 px, so count 8 (never short)."""
    return (width_chars * 8 + 5) * 0.75


@dataclass(frozen=True)
class PrintPlan:
    scale: int  # percent
    pages: list[list[int]]  # 0-based column indexes on each page, left to right
    title_cols: int  # leading columns repeated on every page (序号, 单位名称)


def _pairs(layout: Layout, cols: list[int]) -> list[list[int]]:
    """Columns that must print on the same page: a paired field's two years."""
    units: list[list[int]] = []
    for col in cols:
        column = layout.columns[col]
        if units and column.field is not None and layout.columns[units[-1][-1]].field is column.field:
            units[-1].append(col)
        else:
            units.append([col])
    return units


def _units(layout: Layout, first: int, widths: list[float], room: float) -> list[list[int]]:
    """A top-level header group stays on one page where it fits one; else its pairs do."""
    units: list[list[int]] = []
    for h in sorted((h for h in layout.header if h.row == 0 and h.col >= first), key=lambda h: h.col):
        cols = list(range(h.col, h.col + h.colspan))
        units += [cols] if sum(widths[c] for c in cols) <= room else _pairs(layout, cols)
    return units


def _pack(layout: Layout, widths: list[float], title_cols: int, room: float) -> list[list[int]]:
    title = list(range(title_cols))
    room -= sum(widths[c] for c in title)
    pages: list[list[int]] = [list(title)]
    used = 0.0
    for unit in _units(layout, title_cols, widths, room):
        width = sum(widths[c] for c in unit)
        if used + width > room and used > 0:
            pages.append([])
            used = 0.0
        pages[-1].extend(unit)
        used += width
    return pages


def plan(layout: Layout, widths_chars: list[float], title_cols: int) -> PrintPlan:
    """The largest scale (90–100 %) that prints the sheet on the fewest pages across."""
    widths = [column_pt(w) for w in widths_chars]
    best: PrintPlan | None = None
    for scale in range(100, MIN_SCALE - 1, -1):
        room = PRINTABLE_PT * 100 / scale
        if sum(widths) <= room:
            return PrintPlan(scale, [list(range(layout.column_count))], title_cols)
        pages = _pack(layout, widths, title_cols, room)
        if best is None or len(pages) < len(best.pages):
            best = PrintPlan(scale, pages, title_cols)
    assert best is not None
    return best


def apply(ws: Worksheet, print_plan: PrintPlan, *, header_rows: tuple[int, int], last_row: int, title: str) -> None:
    """Page setup, repeated rows and columns, column breaks, header and footer, print area."""
    setup = ws.page_setup
    setup.orientation = "landscape"
    setup.paperSize = ws.PAPERSIZE_A4
    setup.scale = print_plan.scale
    setup.fitToWidth = setup.fitToHeight = None
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    ws.print_options.horizontalCentered = True
    ws.print_options.gridLines = False  # the table draws its own borders
    margins = ws.page_margins
    margins.left = margins.right = MARGIN_SIDE_IN
    margins.top, margins.bottom = MARGIN_TOP_IN, MARGIN_BOTTOM_IN
    margins.header = margins.footer = 0.3

    ws.print_title_rows = f"{header_rows[0]}:{header_rows[1]}"
    if len(print_plan.pages) > 1 and print_plan.title_cols:
        ws.print_title_cols = f"A:{get_column_letter(print_plan.title_cols)}"
    breaks = ColBreak()
    for page in print_plan.pages[:-1]:
        breaks.append(Break(id=page[-1] + 1))  # after this page's last column (1-based)
    ws.col_breaks = breaks
    last_col = max(max(page) for page in print_plan.pages) + 1
    ws.print_area = f"A1:{get_column_letter(last_col)}{last_row}"

    hf = ws.HeaderFooter
    hf.differentFirst = True  # page 1 shows the title in the sheet itself
    for footer in (ws.oddFooter, ws.firstFooter):
        footer.center.text = FOOTER
        footer.center.font = "宋体,Regular"
        footer.center.size = 10
    ws.oddHeader.center.text = title.replace("&", "&&")
    ws.oddHeader.center.font = "宋体,Regular"
    ws.oddHeader.center.size = 10
