"""The board's rows as the city reads them (forms/board.py): each column's text for a member that reported,
one typed in here and one missing, the line of ``main.py members``, the moves cut and counted, the title
and the summary line. No store: the rows are made by hand (tests/test_board.py gathers real ones)."""

from __future__ import annotations

from forms.board import COLUMNS, COUNT_COLUMNS, MOVE_CHARS, SHOWN_MOVES, MemberRow, Since, summary, title

A = "湘潭市雨湖区应急管理局"
B = "湘潭市岳塘区应急管理局"
C = "湘潭县应急管理局"


def _reported(**kw) -> MemberRow:
    values = {
        "unit": A,
        "reported": True,
        "file": "雨湖区.xlsx",
        "at": "2026-12-02T10:05:59",
        "errors": 2,
        "hints": 5,
        "reasons": ("附件2 行政检查：开展专项检查", "附件3 行政处罚：案件增加"),
        "since": Since.FIRST,
    }
    return MemberRow(**{**values, **kw})


def test_a_reported_member_s_row_names_its_file_time_counts_and_reasons() -> None:
    row = _reported()
    assert row.cells() == (
        A,
        "已报送",
        "雨湖区.xlsx",
        "2026-12-02 10:05",
        "2",
        "5",
        "附件2 行政检查：开展专项检查；附件3 行政处罚：案件增加",
        "首次导入",
    )
    assert len(row.cells()) == len(COLUMNS)
    assert [COLUMNS[i] for i in COUNT_COLUMNS] == ["错误", "提示"]


def test_a_clean_report_shows_its_zero_counts_and_unfilled_reasons() -> None:
    row = _reported(errors=0, hints=0, reasons=(), since=Since.SAME)
    assert row.cells()[4:] == ("0", "0", "未填写", "无变化")


def test_a_report_typed_in_here_has_no_file_and_no_time() -> None:
    row = MemberRow(C, True, since=Since.TYPED)
    assert row.cells() == (C, "已报送", "（未导入）", "", "0", "0", "未填写", "未导入")


def test_a_missing_member_s_row_is_blank_but_its_name_and_status() -> None:
    row = MemberRow(C, False)
    assert row.cells() == (C, "未报送", "", "", "", "", "", "")
    assert row.line() == f"{C}\t未报送"


def test_the_command_line_s_line_of_a_reported_member() -> None:
    line = _reported(reasons=("附件2 行政检查：开展专项检查",)).line()
    assert line == (
        f"{A}\t已报送\t雨湖区.xlsx\t2026-12-02 10:05\t错误 2 条、提示 5 条"
        "\t原因简析：附件2 行政检查：开展专项检查\t首次导入"
    )


def _moves(n: int) -> tuple[str, ...]:
    return tuple(f"附件2 行政检查(次)（2024）：{100 + i} → {200 + i}" for i in range(n))


def test_up_to_three_moves_are_shown_in_full_without_more() -> None:
    moves = _moves(SHOWN_MOVES)
    text = _reported(since=Since.MOVED, moves=moves).change_text()
    assert text == "改动 3 处：" + "；".join(moves)


def test_a_fourth_move_is_counted_not_shown() -> None:
    moves = _moves(4)
    text = _reported(since=Since.MOVED, moves=moves).change_text()
    assert text == "改动 4 处：" + "；".join(moves[:3]) + " 等"


def test_a_move_quoting_a_long_reason_is_cut_to_forty_characters() -> None:
    fits = "附件2 原因简析：" + "甲" * (MOVE_CHARS - 9)
    assert len(fits) == MOVE_CHARS
    long = fits + "乙"
    text = _reported(since=Since.MOVED, moves=(fits, long)).change_text()
    assert text == f"改动 2 处：{fits}；{fits[:-1]}…"
    assert len(text.split("；")[1]) == MOVE_CHARS


def test_the_title_and_the_summary_line() -> None:
    assert title("湘潭市应急管理局", 2024) == "湘潭市应急管理局 2024年 各成员单位报送情况"
    rows = [_reported(), _reported(unit=B, errors=0), MemberRow(C, False)]
    assert summary(rows) == f"成员 3 个：已报送 2 个（有错误 1 个），未报送 1 个：{C}"
    assert summary(rows[1:2]) == "成员 1 个：已报送 1 个，未报送 0 个"
    # a missing member counts no errors, whatever its row holds
    assert summary([MemberRow(C, False, errors=3), MemberRow(A, False)]) == (
        f"成员 2 个：已报送 0 个，未报送 2 个：{C}、{A}"
    )
