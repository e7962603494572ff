"""The drill (issue 22): next year's notice arrives as a template file alone — 附件2 gains a column, a 附件3
field is renamed, a 附件4 field dropped (tests/support/drill.py) — and runs through every face with no code
change: grid, 同比, audit, the Word and Excel exports, import of workbooks of the old template and of the new,
carrying last year forward, and the city's 汇总 of counties on either template."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl

from exporters.report_export import export_report
from exporters.xlsx import META_SHEET
from forms.audit import audit
from forms.grid import Layout, Role
from forms.report import MAIN_ROW, REASON_ROW, CellKey
from importers.city import aggregate_files
from importers.importing import IMPORTED, import_file
from storage.store import Store
from tests.support.drill import drill_template

NEW = drill_template()
YEAR = 2025
CITY = "示例市应急管理局"
A, B = "甲县应急管理局", "乙县应急管理局"


def _county(tmp_path: Path, unit: str, template, figures: dict[tuple[str, str], tuple[int, int]]) -> Path:
    """A county's workbook, filled and exported by its own copy of the program (``template``: its newest)."""
    store = Store(tmp_path / f"{unit}.sqlite3", template=template) if template else Store(tmp_path / f"{unit}.sqlite3")
    report = store.create_report(unit, YEAR)
    for (form, key), (prev, cur) in figures.items():
        spec = store.spec_of(report, form)
        store.set_values(report.id, spec, {CellKey(MAIN_ROW, key, YEAR - 1): prev, CellKey(MAIN_ROW, key, YEAR): cur})
    path = tmp_path / f"{unit}.xlsx"
    export_report(store, unit, YEAR, xlsx=path)
    store.close()
    return path


def _yoy(data, form: str) -> dict[str, object]:
    spec_data = data.form(form)
    rows = Layout(spec_data.spec, YEAR).body(spec_data, data.places)
    return {c.field.key: c.yoy for row in rows for c in row if c.role is Role.YOY and c.field is not None}


def test_the_new_template_runs_through_every_face(tmp_path: Path) -> None:
    a = _county(
        tmp_path, A, NEW, {("a2", "hearings"): (2, 4), ("a2", "penalty"): (10, 20), ("a3", "exempt_penalty"): (1, 3)}
    )
    b = _county(tmp_path, B, None, {("a2", "penalty"): (30, 20), ("a3", "exempt_cases"): (1, 2)})  # last year's program
    assert {r[0].value: r[1].value for r in openpyxl.load_workbook(b)[META_SHEET].iter_rows()}[
        "template_version"
    ] == "2024.1"

    city = Store(tmp_path / "city.sqlite3", template=NEW)
    result = aggregate_files(city, CITY, YEAR, [a, b])
    assert [f.status for f in result.files] == [IMPORTED, IMPORTED]
    assert city.require_report(A, YEAR).template == "2025.1"
    assert city.require_report(B, YEAR).template == "2024.1"  # imported into a report of its own template

    # The 汇总 is of the new template: a renamed field sums with its old name; a column only 甲县 carries is
    # summed over 甲县, named, and has no 同比 — also when the 汇总 is read again from the file.
    report = city.require_report(CITY, YEAR)
    assert report.template == "2025.1"
    assert result.notes == ["附件2 听证(件)：乙县应急管理局的表样没有这一项，汇总只含其余单位，不计算同比"]
    data = city.report_data(report, with_text=False)
    assert data.form("a3").get(CellKey(MAIN_ROW, "exempt_penalty", YEAR)) == 5
    assert data.form("a2").get(CellKey(MAIN_ROW, "hearings", YEAR)) == 4
    yoy = _yoy(data, "a2")
    assert yoy["hearings"].percent is None and yoy["hearings"].reason.startswith("乙县应急管理局的表样没有这一项")
    assert yoy["penalty"].text() == "0.00%"  # 40 against 40

    # The audit runs on the new template's fields (a 原因简析 hint names the new column).
    findings = audit(data, city.previous_year_figures(report))
    assert any(f.code == "REASON_MISSING" and f.where.key == CellKey(REASON_ROW, "hearings") for f in findings)

    # Both exports carry the new column and name the template; the breakdown sheet lists each county.
    xlsx, word = tmp_path / "汇总.xlsx", tmp_path / "汇总.docx"
    export_report(city, CITY, YEAR, xlsx=xlsx, docx=word)
    book = openpyxl.load_workbook(xlsx)
    assert {r[0].value: r[1].value for r in book[META_SHEET].iter_rows()}["template_version"] == "2025.1"
    texts = {c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert "听证(件)" in texts and "不予处罚案件(件)" in texts and "录音笔(台)" not in texts
    document = docx.Document(str(word))
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert "听证(件)" in cells and "录音笔(台)" not in cells
    assert "2025.1" in document.core_properties.category  # 文件 → 属性 → 摘要 → 类别

    # The 汇总's own workbook imports again, into a file that holds the new template.
    again = Store(tmp_path / "province.sqlite3", template=NEW)
    back = import_file(again, xlsx)
    assert back.status == IMPORTED, back.message
    values = again.report_data(again.require_report(CITY, YEAR), with_text=False).form("a2").values
    assert values[CellKey(MAIN_ROW, "hearings", YEAR)] == 4
    city.close()
    again.close()
