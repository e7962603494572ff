"""An import replaces the unit's forms, not what the file does not carry: a blank or missing contact line
or 填报单位 keeps the report's, and every line it does change is listed with the figures."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from importers.importing import REPLACED, import_file
from storage.store import Store
from tests.test_import import SPECS, UNIT, YEAR, write_form


def _form(path: Path, *, contact: str | None, filler: str | None = f"填报单位：{UNIT}") -> Path:
    """附件2 filled by hand, with the contact line as given (None: the cell left out)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    write_form(ws, SPECS["a2"])
    ws.cell(3, 7).value = contact  # ws.cell(r, c, None) would leave the cell as it was
    if filler is None:
        ws.cell(3, 1).value = None
    wb.save(path)
    return path


@pytest.fixture
def filed(tmp_path: Path, store: Store) -> Store:
    """The county's report as first imported, with its contact line."""
    result = import_file(store, _form(tmp_path / "first.xlsx", contact="联系人和联系方式：李四 0731-5550123"))
    assert not result.rejected, result.message
    return store


@pytest.mark.parametrize("contact", [None, "联系人和联系方式：", "联系人和联系方式：   "])
def test_a_blank_or_missing_contact_line_keeps_the_reports(tmp_path: Path, filed: Store, contact) -> None:
    result = import_file(filed, _form(tmp_path / "again.xlsx", contact=contact))
    assert result.status == REPLACED, result.message
    report = filed.require_report(UNIT, YEAR)
    assert (report.contact_person, report.contact_phone) == ("李四", "0731-5550123")
    assert result.changes == []


def test_a_missing_filler_line_keeps_the_reports(tmp_path: Path, filed: Store) -> None:
    filed.update_contact(
        filed.require_report(UNIT, YEAR).id, filler="示例县应急管理局执法大队", contact_person="李四",
        contact_phone="0731-5550123",
    )  # fmt: skip
    result = import_file(filed, _form(tmp_path / "again.xlsx", contact=None, filler=None))
    assert result.status == REPLACED, result.message  # the unit read from 行政执法单位名称
    assert filed.require_report(UNIT, YEAR).filler == "示例县应急管理局执法大队"


def test_a_changed_contact_line_is_listed_with_the_figures(tmp_path: Path, filed: Store) -> None:
    path = _form(tmp_path / "again.xlsx", contact="联系人和联系方式：王五 13800001111")
    wb = openpyxl.load_workbook(path)
    for row in wb.active.iter_rows():
        for cell in row:
            if cell.value == 190:  # 行政检查 2024
                cell.value = 191
    wb.save(path)
    result = import_file(filed, path)
    assert result.status == REPLACED
    assert result.changes[0] == "联系人和联系方式：李四 0731-5550123 → 王五 13800001111"
    assert "附件2 行政检查(2024)：190 → 191" in result.changes
    assert len(result.changes) == 2
    assert "改动 2 处" in result.line()
    report = filed.require_report(UNIT, YEAR)
    assert (report.contact_person, report.contact_phone) == ("王五", "13800001111")
