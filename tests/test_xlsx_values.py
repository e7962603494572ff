"""What the workbook holds for each kind of value (openpyxl; the LibreOffice view is in test_export_figures)."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from exporters.xlsx import FIRST_HEADER_ROW, build_workbook
from forms.registry import form
from forms.report import MAIN_ROW, REASON_ROW, CellKey
from tests.support.reports import sample_data

Y = 2024


@pytest.fixture
def sheet(tmp_path):
    def build(edit=None, places=2, name="附件2"):
        data = sample_data(places)
        if edit:
            edit(data)
        path = tmp_path / "a.xlsx"
        build_workbook(data).save(path)
        return openpyxl.load_workbook(path)[name]

    return build


def _set(key, value, form_key="a2"):
    def edit(data):
        data.form(form_key).values[key] = value

    return edit


def test_money_keeps_its_fen(sheet):
    ws = sheet(_set(CellKey(MAIN_ROW, "fines", Y), Decimal("1234567.8")))
    cell = ws.cell(FIRST_HEADER_ROW + 3, 20)
    assert Decimal(str(cell.value)) == Decimal("1234567.8") and cell.number_format == "0.00"
    whole = ws.cell(FIRST_HEADER_ROW + 3, 19)  # 9217701 in 2023
    assert whole.value == 9217701 and whole.number_format == "0"


def test_counts_are_numbers_and_text_is_text(sheet):
    ws = sheet()
    assert ws.cell(FIRST_HEADER_ROW + 3, 3).value == 148 and ws.cell(FIRST_HEADER_ROW + 3, 3).number_format == "0"
    name = ws.cell(FIRST_HEADER_ROW + 3, 2)
    assert name.value == "示例市应急管理局" and name.number_format == "@"
    assert ws.cell(FIRST_HEADER_ROW + 3, 3).alignment.horizontal == "right"
    assert name.alignment.horizontal == "center"


def test_invalid_stored_values_are_written_as_text_never_as_numbers(sheet):
    invalid = form("a2").field("penalty").kind.decode("1e3")
    ws = sheet(_set(CellKey(MAIN_ROW, "penalty", Y), invalid))
    cell = ws.cell(FIRST_HEADER_ROW + 3, 14)
    assert cell.value == "1e3" and cell.data_type == "s" and cell.number_format == "@"
    assert ws.cell(FIRST_HEADER_ROW + 4, 13).value is None  # and no 同比 from it


@pytest.mark.parametrize(("places", "fmt"), [(0, "0%"), (1, "0.0%"), (2, "0.00%")])
def test_yoy_fraction_and_format(sheet, places, fmt):
    ws = sheet(places=places)
    cell = ws.cell(FIRST_HEADER_ROW + 4, 3)  # 行政许可 148 → 178
    assert cell.number_format == fmt
    assert Decimal(str(cell.value)) == {0: Decimal("0.2"), 1: Decimal("0.203"), 2: Decimal("0.2027")}[places]


def test_a_yoy_that_rounds_to_zero_has_no_sign(sheet):
    def edit(data):
        data.form("a2").values[CellKey(MAIN_ROW, "license", Y - 1)] = 100000
        data.form("a2").values[CellKey(MAIN_ROW, "license", Y)] = 99999

    cell = sheet(edit).cell(FIRST_HEADER_ROW + 4, 3)
    assert cell.value == 0 and not str(cell.value).startswith("-")


def test_notes_carry_the_report_year_and_the_year_before(sheet):
    ws = sheet()
    notes = [c.value for c in ws["A"] if isinstance(c.value, str) and c.value.startswith(("填表说明", "　"))]
    assert notes[2] == "　　　　　3. 本表汇总数据为2023年1月1日至2023年12月31日止和2024年1月1日至2024年12月31日止。"


def test_reasons_are_text_as_typed(sheet):
    reason = "减少，主要原因：（一）执法力量下沉；\n（二）抽查比例调整。"
    ws = sheet(_set(CellKey(REASON_ROW, "fines"), reason))
    assert ws.cell(FIRST_HEADER_ROW + 5, 19).value == reason


def test_the_wan_yuan_field_of_attachment_4(sheet):
    ws = sheet(_set(CellKey("r1", "monitoring_fines"), Decimal("12.5"), "a4"), name="附件4")
    cell = ws.cell(FIRST_HEADER_ROW + 2, 18)
    assert Decimal(str(cell.value)) == Decimal("12.5") and cell.number_format == "0.0"
