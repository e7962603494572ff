"""A workbook of another template imports (issue 22): its template is read from the hidden sheet of our
own export, else matched by its headers; a column one template has and the other lacks is a 提示, never a
refusal, and what the file does not carry stays as the report had it."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from exporters.xlsx import META_SHEET, write_xlsx
from forms.grid import Layout
from forms.registry import TEMPLATE
from forms.report import MAIN_ROW, REASON_ROW, CellKey
from importers.importing import REJECTED, REPLACED, import_file
from importers.reading import ImportRejected
from importers.workbook import read_workbook
from storage.store import Store
from tests.support.drill import YEAR, drill_template
from tests.test_import import UNIT, write_form
from tests.test_import import YEAR as FORM_YEAR

NEW = drill_template()
BOTH = (TEMPLATE, NEW)


def _a_year_later(ws) -> None:
    """The hand-filled form of tests/test_import.py (2024) as filled for 2025: titles and year columns."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.value in (FORM_YEAR - 1, FORM_YEAR):
                cell.value += YEAR - FORM_YEAR
            elif isinstance(cell.value, str):
                cell.value = cell.value.replace(f"{FORM_YEAR}年", f"{YEAR}年")


def _hand_filled(path: Path, template, extra: dict[tuple[str, str], int]) -> Path:
    """附件2 and 附件3 of ``template`` filled by hand for 2025; ``extra``: (form, field) → this year's figure."""
    wb = openpyxl.Workbook()
    ws = wb.active
    row = 1
    for spec in template.forms[:2]:
        top = row
        row = write_form(ws, spec, top=top) + 2
        layout = Layout(spec, FORM_YEAR)
        body = top + 3 + layout.depth
        for i, column in enumerate(layout.columns):
            if column.field is not None and (spec.key, column.field.key) in extra and column.period == FORM_YEAR:
                ws.cell(body, 1 + i, extra[(spec.key, column.field.key)])
    _a_year_later(ws)
    wb.save(path)
    return path


def test_a_hand_filled_form_of_each_template_is_read_with_its_own(tmp_path: Path) -> None:
    old = read_workbook(_hand_filled(tmp_path / "old.xlsx", TEMPLATE, {("a3", "exempt_cases"): 3}), BOTH)
    assert old.template.version == "2024.1"
    assert old.missing == {} and old.hints() == []
    assert old.forms["a3"].values[CellKey(MAIN_ROW, "exempt_cases", YEAR)] == 3

    new = read_workbook(_hand_filled(tmp_path / "new.xlsx", NEW, {("a2", "hearings"): 4}), BOTH)
    assert new.template.version == "2025.1"
    assert new.missing == {}
    assert new.forms["a2"].values[CellKey(MAIN_ROW, "hearings", YEAR)] == 4


def test_a_column_the_template_has_but_the_file_lacks_is_a_hint_never_a_refusal(tmp_path: Path) -> None:
    read = read_workbook(_hand_filled(tmp_path / "old.xlsx", TEMPLATE, {("a3", "exempt_cases"): 3}), (NEW,))
    assert read.template is NEW
    assert read.missing == {"a2": ["hearings"], "a3": ["exempt_penalty"]}
    assert read.hints() == [
        "附件2的表头中没有“听证(件)”一列，这一项没有导入",
        "附件3的表头中没有“不予处罚案件(件)”一列，这一项没有导入",
    ]
    assert read.forms["a3"].values[CellKey(MAIN_ROW, "penalty", YEAR)] == 76  # the rest reads as ever


def test_a_table_with_none_of_its_columns_is_still_refused(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.cell(1, 1, TEMPLATE.forms[0].title_for(YEAR))
    ws.cell(2, 1, f"填报单位：{UNIT}")
    ws.cell(3, 1, "序号")
    ws.cell(3, 2, "甲")
    ws.cell(4, 1, 1)
    wb.save(tmp_path / "none.xlsx")
    with pytest.raises(ImportRejected, match="附件2（工作表“Sheet”）：表头中找不到任何一列，未导入"):
        read_workbook(tmp_path / "none.xlsx", BOTH)


def _own_export(tmp_path: Path, template, name: str) -> Path:
    """A workbook exported through the program under ``template``."""
    store = Store(tmp_path / f"{name}.sqlite3", forms=template.forms, template=template)
    report = store.create_report(UNIT, YEAR)
    a2 = next(s for s in template.forms if s.key == "a2")
    a3 = next(s for s in template.forms if s.key == "a3")
    store.set_values(
        report.id, a2, {CellKey(MAIN_ROW, "penalty", YEAR): 80, CellKey(MAIN_ROW, "penalty", YEAR - 1): 60}
    )
    renamed = "exempt_penalty" if template is NEW else "exempt_cases"
    store.set_values(report.id, a3, {CellKey(MAIN_ROW, renamed, YEAR): 5, CellKey(REASON_ROW, renamed): "依法不予处罚"})
    path = tmp_path / f"{name}.xlsx"
    write_xlsx(path, store.report_data(report, with_text=False))
    store.close()
    return path


def test_our_own_export_names_its_template_and_is_read_with_it(tmp_path: Path) -> None:
    path = _own_export(tmp_path, NEW, "new")
    meta = {row[0].value: row[1].value for row in openpyxl.load_workbook(path)[META_SHEET].iter_rows()}
    assert meta["template_version"] == "2025.1"
    read = read_workbook(path, BOTH)
    assert read.template is NEW and read.missing == {}
    assert read.forms["a3"].values[CellKey(MAIN_ROW, "exempt_penalty", YEAR)] == 5
    assert read.forms["a3"].values[CellKey(REASON_ROW, "exempt_penalty")] == "依法不予处罚"


def test_an_export_of_a_template_not_held_is_refused_naming_it(tmp_path: Path, store: Store) -> None:
    path = _own_export(tmp_path, NEW, "new")
    before = store.reports()
    result = import_file(store, path)  # the store holds the shipped template alone
    assert result.status == REJECTED
    assert result.message == (
        "new.xlsx：这个工作簿用的是表样 2025.1，本程序里没有：请先装入这个表样（文件 → 装入表样…），未导入"
    )
    assert store.reports() == before


def test_an_older_forms_import_keeps_what_the_report_holds_in_the_columns_it_lacks(tmp_path: Path) -> None:
    store = Store(tmp_path / "new.sqlite3", forms=NEW.forms, template=NEW)
    report = store.create_report(UNIT, YEAR)
    a2 = NEW.forms[0]
    store.set_values(report.id, a2, {CellKey(MAIN_ROW, "hearings", YEAR): 7, CellKey(MAIN_ROW, "penalty", YEAR): 1})
    result = import_file(store, _hand_filled(tmp_path / "old.xlsx", TEMPLATE, {}))
    assert result.status == REPLACED, result.message
    # The form is read as last year's notice, then moved into the report's template along its key changes.
    assert "提示：附件2：这个工作簿没有“听证(件)”一列，报表中原有的保留" in result.details()
    values = store.report_data(store.require_report(UNIT, YEAR), with_text=False).form("a2").values
    assert values[CellKey(MAIN_ROW, "hearings", YEAR)] == 7  # not in the file: kept
    assert values.get(CellKey(MAIN_ROW, "penalty", YEAR)) is None  # in the file, blank there: replaced
    store.close()


def test_a_replacement_from_another_templates_workbook_lists_the_changes_under_the_reports_names(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "new.sqlite3", forms=NEW.forms, template=NEW)
    report = store.create_report(UNIT, YEAR)
    store.set_values(report.id, NEW.forms[1], {CellKey(MAIN_ROW, "exempt_penalty", YEAR): 2})  # 附件3
    result = import_file(store, _hand_filled(tmp_path / "old.xlsx", TEMPLATE, {("a3", "exempt_cases"): 3}))
    assert result.status == REPLACED, result.message
    assert "改动：附件3 不予处罚案件(2025)：2 → 3" in result.details()
    values = store.report_data(store.require_report(UNIT, YEAR), with_text=False).form("a3").values
    assert values[CellKey(MAIN_ROW, "exempt_penalty", YEAR)] == 3
    store.close()


def test_a_form_is_read_with_a_template_that_serves_its_year(tmp_path: Path) -> None:
    # 2025.1's headers on a 2024 form: 2025.1 serves 2025 on, so the 2024 form is read as 2024.1's.
    wb = openpyxl.Workbook()
    write_form(wb.active, NEW.forms[0])  # tests/test_import.py fills it for 2024
    wb.save(tmp_path / "2024.xlsx")
    read = read_workbook(tmp_path / "2024.xlsx", BOTH)
    assert read.year == 2024 and read.template is TEMPLATE
    assert read.missing == {}  # its extra 听证 column is not one of 2024.1's
