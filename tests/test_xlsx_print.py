"""The workbook on paper: each attachment one A4 landscape page wide, figures at 9 pt or more, nothing cut.

Measured on LibreOffice's PDF, rendered once per font setup and shared by the tests that read it:
with the tests' stand-ins for 宋体 (fonts.conf), and without them, where LibreOffice falls back to
a wider face (DejaVu Sans digits, 0.64 em) and every column prints wider.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from exporters import xlsx_print
from exporters.table_fit import text_em
from exporters.xlsx import write_xlsx
from forms import sample
from forms.grid import Layout, Role
from forms.kinds import TextKind
from forms.report import ReportData
from tests.support import libreoffice
from tests.support.ooxml import assert_valid
from tests.support.pdf_chars import PdfPage, overlapping, read_pages, stray_glyphs
from tests.support.reports import sample_data

A4_LANDSCAPE = (841.9, 595.3)


@dataclass(frozen=True)
class Printed:
    fonts: str
    data: ReportData
    xlsx: Path
    pages: list[PdfPage]

    def sheet_pages(self) -> dict[str, list[PdfPage]]:
        """Each attachment's pages, told by its title (row 2 on its first page, the running header after)."""
        by_sheet: dict[str, list[PdfPage]] = {}
        for page in self.pages:
            titles = [f.spec.label for f in self.data.forms if f.spec.title_for(self.data.report.year) in page.text]
            assert len(titles) == 1, f"{self.fonts} page {page.number}: titles {titles}"
            by_sheet.setdefault(titles[0], []).append(page)
        return by_sheet


COUNTIES = ("甲", "乙乙", "丙丙丙", "丁丁丁丁", "戊", "己己", "庚庚庚", "辛辛辛辛", "壬", "癸癸", "子子子", "丑丑丑丑")


def _city_data() -> ReportData:
    """The sample, its 附件5 listing 24 enforcement units as a city's 汇总 does: rows run onto a second page."""
    data = sample_data()
    a5 = next(f for f in data.forms if f.spec.key == "a5")
    a5.rows[:] = [f"r{i}" for i in range(1, 25)]
    a5.values.clear()
    for i, row in enumerate(a5.rows):
        squad = "综合行政执法大队" if i % 3 == 0 else ""
        name = f"示例市{COUNTIES[i % 12]}{'县' if i < 12 else '区'}应急管理局{squad}"
        a5.values.update(sample.list_row(row, {**sample.A5_ROW, "unit_name": name}))
    return data


@pytest.fixture(scope="module", params=["aliases", "fallback"])
def printed(request, tmp_path_factory) -> Printed:
    folder = tmp_path_factory.mktemp(f"print-{request.param}")
    data = _city_data()
    path = folder / "附表.xlsx"
    write_xlsx(path, data)
    pdf = libreoffice.to_pdf(path, folder / "pdf", test_fonts=request.param == "aliases")
    return Printed(request.param, data, path, read_pages(pdf))


def _body_texts(data: ReportData, label: str) -> tuple[Layout, list[str], list[str]]:
    """The layout, the figures and the wrapped texts (reasons, names) of one attachment's body."""
    form = next(f for f in data.forms if f.spec.label == label)
    layout = Layout(form.spec, data.report.year)
    figures, texts = [], []
    for row in layout.printed_body(form, data.places):
        for c in row:
            if not c.text or c.role is Role.INDEX:
                continue
            wraps = c.role in (Role.REASON, Role.LABEL) or isinstance(c.kind, TextKind)
            (texts if wraps else figures).append(c.text.replace("\n", ""))
    return layout, figures, texts


@pytest.mark.libreoffice
def test_each_attachment_prints_one_page_wide(printed):
    """Every page holds all the sheet's columns: no column alone on a page, no year pair split."""
    assert_valid(printed.xlsx)
    wb = openpyxl.load_workbook(printed.xlsx)
    sheets = printed.sheet_pages()
    assert list(sheets) == ["附件2", "附件3", "附件4", "附件5"]
    for label, pages in sheets.items():
        layout, _, _ = _body_texts(printed.data, label)
        for page in pages:
            assert (page.width, page.height) == pytest.approx(A4_LANDSCAPE, abs=0.5)
            assert len(page.tables) == 1, f"{printed.fonts} {label} page {page.number}"
            edges = {round(x) for box, _ in page.tables[0] for x in (box[0], box[2])}
            columns = len(edges) - 1  # the grid's columns, wherever they are merged
            assert columns == layout.column_count, f"{printed.fonts} {label} page {page.number}: {columns} columns"
        # One page tall where the rows fit at 90 % or more; else they continue under the repeated header.
        assert len(pages) == 1 if wb[label].page_setup.fitToHeight == 1 else len(pages) == 2, (label, len(pages))
    assert len(sheets["附件5"]) == 2  # 24 units: the rows continue
    numbers = [p.number for p in printed.pages]
    for page in printed.pages:
        assert f"第{page.number}页共{len(numbers)}页" in page.text, f"{printed.fonts} page {page.number} unnumbered"


@pytest.mark.libreoffice
def test_figures_print_at_9_pt_or_more(printed):
    sizes = {}
    for page in printed.pages:
        for glyph in page.glyphs:
            if not glyph.text.isspace():
                sizes.setdefault("figure" if glyph.text.isdigit() else "other", []).append(glyph.size)
    assert min(sizes["figure"]) >= xlsx_print.MIN_PRINTED_PT - 0.01, (printed.fonts, min(sizes["figure"]))
    assert min(sizes["other"]) >= xlsx_print.MIN_PRINTED_PT - 0.01, (printed.fonts, min(sizes["other"]))


@pytest.mark.libreoffice
def test_nothing_printed_is_cut(printed):
    """Title, unit and contact lines and every note whole on the sheet's pages; each figure and reason
    whole in its cell; no glyph off the printable area, across a cell border or over another glyph."""
    report = printed.data.report
    margin = xlsx_print.MARGIN_SIDE_IN * 72
    for label, pages in printed.sheet_pages().items():
        form = next(f for f in printed.data.forms if f.spec.label == label)
        first = pages[0].text
        for line in (form.spec.title_for(report.year), report.filler_line(), report.contact_line()):
            assert line.replace(" ", "") in first, f"{printed.fonts} {label}: {line!r} cut"
        text = "".join(p.text for p in pages)
        for note in form.spec.notes_for(report.year):
            assert note.replace(" ", "") in text, f"{printed.fonts} {label}: note {note[:12]!r} cut"
        _, figures, texts = _body_texts(printed.data, label)
        cells = [t for p in pages for t in p.cell_texts()]
        for expected in figures + texts:
            assert expected.replace(" ", "") in cells, f"{printed.fonts} {label}: {expected[:12]!r} not whole in a cell"
        for page in pages:
            printable = (margin - 1, 0, page.width - margin + 1, page.height)
            assert not stray_glyphs(page, printable), (printed.fonts, label, page.number, stray_glyphs(page, printable))
            assert not overlapping(page), (printed.fonts, label, page.number, overlapping(page)[:3])
    words = {t for p in printed.pages for t in p.cell_texts()}
    assert {"9217701", "-35.59%"} <= words


def test_plan_keeps_90_percent_on_every_face():
    """The widths are planned at the widest face: the sheet fits one page wide at 90 % or more there,
    at 100 % with 宋体, and every figure fits its column whichever face draws it."""
    data = _city_data()
    for form in data.forms:
        layout = Layout(form.spec, data.report.year)
        body = layout.printed_body(form, data.places)
        plan = xlsx_print.plan(layout, body, 1)
        assert plan.scale() >= xlsx_print.PLANNED_SCALE - 1 >= xlsx_print.MIN_SCALE, form.spec.label
        assert plan.scale(6.0) == 100, form.spec.label  # Excel's 宋体: 8 px a digit
        for face in xlsx_print.FACES:
            for row in body:
                for c in row:
                    if c.text and c.role not in (Role.REASON, Role.LABEL) and not isinstance(c.kind, TextKind):
                        room = sum(plan.widths[c.col : c.col + c.span]) * face.unit_pt - xlsx_print.CELL_PAD_PT
                        need = text_em(c.text, face.digit_em) * xlsx_print.CELL_PT
                        assert need <= room, (form.spec.label, face.name, c.text)
