"""How an attachment sheet prints: one A4 landscape page wide, figures no smaller than 9 pt on paper.

The columns get the widths of the Word attachment table (``exporters/table_fit.py``: figures
never wrap, header labels and names do), planned for the sheet's printable width at 9 pt. A
spreadsheet counts a column's width in digits of the workbook's default font (宋体 11 pt), so
the same width prints wider where that face is missing and a wider one draws the digits: 5.5 pt
a digit in AR PL UMing, 6 pt in Excel's 宋体 (8 px), 7 pt in DejaVu Sans (LibreOffice's fallback).
The widths are converted at the widest of them, so even there the sheet fits the page at
``PLANNED_SCALE`` %; with 宋体 it fits at 100 %. A figure's digits are drawn by the same face as
the unit, so it fits its column whichever face that is. Fit-to-width (with the fitToPage flag
Excel and WPS read it by) is only the safety net for a face wider still: never a column on a
page of its own, a year pair split or a merged title cut.

Rows that do not fit one page continue on the next, below the header rows repeated; every page
carries 第 N 页 共 M 页, and every page after the first the sheet's title (the first prints it
as rows 1–2).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import ColBreak
from openpyxl.worksheet.worksheet import Worksheet

from exporters.table_fit import FALLBACK, SLACK, fit_columns, text_em
from forms.grid import Cell, Layout

PAGE_WIDTH_IN = 297 / 25.4
MARGIN_SIDE_IN = 0.3  # Excel's narrow margins are 0.25 in; every office printer reaches 7.6 mm
MARGIN_TOP_IN = 0.7  # room for the running header
MARGIN_BOTTOM_IN = 0.7  # and the page number
PRINTABLE_PT = (PAGE_WIDTH_IN - 2 * MARGIN_SIDE_IN) * 72 - 6  # a little slack for borders
CELL_PT = 10  # the figures' type size in the sheet
MIN_PRINTED_PT = 9
MIN_SCALE = math.ceil(MIN_PRINTED_PT / CELL_PT * 100)  # 90 %
PLANNED_SCALE = 92  # on the widest face: a little above MIN_SCALE, for rounding to whole pixels
PRINTABLE_HEIGHT_PT = (210 / 25.4 - MARGIN_TOP_IN - MARGIN_BOTTOM_IN) * 72 - 6
DEFAULT_FONT_PT = 11  # the workbook's default font (exporters/xlsx.py), the unit of column widths
DEFAULT_ROW_PT = 15  # a row without a stored height (exporters/xlsx.py stores every one)
CELL_PAD_PT = 4  # a cell's text keeps about 2 pt from each border
FOOTER = "第 &P 页 共 &N 页"


@dataclass(frozen=True)
class Face:
    """A face that may draw 宋体's text: what one width unit prints at, a digit and a line in em."""

    name: str
    unit_pt: float
    digit_em: float
    line_em: float  # line pitch of wrapped text (measured in LibreOffice's PDF; Excel's 宋体 rows)


FACES = (
    Face("AR PL UMing CN (the tests' 宋体)", 0.5 * DEFAULT_FONT_PT, 0.5, 1.05),
    Face("宋体 in Excel and WPS (8 px a digit)", 6.0, 0.5, 1.3),
    Face("DejaVu Sans, Noto Sans CJK (LibreOffice without 宋体)", FALLBACK[0] * DEFAULT_FONT_PT, FALLBACK[0], 1.45),
)
WIDEST_DIGIT_PT = max(face.unit_pt for face in FACES)


@dataclass(frozen=True)
class PrintPlan:
    widths: list[float]  # each column's width in Excel character units (digits of the default font)
    title_cols: int  # leading columns (序号, 单位名称) repeated should a viewer still run the sheet across pages

    def scale(self, digit_pt: float = WIDEST_DIGIT_PT) -> int:
        """Percent the sheet prints at, one page wide, where a width unit is ``digit_pt`` wide."""
        return min(100, math.floor(PRINTABLE_PT * 100 / (sum(self.widths) * digit_pt)))


def text_height(text: str, width_units: float, size: float = CELL_PT) -> float:
    """A row height (pt) that shows ``text`` wrapped in ``width_units`` whole, whichever face draws it.

    Row heights are stored, so a row never grows to its text in print: too low, and its last lines
    are cut. The narrowest face wraps into the most lines, the widest has the tallest ones."""
    heights = []
    for face in FACES:
        per_line = max(1, math.floor((width_units * face.unit_pt - CELL_PAD_PT) / size))  # CJK characters
        lines = sum(max(1, math.ceil(text_em(part, face.digit_em) * SLACK / per_line)) for part in text.split("\n"))
        heights.append(lines * face.line_em * size)
    return max(heights) + CELL_PAD_PT


def plan(layout: Layout, body: list[list[Cell]], title_cols: int) -> PrintPlan:
    """The Word table's widths (printed at 9 pt on the sheet's page), at ``PLANNED_SCALE`` on the widest face."""
    fit = fit_columns(layout, body, PRINTABLE_PT)
    unit_pt = WIDEST_DIGIT_PT * PLANNED_SCALE / 100  # what one width unit prints at there
    # Two places: Excel stores widths in 1/256 of a unit, and more digits only make the file noisy.
    return PrintPlan([math.floor(w / unit_pt * 100) / 100 for w in fit.widths_pt], title_cols)


def tall_scale(ws: Worksheet, last_row: int) -> int:
    """Percent at which rows 1 to ``last_row`` fit one page tall (100 at most)."""
    height = sum(ws.row_dimensions[r].height or DEFAULT_ROW_PT for r in range(1, last_row + 1))
    return min(100, math.floor(PRINTABLE_HEIGHT_PT * 100 / height))


def apply(ws: Worksheet, print_plan: PrintPlan, *, header_rows: tuple[int, int], last_row: int, title: str) -> None:
    """Column widths, page setup, repeated rows, header and footer, print area."""
    for col, width in enumerate(print_plan.widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    setup = ws.page_setup
    setup.orientation = "landscape"
    setup.paperSize = ws.PAPERSIZE_A4
    # Excel, WPS and LibreOffice fit to one page wide (never enlarging) and ignore the scale; a
    # viewer that reads only the scale still gets the one the widest face needs. Rows have stored
    # heights, the same in every face: a sheet that fits one page tall at MIN_SCALE or more is
    # fitted to one page; a taller one runs on below its repeated header rows (0: as many as needed).
    scale = print_plan.scale()
    tall = tall_scale(ws, last_row)
    one_page = tall >= MIN_SCALE
    setup.scale = min(scale, tall) if one_page else scale
    setup.fitToWidth, setup.fitToHeight = 1, int(one_page)
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.print_options.gridLines = False  # the table draws its own borders
    margins = ws.page_margins
    margins.left = margins.right = MARGIN_SIDE_IN
    margins.top, margins.bottom = MARGIN_TOP_IN, MARGIN_BOTTOM_IN
    margins.header = margins.footer = 0.3

    ws.print_title_rows = f"{header_rows[0]}:{header_rows[1]}"
    if print_plan.title_cols:
        ws.print_title_cols = f"A:{get_column_letter(print_plan.title_cols)}"
    ws.col_breaks = ColBreak()  # no manual break: the sheet is one page wide
    ws.print_area = f"A1:{get_column_letter(len(print_plan.widths))}{last_row}"

    hf = ws.HeaderFooter
    hf.differentFirst = True  # page 1 shows the title in the sheet itself
    for footer in (ws.oddFooter, ws.firstFooter):
        footer.center.text = FOOTER
        footer.center.font = "宋体,Regular"
        footer.center.size = 10
    ws.oddHeader.center.text = title.replace("&", "&&")
    ws.oddHeader.center.font = "宋体,Regular"
    ws.oddHeader.center.size = 10
