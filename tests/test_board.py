"""The city's board (issue 23 item 4): the standing member list, each member's file, audit, 原因简析 and
what its last workbook changed, the members missing; `main.py members`; the workbook the city mails up."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import openpyxl
import pytest

import main
from exporters.board_xlsx import SHEET, write_board_xlsx
from exporters.xlsx_print import PLANNED_SCALE, PRINTABLE_PT, WIDEST_DIGIT_PT
from forms.board import COLUMNS, Since, summary
from forms.errors import UserError
from forms.report import MAIN_ROW, CellKey
from importers.city import build_aggregate
from importers.importing import import_file
from storage import members
from storage.board import board, require_board
from storage.store import Store
from tests.support.board import CITY, YEAR, A, B, county_workbook, import_recorded, two_county_city
from tests.support.ooxml import assert_valid

C = "湘潭县应急管理局"


@pytest.fixture
def city(tmp_path: Path) -> Store:
    return two_county_city(tmp_path)


def later() -> None:
    """A county's next workbook comes a second later at least: the history's times are in seconds."""
    time.sleep(1.05)


def by_unit(store: Store, year: int = YEAR) -> dict:
    return {row.unit: row for row in board(store, CITY, year)}


def test_a_汇总_puts_its_counties_on_the_list_and_the_board_names_their_files(city: Store) -> None:
    assert members.members(city, CITY) == [A, B]
    rows = by_unit(city)
    a, b = rows[A], rows[B]
    assert (a.status(), a.file, a.since) == ("已报送", f"{A}.xlsx", Since.FIRST)
    assert a.when()[:4].isdigit() and len(a.when()) == 16  # 2026-12-02 10:00
    assert a.reasons == ("附件2 行政检查：开展专项检查",)
    assert b.reason_text() == "未填写"
    # the counts are the import line's (the same audit of the stored report), here of a first import
    # elsewhere: the same file again into the city's changes nothing and counts nothing
    result = import_recorded(
        Store(Path(city.path).parent / "other.sqlite3"), Path(city.path).parent / "in" / f"{B}.xlsx"
    )
    assert (by_unit(city)[B].errors, by_unit(city)[B].hints) == (result.errors, result.hints)
    assert result.errors >= 1 and a.errors == 0


def test_a_member_expected_but_missing_is_marked(city: Store) -> None:
    assert members.add(city, CITY, C) == C
    rows = board(city, CITY, YEAR)
    assert [r.unit for r in rows] == [A, B, C]  # the list's order
    assert rows[2].cells() == (C, "未报送", "", "", "", "", "", "")
    assert summary(rows).endswith(f"未报送 1 个：{C}")
    # kept across years: next year every member is expected again
    assert [r.status() for r in board(city, CITY, YEAR + 1)] == ["未报送"] * 3


def test_what_the_last_workbook_changed_is_read_from_the_history(city: Store, tmp_path: Path) -> None:
    again = county_workbook(tmp_path / "v2", A, (100, 135), reason="开展专项检查", name="雨湖区（修改后）.xlsx")
    later()
    import_recorded(city, again)
    a = by_unit(city)[A]
    assert (a.file, a.since) == ("雨湖区（修改后）.xlsx", Since.MOVED)
    assert a.moves == ("附件2 行政检查(次)（2024）：120 → 135",)
    assert a.change_text() == "改动 1 处：附件2 行政检查(次)（2024）：120 → 135"
    later()
    import_recorded(city, again)  # the same workbook again: it moved nothing
    assert by_unit(city)[A].change_text() == "无变化"


def test_many_moves_are_counted_and_a_few_shown(city: Store, tmp_path: Path) -> None:
    later()
    import_recorded(city, county_workbook(tmp_path / "v2", A, (90, 130), reason="新的原因", a3=1))
    text = by_unit(city)[A].change_text()
    assert text.startswith("改动 4 处：") and text.endswith(" 等") and text.count("→") == 3


def test_one_import_logged_across_a_second_boundary_is_one_import(city: Store, tmp_path: Path) -> None:
    later()
    import_recorded(city, county_workbook(tmp_path / "v2", A, (100, 135), a3=7, name="雨湖区v2.xlsx"))
    with city.write():  # its 附件3 logged a second after its 附件2 (a form at a time)
        city.conn.execute(
            "update value_log set at = strftime('%Y-%m-%dT%H:%M:%S', at, '+1 second') where form = 'a3' and source = ?",
            ["雨湖区v2.xlsx"],
        )
    moves = by_unit(city)[A].moves
    assert any(m.startswith("附件2 行政检查") for m in moves) and any(m.startswith("附件3") for m in moves)


def test_imports_before_files_were_recorded_read_the_history_alone(tmp_path: Path) -> None:
    store = Store(tmp_path / "city.sqlite3")
    import_file(store, county_workbook(tmp_path / "in", A, (100, 120)))
    members.add(store, CITY, A)
    first = by_unit(store)[A]
    assert (first.file, first.change_text()) == (f"{A}.xlsx", "首次导入")
    with store.write():  # that import was an hour ago, by a program that kept no file records (before m008)
        store.conn.execute("update value_log set at = strftime('%Y-%m-%dT%H:%M:%S', at, '-1 hour')")
        store.conn.execute("delete from imported_files")
    import_file(store, county_workbook(tmp_path / "v2", A, (100, 125), name="雨湖区第二版.xlsx"))
    a = by_unit(store)[A]
    assert (a.file, a.change_text()) == ("雨湖区第二版.xlsx", "改动 1 处：附件2 行政检查(次)（2024）：120 → 125")
    later()  # a workbook of another name a second later is another import too
    import_file(store, county_workbook(tmp_path / "v3", A, (100, 126), name="雨湖区第三版.xlsx"))
    assert by_unit(store)[A].change_text() == "改动 1 处：附件2 行政检查(次)（2024）：125 → 126"


def test_a_report_typed_in_here_is_there_but_not_imported(city: Store) -> None:
    city.create_report(C, YEAR)
    members.add(city, CITY, C)
    c = by_unit(city)[C]
    assert (c.status(), c.cells()[2], c.change_text()) == ("已报送", "（未导入）", "未导入")


def test_adding_and_removing_members_by_the_import_s_unit_rules(city: Store) -> None:
    city.create_report("湘潭市岳塘区应急管理局", YEAR)  # a full name the file holds
    with pytest.raises(UserError, match="已在"):
        members.add(city, CITY, A)
    with pytest.raises(UserError, match="汇总单位本身"):
        members.add(city, CITY, CITY)
    with pytest.raises(UserError, match="过长"):
        members.add(city, CITY, "县" * 101)
    with pytest.raises(UserError, match="请填写单位名称"):
        members.add(city, CITY, "　")
    assert members.remove(city, CITY, B) == B
    assert members.members(city, CITY) == [A]
    with pytest.raises(UserError, match="不在"):
        members.remove(city, CITY, B)
    build_aggregate(city, CITY, YEAR, [A])  # the 汇总 rebuilt (it still sums 岳塘区): the city's choice stays
    assert members.members(city, CITY) == [A]
    # typed with blanks around; a unit the file knows by this very name is not taken for the fuller one
    assert members.add(city, CITY, "  岳塘区应急管理局\t") == B
    assert members.remove(city, f" {CITY} ", f"{B} ") == B  # the city too, as the 汇总 names it: one list
    assert members.add(city, f"{CITY}\t", B) == B and members.members(city, CITY) == [A, B]


def test_a_name_lacking_only_a_prefix_is_the_unit_the_file_names_in_full(tmp_path: Path) -> None:
    store = Store(tmp_path / "city.sqlite3")
    store.create_report("湘潭市雨湖区应急管理局", YEAR)
    assert members.add(store, CITY, "雨湖区应急管理局") == "湘潭市雨湖区应急管理局"


def test_a_file_of_before_m009_sees_the_counties_of_its_汇总(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("drop table members")
    conn.execute("delete from _sqlite_migrations where name = 'm009_members'")
    conn.execute("insert into settings values ('aggregate_units:2023:湘潭市应急管理局', '[\"韶山市应急管理局\"]')")
    later_list = f'["{A}", "韶山市应急管理局"]'
    conn.execute("insert into settings values ('aggregate_units:2024:湘潭市应急管理局', ?)", [later_list])
    conn.execute("PRAGMA user_version = 8")
    conn.commit()
    conn.close()
    assert members.members(Store(path), CITY) == ["韶山市应急管理局", A]


def test_the_board_s_workbook_is_small_valid_and_prints_on_a4_landscape(city: Store, tmp_path: Path) -> None:
    members.add(city, CITY, C)
    out = tmp_path / "报送情况.xlsx"
    write_board_xlsx(out, CITY, YEAR, require_board(city, CITY, YEAR))
    assert_valid(out)
    assert out.stat().st_size < 20_000
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [SHEET]
    ws = wb[SHEET]
    assert ws["A1"].value == f"{CITY} {YEAR}年 各成员单位报送情况"
    assert [c.value for c in ws[2]] == list(COLUMNS)
    assert [ws.cell(r, 1).value for r in (3, 4, 5)] == [A, B, C]
    assert ws.cell(3, 7).value == "附件2 行政检查：开展专项检查"
    assert ws.cell(4, 5).value >= 1 and isinstance(ws.cell(4, 6).value, int)  # counts are numbers
    assert (ws.cell(5, 2).value, ws.cell(5, 2).font.b) == ("未报送", True)
    assert ws.cell(6, 1).value == "成员 3 个：已报送 2 个（有错误 1 个），未报送 1 个：湘潭县应急管理局"
    setup = ws.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth) == ("landscape", int(ws.PAPERSIZE_A4), 1)
    assert ws.print_title_rows == "$2:$2"  # the header row repeats on every page
    widths = [ws.column_dimensions[chr(65 + i)].width for i in range(len(COLUMNS))]
    assert sum(widths) * WIDEST_DIGIT_PT * PLANNED_SCALE / 100 <= PRINTABLE_PT  # one page wide


@pytest.mark.libreoffice
def test_libreoffice_reads_the_board_s_workbook(city: Store, tmp_path: Path) -> None:
    from tests.support.libreoffice import pdf_pages, sheets_as_shown, to_pdf

    members.add(city, CITY, C)
    out = tmp_path / "board.xlsx"
    write_board_xlsx(out, CITY, YEAR, require_board(city, CITY, YEAR))
    shown = sheets_as_shown(out, tmp_path / "lo")
    rows = next(iter(shown.values()))
    assert rows[1][:4] == list(COLUMNS[:4])
    assert rows[2][0] == A and rows[2][1] == "已报送" and rows[2][7] == "首次导入"
    assert rows[4][:2] == [C, "未报送"]
    pages = pdf_pages(to_pdf(out, tmp_path / "pdf"))
    assert [(round(w), round(h)) for w, h in pages] == [(842, 595)]  # one A4 landscape page


# --- main.py members -----------------------------------------------------------------


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main.main(["members", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line_prints_the_board_and_exports_it(
    city: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(city.path)
    city.close()
    code, out, err = cli(capsys, "--db", db, "--unit", CITY, "--add", C)
    assert (code, out.strip()) == (0, f"已加入{CITY}的成员名单：{C}")
    xlsx = tmp_path / "out.xlsx"
    code, out, err = cli(capsys, "--db", db, "--unit", CITY, "--year", str(YEAR), "--xlsx", str(xlsx))
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith(f"{A}\t已报送\t{A}.xlsx\t")
    hints = by_hints(db, A)
    assert lines[0].endswith(f"错误 0 条、提示 {hints} 条\t原因简析：附件2 行政检查：开展专项检查\t首次导入")
    assert lines[2] == f"{C}\t未报送" and lines[3] == f"已导出：{xlsx}"
    assert err.strip() == "成员 3 个：已报送 2 个（有错误 1 个），未报送 1 个：湘潭县应急管理局"
    assert_valid(xlsx)
    code, out, err = cli(capsys, "--db", db, "--unit", CITY, "--remove", C)
    assert code == 0 and "已移出" in out
    code, out, err = cli(capsys, "--db", db, "--unit", CITY)
    assert (code, out.splitlines()) == (0, [A, B])


def by_hints(db: str, unit: str) -> int:
    return by_unit(Store(Path(db)))[unit].hints


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--unit", "某市应急管理局", "--year", "2024"], "“某市应急管理局”没有成员名单（有成员名单的汇总单位：湘潭市"),
        (["--unit", CITY, "--year", "20x4"], "年度“20x4”无效"),
        (["--unit", CITY, "--year", "1999"], "年度“1999”无效"),
        (["--unit", CITY, "--xlsx", "a.xlsx"], "导出报送情况须给出 --year"),
        (["--unit", CITY, "--remove", "无此县应急管理局"], "不在湘潭市应急管理局的成员名单中"),
        (["--unit", CITY, "--add", CITY], "是汇总单位本身"),
        (["--year", "2024"], "缺少参数： --unit"),
    ],
)
def test_bad_input_is_one_chinese_line_and_exit_2(
    city: Store, capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    code, _, err = cli(capsys, "--db", str(city.path), *args)
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1, err


def test_an_unknown_database_is_not_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "--db", str(tmp_path / "nope.sqlite3"), "--unit", CITY, "--year", "2024")
    assert code == 2 and not (tmp_path / "nope.sqlite3").exists() and len(err.strip().splitlines()) == 1


def test_the_same_workbook_after_an_edit_here_shows_what_it_put_back(city: Store) -> None:
    """The same file is imported again only after an edit here (else it changes nothing): the board
    says what it moved back, not 无变化."""
    report = city.require_report(A, YEAR)
    later()
    city.set_values(report.id, city.spec_of(report, "a2"), {CellKey(MAIN_ROW, "inspection", YEAR): 999})
    later()
    again = import_recorded(city, Path(city.path).parent / "in" / f"{A}.xlsx")
    assert again.status == "已替换"
    assert by_unit(city)[A].change_text() == "改动 1 处：附件2 行政检查(次)（2024）：999 → 120"
