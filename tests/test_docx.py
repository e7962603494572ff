"""The Word attachments, reopened with python-docx and rendered to PDF by LibreOffice."""

from __future__ import annotations

import re

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from exporters.docx_report import write_docx
from exporters.docx_style import FontNames
from forms.grid import Layout
from tests.support import libreoffice
from tests.support.ooxml import assert_valid
from tests.support.pdf_ink import ink_extent
from tests.support.pdf_lines import MM, page_words

A4_LANDSCAPE = (841.89, 595.30)


@pytest.fixture
def docx_path(store, sample, tmp_path):
    path = tmp_path / "报告.docx"
    write_docx(path, store.report_data(sample, with_text=False))  # the attachments alone
    assert_valid(path)  # Word opens it without offering a repair
    return path


def test_tables_hold_the_database_figures(store, sample, docx_path):
    doc = Document(str(docx_path))
    data = store.report_data(sample)
    assert len(doc.tables) == 4
    for table, form in zip(doc.tables, data.forms, strict=True):
        layout = Layout(form.spec, sample.year)
        body = layout.body(form, data.places)
        for i, cells in enumerate(body):
            row = table.rows[layout.depth + i]
            for cell in cells:
                assert row.cells[cell.col].text == cell.text, f"{form.spec.label} row {i} col {cell.col}"
    a2 = doc.tables[0]
    assert [c.text for c in a2.rows[3].cells[:4]] == ["1", "示例市应急管理局", "148", "178"]
    assert a2.rows[4].cells[10].text == "-35.59%" and a2.rows[4].cells[11].text == "-35.59%"  # merged pair


def test_fixed_layout_repeated_headers_and_east_asian_fonts(docx_path):
    doc = Document(str(docx_path))
    table = doc.tables[1]
    tbl_pr = table._tbl.tblPr
    assert tbl_pr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    assert all(int(col.get(qn("w:w"))) > 0 for col in table._tbl.tblGrid.findall(qn("w:gridCol")))
    header_flags = [row._tr.trPr.find(qn("w:tblHeader")) is not None for row in table.rows]
    assert header_flags == [True, True, True, False, False, False]
    for paragraph in doc.paragraphs:
        for run in paragraph.runs:
            assert run._element.rPr.rFonts.get(qn("w:eastAsia")), run.text
    defaults = etree.tostring(doc.styles.element.find(qn("w:docDefaults")), encoding="unicode")
    assert "ja-JP" not in defaults and 'w:eastAsia="zh-CN"' in defaults
    assert "eastAsiaTheme" not in defaults
    assert doc.paragraphs[0].runs[0].text == "附件2"
    assert doc.paragraphs[0].runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == FontNames().heiti


def test_each_section_is_landscape_a4(docx_path):
    for section in Document(str(docx_path)).sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)


@pytest.mark.libreoffice
def test_rendered_pdf_shows_four_landscape_attachments(docx_path, tmp_path):
    pdf = libreoffice.to_pdf(docx_path, tmp_path / "pdf")
    pages = libreoffice.pdf_pages(pdf)
    assert len(pages) == 4
    assert all(
        w == pytest.approx(A4_LANDSCAPE[0], abs=1) and h == pytest.approx(A4_LANDSCAPE[1], abs=1) for w, h in pages
    )
    text = libreoffice.pdf_text(pdf)
    page_texts = text.split("\f")
    for number, title in enumerate(
        [
            "2024年行政执法案件数据情况统计表",
            "2024年涉企行政执法数据情况统计表",
            "2024年行政执法保障情况统计表",
            "2024年“两法衔接”工作情况统计表",
        ],
        start=2,
    ):
        page = re.sub(r"\s+", "", page_texts[number - 2])  # pdftotext spaces CJK from digits
        assert page.startswith(f"附件{number}{title}")
    compact = [re.sub(r"\s+", "", p) for p in page_texts]
    assert "行政执法行为类别及项目" in compact[0] and "-35.59%" in compact[0] and "4199252" in compact[0]
    assert "填报单位：示例市应急管理局" in compact[0] and "林晓岚" in compact[0]
    assert "-53.01%" in compact[1] and "923.33%" in compact[1]
    assert "执法记录仪" in compact[2] and "79" in compact[2]
    assert "示例市应急管理综合行政执法支队" in compact[3]
    fonts = libreoffice.pdf_fonts(pdf)
    chinese = [f for f in fonts if any(n in f for n in ("UMingCN", "UKaiCN", "WenQuanYi", "CJKsc"))]
    assert chinese and not [f for f in fonts if re.search(r"jp|JP|KR|kr", f)], fonts  # never a JP fallback
    for number in range(1, 5):  # the page number's dash 7 mm below the table area, never in it
        dash = next(w for w in page_words(pdf, number) if w.text == "—")
        top, bottom = ink_extent(pdf, number, (dash.x_min, dash.y_min - 2, dash.x_max, dash.y_max + 2))
        assert (top + bottom) / 2 / MM == pytest.approx(210 - 20 + 7, abs=1)
    pngs = libreoffice.pdf_to_png(pdf, tmp_path / "png" / "page")
    assert len(pngs) == 4 and all(p.stat().st_size > 10_000 for p in pngs)


@pytest.mark.libreoffice
@pytest.mark.parametrize("font_set", ["government", "windows"])
def test_every_figure_sits_on_one_line(store, sample, tmp_path, font_set):
    """Large amounts with fen and six-digit counts, in both font settings: no figure or year wraps."""
    from decimal import Decimal

    from exporters.report_export import export_report
    from forms.grid import Role
    from forms.kinds import TextKind
    from forms.registry import form
    from forms.report import MAIN_ROW, CellKey
    from tests.support.pdf_lines import page_words

    store.set_font_set(font_set)
    for key in ("a2", "a3"):
        spec = form(key)
        store.set_value(sample.id, spec, CellKey(MAIN_ROW, "fines", 2023), Decimal("92177011.25"))
        store.set_value(sample.id, spec, CellKey(MAIN_ROW, "penalty", 2024), 123456)
    store.set_value(sample.id, form("a3"), CellKey(MAIN_ROW, "exempt_amount", 2024), Decimal("30700000.5"))
    path = tmp_path / "报告.docx"
    export_report(store, sample.unit, sample.year, docx=path)
    assert_valid(path)
    pdf = libreoffice.to_pdf(path, tmp_path / "pdf")
    data = store.report_data(sample)
    landscape = [n for n, (w, h) in enumerate(libreoffice.pdf_pages(pdf), start=1) if w > h]
    assert len(landscape) == 4
    for number, form_data in zip(landscape, data.forms, strict=True):
        layout = Layout(form_data.spec, sample.year)
        figures = {h.text for h in layout.header if h.text.isdigit()}  # the year headers
        for row in layout.printed_body(form_data, data.places):
            figures |= {
                c.text
                for c in row
                if c.text
                and (c.role in (Role.YOY, Role.INDEX) or (c.role is Role.VALUE and not isinstance(c.kind, TextKind)))
            }
        boxes = page_words(pdf, number)
        words = {w.text for w in boxes}
        assert figures - words == set(), f"{form_data.spec.label}: split across lines"
        assert max(w.x_max for w in boxes) < A4_LANDSCAPE[0] - 19 * MM  # and the table stays on the page
    assert "92177011.25" in {w.text for w in page_words(pdf, landscape[0])}


def test_type_steps_down_only_as_far_as_the_table_needs(store, sample):
    from docx.shared import Mm

    from exporters.docx_attachments import TEXT_WIDTH_MM
    from exporters.table_fit import fit_columns, text_em

    data = store.report_data(sample)
    sizes = {}
    for form_data in data.forms:
        layout = Layout(form_data.spec, sample.year)
        fit = fit_columns(layout, layout.printed_body(form_data, data.places), Mm(TEXT_WIDTH_MM).pt)
        assert sum(fit.widths_pt) <= Mm(TEXT_WIDTH_MM).pt + 0.5
        sizes[form_data.spec.key] = fit.size_pt
    assert sizes["a5"] > sizes["a2"] == 9.0  # ten columns need no small type; 22 do
    assert text_em("9,217,701.00") == 6.0 and text_em("罚没金额") == 4.0


def test_sample_tables_leave_room_for_a_fallback_font(store, sample):
    """On a PC without 仿宋/宋体 digits are drawn wider (DejaVu Sans 0.64 em): the sample's figures and
    year headers still fit their columns (seen wrapping as 202/3 and 921770/1)."""
    from docx.shared import Mm

    from exporters.docx_attachments import TEXT_WIDTH_MM
    from exporters.table_fit import CELL_MARGIN_PT, fit_columns

    data = store.report_data(sample)
    for form_data in data.forms:
        layout = Layout(form_data.spec, sample.year)
        body = layout.printed_body(form_data, data.places)
        fit = fit_columns(layout, body, Mm(TEXT_WIDTH_MM).pt)
        for h in layout.header:
            if h.text.isdigit():
                drawn = len(h.text) * 0.64 * fit.size_pt + 2 * CELL_MARGIN_PT
                assert fit.widths_pt[h.col] >= drawn, (form_data.spec.label, h.text)
        for row in body:
            for c in row:
                if c.text and c.text.replace(".", "").replace("%", "").replace("-", "").isdigit() and c.span == 1:
                    drawn = len(c.text) * 0.64 * fit.size_pt + 2 * CELL_MARGIN_PT
                    assert fit.widths_pt[c.col] >= drawn, (form_data.spec.label, c.text)
