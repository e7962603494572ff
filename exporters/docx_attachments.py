"""The attachment pages of the Word report: 附件N, title, contact line, table, notes.

Each attachment starts a landscape A4 page. Tables use a fixed layout with widths on the
grid and on every cell so Word and WPS lay them out alike, and header rows repeat.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from exporters.docx_style import FontNames, set_footer_distance, set_line_grid, set_page, set_run_font
from exporters.table_fit import Fit, fit_columns
from forms.grid import Layout, Role
from forms.numbering import attachment_label
from forms.report import FormData, Report, ReportData

LINE_PITCH_PT = 28.95  # the body's line pitch (docx_body.py)
LANDSCAPE_MARGINS = (25.0, 20.0, 20.0, 20.0)  # top, bottom, left, right (mm)
TEXT_WIDTH_MM = 297 - 20 - 20
ROW_MIN_MM = 8  # room to read and to correct by hand
HEADER_MIN_MM = 6


CELL_MARGIN_TWIPS = 28
# CT_TblPr children after w:tblW, in schema order.
_AFTER_TBLW = (
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
)


def column_widths_twips(fit: Fit) -> list[int]:
    widths = [round(w * 20) for w in fit.widths_pt]
    return widths


def _paragraph(cell: _Cell, text: str, fonts: FontNames, *, size: float, bold: bool = False, align=None) -> None:
    paragraph = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:  # merges leave the merged cells' paragraphs behind
        extra._element.getparent().remove(extra._element)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if align is None else align
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    fmt.first_line_indent = Pt(0)
    if text:
        set_run_font(paragraph.add_run(text), fonts.songti, size, bold=bold)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _fix_table(table: Table, widths: list[int]) -> None:
    tbl = table._tbl
    tbl_pr = tbl.tblPr  # table.autofit = False has set w:tblLayout fixed already
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.insert_element_before(tbl_w, *_AFTER_TBLW)
    tbl_w.set(qn("w:w"), str(sum(widths)))
    tbl_w.set(qn("w:type"), "dxa")
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
    for grid_col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        grid_col.set(qn("w:w"), str(width))


def _mark_row(row: _Row, *, header: bool) -> None:
    row.height = Mm(HEADER_MIN_MM if header else ROW_MIN_MM)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    tr_pr = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def add_form_table(doc: DocumentObject, report: Report, data: FormData, places: int, fonts: FontNames) -> Table:
    layout = Layout(data.spec, report.year)
    body = layout.printed_body(data, places)
    fit = fit_columns(layout, body, Mm(TEXT_WIDTH_MM).pt)
    widths = column_widths_twips(fit)
    table = doc.add_table(rows=layout.depth + len(body), cols=layout.column_count)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fix_table(table, widths)
    grid = [row.cells for row in table.rows]  # one pass: table.cell() is quadratic
    for r, row in enumerate(table.rows):
        _mark_row(row, header=r < layout.depth)
        for c, cell in enumerate(grid[r]):
            cell.width = Twips(widths[c])

    def merged(top: int, left: int, rowspan: int, colspan: int) -> _Cell:
        cell = grid[top][left]
        if rowspan > 1 or colspan > 1:
            cell = cell.merge(grid[top + rowspan - 1][left + colspan - 1])
        return cell

    for h in layout.header:
        cell = merged(h.row, h.col, h.rowspan, h.colspan)
        # Labels bold; the year under them regular, as figures are (a bold year is wider and wrapped
        # as 202/3 in the narrow year columns where the PC lacks 仿宋/宋体).
        _paragraph(cell, h.text, fonts, size=fit.size_pt, bold=not h.text.isdigit())
    for i, cells in enumerate(body):
        r = layout.depth + i
        for c in cells:
            cell = merged(r, c.col, 1, c.span)
            align = WD_ALIGN_PARAGRAPH.LEFT if c.role is Role.REASON else None
            _paragraph(cell, c.text, fonts, size=fit.size_pt, align=align)
    return table


def _pitch_line(paragraph: Paragraph) -> Paragraph:
    """One line of the 公文 grid (28.95 pt), so 附件N and the title fall on lines 1 and 3."""
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PITCH_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(0)
    return paragraph


def add_attachment(
    doc: DocumentObject,
    report: Report,
    data: FormData,
    places: int,
    fonts: FontNames,
    *,
    number: int,
    new_page: bool,
) -> None:
    # GB/T 9704: 附件N in 3号黑体 on the first line, top left; the title centred on the third.
    label = _pitch_line(doc.add_paragraph())
    label.paragraph_format.page_break_before = new_page
    set_run_font(label.add_run(attachment_label(number)), fonts.heiti, 16)
    _pitch_line(doc.add_paragraph())
    title = _pitch_line(doc.add_paragraph())
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(6)
    set_run_font(title.add_run(data.spec.title_for(report.year)), fonts.title, 18)

    contact = doc.add_paragraph()
    contact.paragraph_format.space_after = Pt(4)
    set_run_font(contact.add_run(report.filler_line() + "\u3000" * 4 + report.contact_line()), fonts.fangsong, 12)

    add_form_table(doc, report, data, places, fonts)

    for i, note in enumerate(data.spec.notes_for(report.year)):
        p = doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.space_before = Pt(4) if i == 0 else Pt(0)
        fmt.space_after = Pt(0)
        heading = data.spec.notes_heading
        text = f"{heading if i == 0 else chr(0x3000) * len(heading)}{i + 1}. {note}"
        set_run_font(p.add_run(text), fonts.fangsong, 10.5)


def add_attachments(
    doc: DocumentObject,
    data: ReportData,
    fonts: FontNames,
    *,
    after_body: bool,
    forms: list[FormData] | None = None,
) -> None:
    """Append every attachment on its own landscape page.

    ``after_body``: the document already holds a (portrait) report body, so the
    attachments open a new section; otherwise the document's first section is reused.
    """
    section = doc.add_section(WD_SECTION.NEW_PAGE) if after_body else doc.sections[0]
    set_page(section, landscape=True, margins_mm=LANDSCAPE_MARGINS)
    set_footer_distance(section, LANDSCAPE_MARGINS[1])  # below the table area, not inside it
    set_line_grid(section, None)  # the body's 28.95 pt grid would stretch every table row
    numbers = data.attachment_numbers()
    for i, form in enumerate(data.forms if forms is None else forms):
        add_attachment(doc, data.report, form, data.places, fonts, number=numbers[form.spec.key], new_page=i > 0)
