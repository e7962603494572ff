"""The city's 汇总 of three county workbooks: sums computed by hand, 同比 from the sums, a corrected
county changing the 汇总, and the workbook's breakdown sheets (schema-valid)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from exporters.report_export import export_report
from exporters.xlsx import write_xlsx
from forms.aggregate import AREA, add, aggregate_form
from forms.audit import audit, errors
from forms.grid import Layout, Role
from forms.kinds import Invalid
from forms.registry import FORMS
from forms.report import MAIN_ROW, CellKey, FormData, Report, ReportData
from importers.city import NotAggregated, aggregate_files
from importers.importing import import_file
from storage.store import Store
from tests.support.ooxml import assert_valid

SPECS = {spec.key: spec for spec in FORMS}
CITY = "示例市应急管理局"
YEAR = 2024
# (行政检查 2023, 2024, 罚没金额 2024) per county
COUNTIES = {
    "甲县应急管理局": (100, 80, Decimal("1000.5")),
    "乙县应急管理局": (50, 70, Decimal("2000")),
    "丙区应急管理局": (30, 30, None),
}


def county_file(
    tmp_path: Path, unit: str, figures: tuple, *, area: str = "危险化学品", year: int = YEAR, a3: int | None = None
) -> Path:
    """The county's own export of ``year`` (``a3``: a 涉企行政检查 figure, above 附件2's when larger: a 错误)."""
    store = Store(tmp_path / f"{unit}.sqlite3")
    report = store.find_report(unit, year) or store.create_report(unit, year)
    prev, cur, fines = figures
    store.set_values(
        report.id,
        SPECS["a2"],
        {
            CellKey(MAIN_ROW, "unit_name"): unit,
            CellKey(MAIN_ROW, "inspection", year - 1): prev,
            CellKey(MAIN_ROW, "inspection", year): cur,
            CellKey(MAIN_ROW, "fines", year): fines,
        },
    )
    if a3 is not None:
        store.set_values(report.id, SPECS["a3"], {CellKey(MAIN_ROW, "inspection", year): a3})
    store.set_values(
        report.id,
        SPECS["a4"],
        {CellKey("r1", "posts"): 10, CellKey("r2", "monitoring_area"): area, CellKey("r2", "monitoring_devices"): 2},
    )
    store.set_values(
        report.id, SPECS["a5"], {CellKey("r1", "unit_name"): f"{unit}执法大队", CellKey("r1", "transferred"): 1}
    )
    path = tmp_path / f"{unit}.xlsx"
    write_xlsx(path, store.report_data(report))
    store.close()
    return path


def test_three_counties_sum_with_yoy_from_the_sums(tmp_path: Path) -> None:
    files = [county_file(tmp_path, unit, figures) for unit, figures in COUNTIES.items()]
    city = Store(tmp_path / "city.sqlite3")
    seen = []
    result = aggregate_files(city, CITY, YEAR, files, progress=lambda i, r: seen.append((i, r.status)))
    assert seen == [(0, "已导入"), (1, "已导入"), (2, "已导入")]
    assert result.units == list(COUNTIES)
    data = city.report_data(result.report, with_text=False)
    a2 = data.form("a2")
    assert a2.get(CellKey(MAIN_ROW, "unit_name")) == CITY
    assert a2.get(CellKey(MAIN_ROW, "inspection", 2023)) == 180
    assert a2.get(CellKey(MAIN_ROW, "inspection", 2024)) == 180
    assert a2.get(CellKey(MAIN_ROW, "fines", 2024)) == Decimal("3000.5")
    assert a2.get(CellKey(MAIN_ROW, "license", 2024)) is None  # blank everywhere: blank, not 0
    layout = Layout(SPECS["a2"], YEAR)
    shown = layout.body(a2, 2)[1]  # the 同比增减 row the grid shows
    cell = next(c for c in shown if c.role is Role.YOY and c.field is not None and c.field.key == "inspection")
    assert cell.text == "0.00%"  # (180−180)/180, not the mean of −20 %, +40 % and 0 %
    a4, a5 = data.form("a4"), data.form("a5")
    assert [a4.get(CellKey(r, "posts")) for r in a4.rows] == [30, None]
    assert [a4.get(CellKey(r, "monitoring_devices")) for r in a4.rows] == [None, 6]
    assert [a5.get(CellKey(r, "unit_name")) for r in a5.rows] == [f"{u}执法大队" for u in COUNTIES]

    out = tmp_path / "汇总.xlsx"
    export_report(city, CITY, YEAR, xlsx=out)
    assert_valid(out)
    wb = openpyxl.load_workbook(out)
    assert [ws.title for ws in wb.worksheets][:8] == [
        "附件2",
        "附件3",
        "附件4",
        "附件5",
        "附件2明细",
        "附件3明细",
        "附件4明细",
        "附件5明细",
    ]
    sheet = wb["附件2明细"]
    header = [c.value for c in sheet[2]]
    col = header.index("行政检查(2024)") + 1
    assert [sheet.cell(r, 2).value for r in range(3, 7)] == [*COUNTIES, "合计"]
    assert [sheet.cell(r, col).value for r in range(3, 7)] == [80, 70, 30, 180]


def test_a_corrected_county_replaces_its_year_and_the_sum_changes(tmp_path: Path) -> None:
    files = [county_file(tmp_path, unit, figures) for unit, figures in COUNTIES.items()]
    city = Store(tmp_path / "city.sqlite3")
    aggregate_files(city, CITY, YEAR, files)
    (tmp_path / "乙县应急管理局.sqlite3").unlink()
    corrected = county_file(tmp_path, "乙县应急管理局", (50, 90, Decimal("2000")))
    result = aggregate_files(city, CITY, YEAR, [corrected])  # just the corrected file: the others stay in
    assert [r.status for r in result.files] == ["已替换"]
    assert result.files[0].changes == ["附件2 行政检查(2024)：70 → 90"]
    assert result.units == list(COUNTIES)
    assert result.changes == ["附件2 行政检查(2024)：180 → 200"]
    assert len([r for r in city.reports() if r.unit == "乙县应急管理局"]) == 1
    a2 = city.report_data(result.report, with_text=False).form("a2")
    assert a2.get(CellKey(MAIN_ROW, "inspection", 2024)) == 200


def test_the_year_of_the_aggregate_is_the_files_year(tmp_path: Path) -> None:
    files = [county_file(tmp_path, unit, figures) for unit, figures in COUNTIES.items()]
    city = Store(tmp_path / "city.sqlite3")
    result = aggregate_files(city, CITY, None, files)  # no year given: the files say 2024
    assert result.report.year == YEAR and result.units == list(COUNTIES)


def test_files_of_different_years_are_imported_but_not_aggregated(tmp_path: Path) -> None:
    (a, fa), (b, fb), (c, fc) = COUNTIES.items()
    files = [county_file(tmp_path, a, fa), county_file(tmp_path, b, fb), county_file(tmp_path, c, fc, year=2023)]
    city = Store(tmp_path / "city.sqlite3")
    with pytest.raises(NotAggregated) as refused:
        aggregate_files(city, CITY, None, files)
    assert refused.value.message == (
        "未生成汇总：所选文件的年度不同（2024年 2 个文件、2023年 1 个文件），请每次只汇总同一年度的文件；文件已照常导入"
    )
    assert [(r.unit, r.year, r.status) for r in refused.value.files] == [
        (a, 2024, "已导入"),
        (b, 2024, "已导入"),
        (c, 2023, "已导入"),
    ]
    assert city.find_report(c, 2023) is not None and city.find_report(a, 2024) is not None
    assert city.find_report(CITY, 2024) is None and city.find_report(CITY, 2023) is None


def test_a_year_given_that_the_files_do_not_have_is_said_with_the_files_year(tmp_path: Path) -> None:
    files = [county_file(tmp_path, unit, figures) for unit, figures in COUNTIES.items()]
    city = Store(tmp_path / "city.sqlite3")
    with pytest.raises(NotAggregated) as refused:
        aggregate_files(
            city, CITY, 2025, files
        )  # not skipped silently: "没有可汇总的单位：… 2025年" said nothing of 2024
    assert refused.value.message == "未生成汇总：所选文件是 2024年 3 个文件，不是 2025年的；文件已照常导入"
    assert all(r.status == "已导入" for r in refused.value.files)
    assert city.find_report(CITY, 2025) is None and city.find_report("甲县应急管理局", 2024) is not None


def test_nothing_readable_makes_no_aggregate_and_says_so(tmp_path: Path) -> None:
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(NotAggregated) as refused:
        aggregate_files(Store(tmp_path / "city.sqlite3"), CITY, None, [bad])
    assert refused.value.message == "未生成汇总：没有可汇总的单位：所选文件都未能导入"
    assert [r.status for r in refused.value.files] == ["未导入"]


def test_each_file_says_its_errors_apart_from_its_hints(tmp_path: Path) -> None:
    path = county_file(tmp_path, "甲县应急管理局", (100, 80, Decimal("1000.5")), a3=90)  # 涉企 90 > all 80
    city = Store(tmp_path / "city.sqlite3")
    result = import_file(city, path)
    findings = audit(city.report_data(city.require_report("甲县应急管理局", YEAR), with_text=False))
    wrong = len(errors(findings))
    assert wrong == 1 and len(findings) > wrong
    assert (result.errors, result.hints) == (wrong, len(findings) - wrong)
    assert result.line().endswith(f"已导入，附件审核发现 错误 1 条、提示 {len(findings) - 1} 条")


# --- the sums themselves, without files --------------------------------------------------------


def _unit(name: str, a4: dict[str, dict[str, object]], a5: dict[str, dict[str, object]]) -> ReportData:
    forms = []
    for spec, rows in ((SPECS["a4"], a4), (SPECS["a5"], a5)):
        data = FormData(spec, list(rows))
        data.values = {CellKey(row, key): value for row, cells in rows.items() for key, value in cells.items()}
        forms.append(data)
    return ReportData(Report(1, name, YEAR), forms, 2)


def test_a_sum_takes_figures_only():
    assert add([True, Invalid("12a", "不是数字"), "3", 2, None, Decimal("1.5")]) == Decimal("3.5")
    assert add([None, Invalid("x", "不是数字")]) is None


def test_the_city_lists_each_units_filled_rows_in_order():
    a = _unit("甲县", {}, {"r1": {"transferred": 1}, "r2": {}, "r3": {"transferred": 3, "unit_name": "甲县大队"}})
    b = _unit("乙县", {}, {"r7": {"criminal_filed": 2}})
    city = aggregate_form(SPECS["a5"], CITY, YEAR, [a, b])
    assert city.rows == ["r1", "r2", "r3"]  # 甲县's blank row is left out, the rows after it kept
    assert city.values == {
        CellKey("r1", "transferred"): 1,
        CellKey("r2", "transferred"): 3,
        CellKey("r2", "unit_name"): "甲县大队",
        CellKey("r3", "criminal_filed"): 2,
    }


def test_the_city_sums_each_enforcement_area_the_row_without_one_first():
    a = _unit(
        "甲县",
        {"r1": {AREA: "道路运输", "monitoring_devices": 2}, "r2": {}, "r3": {"monitoring_devices": 1}},
        {},
    )
    b = _unit(
        "乙县",
        {"r1": {AREA: "安全生产", "monitoring_devices": 4}, "r2": {AREA: "道路运输", "monitoring_devices": 3}},
        {},
    )
    city = aggregate_form(SPECS["a4"], CITY, YEAR, [a, b])
    assert city.rows == ["r1", "r2", "r3"]
    assert city.values == {
        CellKey("r1", "monitoring_devices"): 1,  # no 领域
        CellKey("r2", AREA): "道路运输",  # in the order the areas first came, not sorted
        CellKey("r2", "monitoring_devices"): 5,
        CellKey("r3", AREA): "安全生产",
        CellKey("r3", "monitoring_devices"): 4,
    }


def test_a_comparison_form_of_the_city_is_one_row_under_the_citys_name():
    city = aggregate_form(SPECS["a2"], CITY, YEAR, [])
    assert city.rows == [MAIN_ROW] and city.values == {CellKey(MAIN_ROW, "unit_name"): CITY}
