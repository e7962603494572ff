"""One truth for every figure: the Word tables, the workbook as a spreadsheet shows it, and the
report text all read the same, for every kind at its edges."""

from __future__ import annotations

from decimal import Decimal

import docx
import pytest

from exporters.docx_report import write_docx
from exporters.xlsx import FIRST_HEADER_ROW, write_xlsx
from forms import text_edits as edits
from forms.figures import render
from forms.grid import Layout, Role
from forms.kinds import Kind
from forms.registry import form
from forms.report import MAIN_ROW, REASON_ROW, CellKey
from storage.report_text import ReportTexts
from tests.support import libreoffice
from tests.support.texts import edit_text

pytestmark = pytest.mark.libreoffice
Y = 2024
REASON = "减少，主要原因：（一）执法力量下沉；\n（二）“双随机”抽查比例调整。"

EDGES = {
    "a2": {
        CellKey(MAIN_ROW, "license", Y - 1): 0,
        CellKey(MAIN_ROW, "license", Y): 999_999_999_999_999,  # the most digits a count may have
        CellKey(MAIN_ROW, "fines", Y - 1): Decimal("9217701"),  # whole 元: no fen shown
        CellKey(MAIN_ROW, "fines", Y): Decimal("1234567.8"),  # fen present: two places
        CellKey(MAIN_ROW, "inspection", Y - 1): 100000,
        CellKey(MAIN_ROW, "inspection", Y): 99999,  # −0.001 %: 0.00%, no sign
        CellKey(MAIN_ROW, "penalty", Y - 1): 200,
        CellKey(MAIN_ROW, "penalty", Y): 299,  # +49.5 %: half-up
        CellKey(REASON_ROW, "fines"): REASON,
    },
    "a3": {
        CellKey(MAIN_ROW, "fines", Y - 1): Decimal("0"),
        CellKey(MAIN_ROW, "fines", Y): Decimal("0.05"),
        CellKey(MAIN_ROW, "exempt_amount", Y - 1): Decimal("999999999999.99"),  # the most an amount may have
        CellKey(MAIN_ROW, "exempt_amount", Y): Decimal("0.5"),
    },
    "a5": {
        CellKey("r1", "uses_platform"): "否",
        CellKey("r2", "unit_name"): "某县应急管理综合行政执法大队（二中队）",
        CellKey("r2", "transferred"): 0,
    },
}
A4_FINES = {"r1": Decimal("12.5"), "r2": Decimal("316.458026"), "r3": Decimal("99999999.999999")}  # entered in 万元
BAD = ("a3", CellKey(MAIN_ROW, "penalty", Y), "1e3")  # an old file's text: shown as it is, never a number

NARRATIVE = (
    "行政许可{{a2.license.cur}}件{{a2.license.change}}；罚没金额{{a2.fines.cur}}元，即{{a2.fines.cur.wan}}万元，"
    "上年{{a2.fines.prev}}元，同比{{a2.fines.yoy}}；行政检查同比{{a2.inspection.yoy}}{{a2.inspection.change}}；"
    "行政处罚同比{{a2.penalty.yoy}}；涉企罚没金额{{a3.fines.cur}}元；近三年罚款金额{{a4.monitoring_fines.cur}}万元。"
)


@pytest.fixture
def exported(store, sample, tmp_path):
    for key, values in EDGES.items():
        store.set_values(sample.id, form(key), values)
    a4 = form("a4")
    rows = store.form_data(sample, a4).rows
    store.set_values(sample.id, a4, {CellKey(rows[i], "monitoring_fines"): v for i, v in enumerate(A4_FINES.values())})
    form_key, key, text = BAD
    store.db.execute(
        "update cells set value=? where form=? and row=? and field=? and period=?",
        [text, form_key, key.row, key.field, key.period],
    )
    texts = ReportTexts(store)
    section = texts.get(sample).sections[0]
    edit_text(store, sample, edits.set_body, section.key, NARRATIVE)
    data = store.report_data(sample)
    xlsx, docx_path = tmp_path / "附表.xlsx", tmp_path / "报告.docx"
    write_xlsx(xlsx, data)
    write_docx(docx_path, data)
    return data, libreoffice.sheets_as_shown(xlsx, tmp_path / "lo"), docx.Document(str(docx_path))


def test_word_tables_read_exactly_as_the_spreadsheet_shows_the_workbook(exported):
    data, sheets, document = exported
    tables = document.tables[-4:]  # the four attachments, in order
    compared = 0
    for form_data, table in zip(data.forms, tables, strict=True):
        layout = Layout(form_data.spec, Y)
        shown = sheets[form_data.spec.label]
        for i, cells in enumerate(layout.body(form_data, data.places)):
            sheet_row = shown[FIRST_HEADER_ROW - 1 + layout.depth + i]
            for cell in cells:
                if cell.role is Role.BLANK:
                    continue
                word = table.cell(layout.depth + i, cell.col).text
                assert word == cell.text, f"{form_data.spec.label} row {i + 1} col {cell.col}: Word vs grid"
                assert sheet_row[cell.col] == word, f"{form_data.spec.label} row {i + 1} col {cell.col}: Excel vs Word"
                compared += 1
    assert compared > 150

    a2, a3, a4, a5 = (sheets[f"附件{n}"] for n in (2, 3, 4, 5))
    first = FIRST_HEADER_ROW - 1
    figures = a2[first + 3]
    assert figures[2:4] == ["0", "999999999999999"]
    assert figures[18:20] == ["9217701", "1234567.80"]  # the same figure in Word and Excel, fen when present
    yoy_row = a2[first + 4]
    assert yoy_row[10] == "0.00%"  # inspection −0.001 %
    assert yoy_row[12] == "49.50%"  # penalty
    assert yoy_row[18] == "-86.61%"  # fines
    assert a2[first + 5][18] == REASON  # byte for byte, full-width punctuation and line break kept
    a3_row = a3[first + 3]
    assert a3_row[8:10] == ["0", "0.05"] and a3_row[16:18] == ["999999999999.99", "0.50"]
    assert a3_row[3] == "1e3"  # invalid: written as the text it is
    assert [r[17] for r in a4[first + 2 : first + 5]] == ["12.5", "316.458026", "99999999.999999"]
    assert a5[first + 2][2] == "否"


def test_the_narrative_figures_agree_with_the_tables(exported):
    data, sheets, document = exported
    text = "\n".join(p.text for p in document.paragraphs)
    expected = (
        "行政许可999999999999999件；罚没金额1234567.80元，即123.45678万元，上年9217701元，同比-86.61%；"
        "行政检查同比0.00%（与上年基本持平）；行政处罚同比49.50%；涉企罚没金额0.05元；近三年罚款金额100000328.958025万元。"
    )
    assert render(NARRATIVE, data) == expected
    assert expected in text
    a2 = sheets["附件2"][FIRST_HEADER_ROW - 1 + 3]
    assert a2[19] in expected and sheets["附件2"][FIRST_HEADER_ROW - 1 + 4][18] in expected
    assert Kind.MONEY_WAN.text(sum(A4_FINES.values())) == "100000328.958025"
