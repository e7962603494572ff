"""Paste planning without Qt: all or nothing, rows added to list tables only."""

from __future__ import annotations

import pytest

from forms.errors import InputError
from forms.grid import Layout
from forms.paste import MAX_PASTE_ROWS, parse_block, plan_paste
from forms.registry import form
from forms.report import FormData


def grid(key: str, rows: list[str] | None = None):
    spec = form(key)
    layout = Layout(spec, 2024)
    return layout.body(FormData(spec, FormData.row_keys(spec, rows or [])), 2), layout.new_row()


def parse(cell, text):
    return cell.kind.parse(text)


def test_a_block_past_the_last_row_of_a_list_table_adds_rows():
    body, new_row = grid("a4", ["r1", "r2", "r3", "r4"])
    block = parse_block("\n".join(f"{n}\t{n + 10}" for n in range(6)))
    plan = plan_paste(body, 2, 1, block, parse, new_row=new_row)
    assert [k.row for k in plan.values] == ["r3", "r3", "r4", "r4"]
    assert plan.new_rows == (
        {("posts", 0): 2, ("admin_staff", 0): 12},
        {("posts", 0): 3, ("admin_staff", 0): 13},
        {("posts", 0): 4, ("admin_staff", 0): 14},
        {("posts", 0): 5, ("admin_staff", 0): 15},
    )


def test_blank_lines_after_the_block_add_no_rows_but_blank_lines_inside_it_do():
    body, new_row = grid("a4", ["r1"])
    assert plan_paste(body, 0, 1, parse_block("1\n\n\n"), parse, new_row=new_row).new_rows == ()
    assert plan_paste(body, 0, 1, parse_block("1\n\n3\n"), parse, new_row=new_row).new_rows == ({}, {("posts", 0): 3})


def test_a_fixed_table_refuses_a_block_longer_than_it():
    body, new_row = grid("a2")
    assert new_row is None
    with pytest.raises(InputError, match=r"超出了表格范围.*行数固定"):
        plan_paste(body, 2, 2, parse_block("a\nb"), parse)


def test_a_block_onto_the_yoy_row_is_refused_whole():
    body, _ = grid("a2")
    with pytest.raises(InputError, match="第 2 行第 1 个值“5”落在不能填写的单元格上"):
        plan_paste(body, 0, 2, parse_block("1\t2\n5\t6"), parse)


def test_a_block_past_the_last_column_is_refused_even_in_a_list_table():
    body, new_row = grid("a5", ["r1"])
    with pytest.raises(InputError, match="最右一列"):
        plan_paste(body, 0, 8, parse_block("1\t2\t3"), parse, new_row=new_row)


def test_a_bad_value_in_an_added_row_refuses_the_whole_block():
    body, new_row = grid("a5", ["r1"])
    with pytest.raises(InputError, match="第 2 行第 2 个值“x”"):
        plan_paste(body, 0, 1, parse_block("甲单位\t是\n乙单位\tx"), parse, new_row=new_row)


def test_a_block_of_up_to_a_thousand_rows_is_pasted_and_a_longer_one_refused_naming_the_limit():
    body, new_row = grid("a4", ["r1"])
    thousand = parse_block("\n".join(str(n) for n in range(MAX_PASTE_ROWS)) + "\n\n\n")  # blank lines after it
    assert len(plan_paste(body, 0, 1, thousand, parse, new_row=new_row).new_rows) == MAX_PASTE_ROWS - 1
    more = parse_block("\n".join(str(n) for n in range(MAX_PASTE_ROWS + 1)))
    with pytest.raises(InputError) as refused:
        plan_paste(body, 0, 1, more, parse, new_row=new_row)
    assert refused.value.message == "粘贴未执行：一次最多粘贴 1000 行，复制的内容有 1001 行，请分几次粘贴"
    assert MAX_PASTE_ROWS == 1000


def test_old_mac_line_breaks_and_a_last_line_break_make_no_extra_row():
    assert parse_block("1\t2\r3\t4\r") == [["1", "2"], ["3", "4"]]
    assert parse_block("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]


def test_text_with_quotes_that_is_no_excel_cell_is_split_on_tabs_and_lines_quotes_kept():
    assert parse_block('"十三五"规划\t2\n完成\t3\n') == [['"十三五"规划', "2"], ["完成", "3"]]


def test_a_block_reaches_the_last_column_and_a_value_beyond_it_is_refused_even_after_blanks():
    body, new_row = grid("a5", ["r1"])
    last = len(body[0]) - 1
    plan = plan_paste(body, 0, last, parse_block("3"), parse, new_row=new_row)
    assert list(plan.values.values()) == [3]
    assert plan_paste(body, 0, last, parse_block("3\t\t"), parse, new_row=new_row).values == plan.values
    with pytest.raises(InputError) as refused:
        plan_paste(body, 0, last, parse_block("3\n4\t\t5"), parse, new_row=new_row)
    assert refused.value.message == "粘贴未执行：第 2 行第 3 个值“5”超出了表格最右一列"


def test_a_fixed_table_names_how_many_rows_were_copied_and_how_many_there_are():
    body, _ = grid("a2")
    with pytest.raises(InputError) as refused:
        plan_paste(body, 1, 2, parse_block("a\nb\nc"), parse)
    assert refused.value.message == (
        "粘贴未执行：复制的内容有 3 行，从这里往下只有 2 行，超出了表格范围（本表行数固定，不能添加行）"
    )


def test_a_block_onto_a_computed_cell_says_which_cells_take_nothing():
    body, _ = grid("a2")
    with pytest.raises(InputError) as refused:
        plan_paste(body, 1, 2, parse_block("5"), parse)
    assert refused.value.message == (
        "粘贴未执行：第 1 行第 1 个值“5”落在不能填写的单元格上（序号、同比增减等自动计算的单元格）"
    )


def test_a_blank_block_empties_the_cells_it_covers_and_adds_no_row():
    body, new_row = grid("a4", ["r1"])
    plan = plan_paste(body, 0, 1, parse_block("\t\n\t"), parse, new_row=new_row)
    assert set(plan.values.values()) == {None} and len(plan.values) == 2 and plan.new_rows == ()
