"""Templates travel: each report is of the template it was made with, a new one of the newest that
serves its year; the file carries the text of every template its reports use, so it opens with each
report on its own template under a program that ships only one of them; edits, exports and imports
go by the report's own template."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from exporters.report_export import export_report
from exporters.xlsx import META_SHEET
from forms.errors import UserError
from forms.registry import TEMPLATE
from forms.report import MAIN_ROW, CellKey
from importers.importing import REPLACED, import_file, look_at_file
from storage import templates
from storage.sample import create_sample
from storage.store import Store
from tests.support.templates import NEXT_FILE, next_template

UNIT = "某县应急管理局"


def _keys(store: Store, report, form_key: str) -> list[str]:
    return [f.key for f in store.spec_of(report, form_key).fields()]


def test_a_new_report_takes_the_newest_template_of_its_year_and_keeps_it(db_path: Path) -> None:
    store = Store(db_path, template=next_template())  # a program that ships 2025.1 as well
    old = store.create_report(UNIT, 2024)
    new = store.create_report(UNIT, 2025)
    assert (old.template, new.template) == ("2024.1", "2025.1")  # 2025.1 serves 2025 on
    assert "hearings" in _keys(store, new, "a2") and "hearings" not in _keys(store, old, "a2")
    assert "exempt_penalty" in _keys(store, new, "a3") and "recorders" not in _keys(store, new, "a4")
    store.set_value(new.id, store.spec_of(new, "a2"), CellKey(MAIN_ROW, "hearings", 2025), 3)
    store.close()

    again = Store(db_path)  # a program that ships 2024.1 alone: the file carries 2025.1's text
    new, old = again.reports()
    assert (new.year, new.template, old.template) == (2025, "2025.1", "2024.1")
    assert again.report_data(new, with_text=False).form("a2").values[CellKey(MAIN_ROW, "hearings", 2025)] == 3
    assert "hearings" not in [f.key for f in again.report_data(old).form("a2").spec.fields()]
    stored = dict(again.conn.execute("select version, text from templates"))
    assert stored == {"2024.1": TEMPLATE.source, "2025.1": NEXT_FILE.read_text(encoding="utf-8")}  # verbatim
    assert templates.uses(again) == {"2024.1": 1, "2025.1": 1}
    again.close()


def test_last_years_figures_carry_forward_into_a_report_of_the_next_template(db_path: Path) -> None:
    store = Store(db_path, template=next_template())
    last = create_sample(store)  # 示例市应急管理局 2024, on 2024.1
    this = store.create_report(last.unit, 2025)
    a2 = store.report_data(this, with_text=False).form("a2")
    assert a2.values[CellKey(MAIN_ROW, "penalty", 2024)] == 78  # the field both templates have
    assert a2.values.get(CellKey(MAIN_ROW, "hearings", 2024)) is None  # 2024.1 had none
    store.close()


def test_each_export_names_its_reports_template(db_path: Path, tmp_path: Path) -> None:
    store = Store(db_path, template=next_template())
    for year in (2024, 2025):
        store.create_report(UNIT, year)
        export_report(store, UNIT, year, xlsx=tmp_path / f"{year}.xlsx", docx=tmp_path / f"{year}.docx")
    for year, version in ((2024, "2024.1"), (2025, "2025.1")):
        meta = {row[0].value: row[1].value for row in load_workbook(tmp_path / f"{year}.xlsx")[META_SHEET].iter_rows()}
        assert meta["template_version"] == version
        assert Document(str(tmp_path / f"{year}.docx")).core_properties.category == f"填报助手表样 {version}"
    heading = load_workbook(tmp_path / "2025.xlsx")["附件2"]
    assert any(cell.value == "听证(件)" for row in heading.iter_rows(max_row=8) for cell in row)
    store.close()


def test_a_workbook_of_a_template_the_program_lacks_is_refused_naming_it(db_path: Path, tmp_path: Path) -> None:
    elsewhere = Store(tmp_path / "county.sqlite3", template=next_template())
    elsewhere.create_report(UNIT, 2025)
    export_report(elsewhere, UNIT, 2025, xlsx=tmp_path / "county.xlsx")
    elsewhere.close()
    store = Store(db_path)
    result = import_file(store, tmp_path / "county.xlsx")
    assert result.rejected and result.line() == (
        "county.xlsx\t-\t-\t未导入：这个工作簿用的是表样 2025.1，本程序里没有：请先装入这个表样（文件 → 装入表样…）"
    )
    assert store.reports() == []
    assert (
        look_at_file(tmp_path / "county.xlsx", store)
        .line()
        .endswith(  # 文件 → 导入/汇总… lists it so
            "无法导入：这个工作簿用的是表样 2025.1，本程序里没有：请先装入这个表样（文件 → 装入表样…）"
        )
    )
    store.close()


def test_a_workbook_of_its_reports_template_imports_into_it(db_path: Path, tmp_path: Path) -> None:
    store = Store(db_path, template=next_template())
    report = store.create_report(UNIT, 2025)
    store.set_value(report.id, store.spec_of(report, "a2"), CellKey(MAIN_ROW, "hearings", 2025), 5)
    export_report(store, UNIT, 2025, xlsx=tmp_path / "out.xlsx")
    store.set_value(report.id, store.spec_of(report, "a2"), CellKey(MAIN_ROW, "hearings", 2025), None)
    assert not import_file(store, tmp_path / "out.xlsx").rejected
    assert store.report_data(report, with_text=False).form("a2").values[CellKey(MAIN_ROW, "hearings", 2025)] == 5
    store.close()


def test_a_figure_of_a_field_only_the_reports_template_has_prints(db_path: Path) -> None:
    from forms.figures import describe, parse_token, render

    store = Store(db_path, template=next_template())
    report = store.create_report(UNIT, 2025)
    store.set_value(report.id, store.spec_of(report, "a2"), CellKey(MAIN_ROW, "hearings", 2025), 12)
    data = store.report_data(report, with_text=False)
    assert render("听证{{a2.hearings.cur}}件", data) == "听证12件"
    link = parse_token("{{a2.hearings.cur}}")
    assert describe(link, 2025, tuple(f.spec for f in data.forms)) == "附件2 听证(件) 2025年"
    store.close()


def test_a_hand_filled_form_of_last_years_template_moves_into_a_report_of_this_years(
    db_path: Path, tmp_path: Path
) -> None:
    county = Store(tmp_path / "county.sqlite3")  # a program with 2024.1 alone
    report = county.create_report(UNIT, 2025)
    county.set_values(report.id, county.spec_of(report, "a3"), {CellKey(MAIN_ROW, "exempt_cases", 2025): 6})
    export_report(county, UNIT, 2025, xlsx=tmp_path / "ours.xlsx")
    county.close()
    book = load_workbook(tmp_path / "ours.xlsx")
    del book[META_SHEET]  # as a county fills the official form: no hidden sheet, no template named
    book.save(tmp_path / "hand.xlsx")
    store = Store(db_path, template=next_template())
    new = store.create_report(UNIT, 2025)  # on 2025.1
    store.set_values(new.id, store.spec_of(new, "a2"), {CellKey(MAIN_ROW, "hearings", 2025): 2})
    result = import_file(store, tmp_path / "hand.xlsx")  # its headers are 2024.1's
    assert result.status == REPLACED, result.message
    assert "提示：附件2：这个工作簿没有“听证(件)”一列，报表中原有的保留" in result.details()
    data = store.report_data(store.require_report(UNIT, 2025), with_text=False)
    assert data.form("a3").get(CellKey(MAIN_ROW, "exempt_penalty", 2025)) == 6  # renamed on the way in
    assert data.form("a2").get(CellKey(MAIN_ROW, "hearings", 2025)) == 2  # not in the file: kept
    store.close()


def test_a_stored_template_this_program_cannot_read_is_left_out_and_its_report_says_why(db_path: Path) -> None:
    store = Store(db_path, template=next_template())
    report = store.create_report(UNIT, 2025)
    store.close()
    hand = sqlite3.connect(db_path)
    hand.execute("update templates set text = 'version = 1' where version = '2025.1'")  # edited by hand
    hand.commit()
    hand.close()
    store = Store(db_path)
    assert list(templates.known(store)) == ["2024.1"]
    assert store.create_report("另一县应急管理局", 2026).template == "2024.1"
    with pytest.raises(UserError, match=r"^数据库中的表样 2025\.1（第 1 行）：“version”应为文字"):
        store.report_data(store.report(report.id))
    store.close()


def test_the_drafted_paragraph_of_a_report_of_the_next_template_has_no_missing_figure(db_path: Path) -> None:
    from forms.draft import draft_basic_situation
    from forms.figures import render

    store = Store(db_path, template=next_template())
    last = create_sample(store)
    this = store.create_report(last.unit, 2025)  # 2025.1: 免罚案件 is exempt_penalty now
    store.set_value(this.id, store.spec_of(this, "a3"), CellKey(MAIN_ROW, "lenient_cases", 2025), 2)
    drafted = draft_basic_situation(store.report_data(this, with_text=False))
    assert "exempt_cases" not in drafted and "免罚案件" not in drafted  # rather than a □ for a field it lacks
    assert "从轻减轻案件2件" in render(drafted, store.report_data(this, with_text=False))
    store.close()
