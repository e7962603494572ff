"""The Excel appendix, reopened with openpyxl and with LibreOffice, checked against the database."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from exporters.xlsx import FIRST_HEADER_ROW, META_SHEET, write_xlsx
from forms import text_edits as edits
from forms.registry import FORMS, TEMPLATE_VERSION
from forms.report import MAIN_ROW, REASON_ROW, CellKey
from forms.spec import RowStyle
from forms.yoy import yoy
from tests.support import libreoffice
from tests.support.ooxml import assert_valid
from tests.support.sheets import find_column, find_row, header_paths
from tests.support.texts import attach, edit_text

# The seed's 同比增减 row of 附件2, field by field (a field the sample has no figures for shows none).
SEED_YOY_ROW = {
    "license": "20.27%",
    "confirmation": "",
    "coercion": "0.00%",
    "ruling": "",
    "inspection": "-35.59%",
    "penalty": "-46.94%",
    "complaint_cases": "33.33%",
    "legal_review": "-45.28%",
    "fines": "-54.44%",
    "transfers": "0.00%",
}


@pytest.fixture
def workbook_path(store, sample, tmp_path):
    path = tmp_path / "附表.xlsx"
    write_xlsx(path, store.report_data(sample))
    assert_valid(path)  # Excel opens it without a repair prompt or a silent rewrite
    return path


def _percent(value) -> str:
    return "" if value is None else f"{Decimal(str(value)) * 100:.2f}%"


def test_attachment2_yoy_row_in_openpyxl(workbook_path):
    ws = openpyxl.load_workbook(workbook_path, data_only=True)["附件2"]
    paths = header_paths(ws, FIRST_HEADER_ROW, FIRST_HEADER_ROW + 2)
    row = find_row(ws, FIRST_HEADER_ROW + 3, 2, "同比增减")
    shown = {f.key: _percent(ws.cell(row, find_column(paths, f.label, "2023")).value) for f in FORMS[0].paired_fields()}
    assert {key: shown[key] for key in SEED_YOY_ROW} == SEED_YOY_ROW
    assert ws.cell(row, find_column(paths, "行政许可(件)", "2023")).number_format == "0.00%"


@pytest.mark.libreoffice
def test_attachment2_yoy_row_as_libreoffice_shows_it(workbook_path, tmp_path):
    sheets = libreoffice.sheets_as_shown(workbook_path, tmp_path / "lo")
    assert set(sheets) == {"附件2", "附件3", "附件4", "附件5", META_SHEET}
    rows = sheets["附件2"]
    yoy_row = next(r for r in rows if len(r) > 1 and r[1] == "同比增减")
    shown = dict(zip([f.key for f in FORMS[0].paired_fields()], yoy_row[2::2], strict=False))
    assert {key: shown[key] for key in SEED_YOY_ROW} == SEED_YOY_ROW
    figures = next(r for r in rows if r[:2] == ["1", "示例市应急管理局"])
    assert figures[2:4] == ["148", "178"] and figures[18:20] == ["9217701", "4199252"]  # as the Word table
    assert rows[1][0] == "2024年行政执法案件数据情况统计表"


def test_every_stored_value_is_in_its_cell(store, sample, workbook_path):
    wb = openpyxl.load_workbook(workbook_path)
    data = store.report_data(sample)
    checked = 0
    for form in data.forms:
        spec = form.spec
        ws = wb[spec.label]
        depth = 3 if spec.rows is RowStyle.COMPARISON else 2
        paths = header_paths(ws, FIRST_HEADER_ROW, FIRST_HEADER_ROW + depth - 1)
        first_body = FIRST_HEADER_ROW + depth
        for key, value in form.values.items():
            field = spec.field(key.field)
            if key.row == REASON_ROW:
                col = find_column(paths, field.label, str(sample.year - 1))
                row = find_row(ws, first_body, 2, "数据变化原因简析")
            elif key.row == MAIN_ROW:
                labels = (field.label, str(key.period)) if key.period else (field.label,)
                col = find_column(paths, *labels)
                row = first_body
            else:
                col = find_column(paths, field.label)
                row = find_row(ws, first_body, 1, form.rows.index(key.row) + 1)
            cell = ws.cell(row, col).value
            expected = int(value) if isinstance(value, Decimal) and value == int(value) else value
            assert cell == expected, f"{spec.label} {field.label} {key}"
            if isinstance(value, int | Decimal):
                assert isinstance(cell, int | float)  # stored as a number, never as text
            checked += 1
        for field in spec.paired_fields():
            prev = form.get(CellKey(MAIN_ROW, field.key, sample.year - 1))
            cur = form.get(CellKey(MAIN_ROW, field.key, sample.year))
            col = find_column(paths, field.label, str(sample.year - 1))
            got = ws.cell(find_row(ws, first_body, 2, "同比增减"), col).value
            expected = yoy(prev, cur).fraction
            assert (got is None and expected is None) or Decimal(str(got)) == expected
            checked += 1
    # every sample figure, reason and 同比 (2024.1: 13 + 6 + 2 × 10 + 2 × 11 + 10 + 19 + 10)
    assert checked == sum(len(f.values) + len(f.spec.paired_fields()) for f in data.forms)


def test_sheet_layout_and_print_setup(workbook_path):
    wb = openpyxl.load_workbook(workbook_path)
    assert wb.sheetnames[:4] == ["附件2", "附件3", "附件4", "附件5"]
    ws = wb["附件3"]
    assert ws["A1"].value == "附件3"
    assert ws["A3"].value == "填报单位：示例市应急管理局"
    assert "联系人和联系方式：林晓岚 0730-5550123" in [c.value for c in ws[3] if c.value]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A4:A6" in merged and "C4:X4" in merged and "C5:D5" in merged  # 序号, 类别, 涉企行政处罚
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    # One page wide (fitToPage is the flag Excel/WPS read fitToWidth by); the widths fit at 90 % or more.
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.scale >= 90  # figures ≥ 9 pt, even for a viewer that reads only the scale
    assert ws.print_title_rows == "$4:$6" and ws.print_title_cols == "$A:$B"  # 序号, 单位 on every page
    assert not ws.col_breaks.brk  # no manual break across
    assert ws.print_area == "'附件3'!$A$1:$X$16" and not ws.print_options.gridLines
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页" and ws.firstFooter.center.text == ws.oddFooter.center.text
    assert ws.oddHeader.center.text == "附件3　2024年涉企行政执法数据情况统计表"
    assert ws["C7"].border.left.style == "thin"
    notes = [ws.cell(r, 1).value for r in range(10, 17)]
    assert notes[0].startswith("填表说明：1. ") and notes[6].endswith("“罚没金额”以年底各单位财政入库数额为准。")
    assert wb["附件4"]["A1"].value == "附件4" and wb["附件4"].print_title_rows == "$4:$5"


def test_hidden_sheet_says_what_the_file_is(workbook_path):
    wb = openpyxl.load_workbook(workbook_path)
    meta = wb[META_SHEET]
    assert meta.sheet_state == "hidden"
    values = {row[0]: row[1] for row in meta.iter_rows(values_only=True)}
    assert values["template_version"] == TEMPLATE_VERSION
    assert values["unit"] == "示例市应急管理局" and values["year"] == 2024
    assert values["rows:a5"] == "r1,r2,r3,r4"


def test_places_setting_reaches_the_workbook(store, sample, tmp_path):
    store.set_yoy_places(1)
    path = tmp_path / "one-place.xlsx"
    write_xlsx(path, store.report_data(sample))
    assert_valid(path)
    ws = openpyxl.load_workbook(path)["附件2"]
    assert ws["C8"].number_format == "0.0%"
    assert ws["C8"].value == pytest.approx(0.203)


def test_sheet_names_follow_the_report_attachment_numbers(store, sample, tmp_path):
    attach(store, sample, "a3", "a5")
    edit_text(store, sample, edits.set_numbering, "sequential")
    path = tmp_path / "seq.xlsx"
    write_xlsx(path, store.report_data(sample))
    assert_valid(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["附件1", "附件2", "附件3", "附件4", META_SHEET]
    assert wb["附件1"]["A2"].value == "2024年涉企行政执法数据情况统计表" and wb["附件1"]["A1"].value == "附件1"
    assert wb["附件2"]["A2"].value == "2024年“两法衔接”工作情况统计表"
    meta = {row[0]: row[1] for row in wb[META_SHEET].iter_rows(values_only=True)}
    assert meta["sheet:a3"] == "附件1" and meta["sheet:a2"] == "附件3"


# The workbook on paper: tests/test_xlsx_print.py (one render per font setup).


@pytest.mark.libreoffice
def test_formula_like_texts_are_shown_as_typed(store, sample, tmp_path):
    """`=1+1` typed as a 原因简析 must read `=1+1`, not 2, in any sheet (hidden one included)."""
    from forms.registry import form

    store.set_values(
        sample.id, form("a2"), {CellKey(REASON_ROW, "license"): "=1+1", CellKey(REASON_ROW, "penalty"): "-较上年减少"}
    )
    store.update_contact(sample.id, filler="+示例", contact_person="@林某", contact_phone="=见说明")
    path = tmp_path / "附表.xlsx"
    write_xlsx(path, store.report_data(store.report(sample.id)))
    assert_valid(path)
    shown = libreoffice.sheets_as_shown(path, tmp_path / "lo")
    cells = {text for rows in shown.values() for row in rows for text in row}
    assert {"=1+1", "-较上年减少", "@林某", "=见说明"} <= cells
    assert "2" not in {row[2] for row in shown["附件2"] if len(row) > 2 and row[1] == "数据变化原因简析"}
    assert "填报单位：+示例" in cells
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            assert all(c.data_type != "f" for c in row), ws.title
