"""The grid's rules without Qt (``forms.editing``): what typing, Delete, copy, paste and the row
commands store, what each step is called, what a refusal says, and what the tooltips explain."""

from __future__ import annotations

import functools
from decimal import Decimal

import pytest

from forms.changes import SetCells
from forms.editing import Conflict, EditSession
from forms.editing_labels import fix_name, saved_line, undone_line
from forms.errors import UserError
from forms.findings import CellLocation, Finding
from forms.history import History
from forms.registry import form
from forms.report import MAIN_ROW, REASON_ROW, CellKey
from forms.rules import Severity
from forms.value_log import Origin
from storage.store import Store
from tests.support.sessions import open_session


def replay(session: EditSession):
    """What the window's undo driver applies a step with: not recorded again."""
    return functools.partial(session.commit, origin=Origin.UNDO, record=False)


def stored(store, sample, key="a2"):
    return store.form_data(sample, form(key)).values


def texts(session, row, cols):
    return [session.cell(row, c).text for c in cols]


@pytest.fixture
def a2(store, sample):
    return open_session(store, sample, "a2", History())


PENALTY = CellKey(MAIN_ROW, "penalty", 2024)
LICENSE = CellKey(MAIN_ROW, "license", 2023)


def test_a_typed_value_is_stored_named_and_its_yoy_follows(a2, store, sample):
    saved = a2.edit(0, 13, "80")  # 行政处罚 2024: 78 → 80
    assert saved is not None and stored(store, sample)[PENALTY] == 80
    assert saved.change.label == "附件2 行政处罚(件)（2024）：80"
    assert saved_line(saved.change.label) == "已保存 附件2 行政处罚(件)（2024）：80"
    assert a2.cell(1, 12).text == "-45.58%" and a2.history.undo_name() == saved.change.label
    assert a2.edit(0, 13, "80") is None  # the same value again: nothing to store, no step


@pytest.mark.parametrize(
    ("col", "text", "message"),
    [(13, "abc", "不是数字"), (13, "-3", "负数"), (13, "1.5", "整数"), (19, "12.345", "2 位小数")],
)
def test_bad_input_is_refused_and_nothing_changes(a2, store, sample, col, text, message):
    before = a2.cell(0, col).text
    with pytest.raises(UserError, match=message):
        a2.edit(0, col, text)
    assert a2.cell(0, col).text == before and stored(store, sample)[PENALTY] == 78
    assert a2.history.undo_name() is None


def test_read_only_cells_take_nothing(a2):
    assert a2.edit(1, 2, "5") is None and a2.edit(0, 0, "5") is None  # 同比增减, 序号
    assert a2.history.undo_name() is None


def test_money_keeps_cents_exactly(a2, store, sample):
    assert a2.edit(0, 19, "4199252.10")
    assert stored(store, sample)[CellKey(MAIN_ROW, "fines", 2024)] == Decimal("4199252.1")
    assert a2.cell(0, 19).text == "4199252.10"


def test_a_reason_is_named_by_its_field(a2):
    saved = a2.edit(2, 2, "检查增加")
    assert saved is not None and saved.change.label == "附件2 行政许可(件) 原因简析：检查增加"


def test_delete_clears_the_filled_editable_cells_as_one_step(a2, store, sample):
    saved = a2.clear([(0, 2), (0, 3), (1, 2), (0, 0)])  # two values, a 同比 cell, 序号
    assert saved is not None and saved.count == 2 and saved.change.label == "清空 附件2 2 个单元格"
    assert saved_line(saved.change.label) == "已清空 附件2 2 个单元格"
    values = stored(store, sample)
    assert CellKey(MAIN_ROW, "license", 2023) not in values and CellKey(MAIN_ROW, "license", 2024) not in values
    assert a2.clear([(0, 2), (1, 2)]) is None  # nothing filled is left there
    a2.history.undo(replay(a2))
    assert stored(store, sample)[CellKey(MAIN_ROW, "license", 2023)] == 148


def test_copy_is_tab_separated_as_excel_puts_it_on_the_clipboard(a2):
    assert a2.copy([(0, 2), (0, 3), (1, 2)]) == "148\t178\n20.27%\t"  # 同比 spans two columns
    assert a2.copy([(0, 2), (0, 4)]) == "148\t\t0"  # an unchosen cell in between is empty
    assert a2.copy([]) == ""


def test_a_pasted_block_is_one_step(a2, store, sample):
    saved = a2.paste(0, 2, "150\t180\t1\t1\r\n")
    assert saved is not None and saved.change.label == "粘贴 4 个单元格"
    assert a2.cell(1, 2).text == "20.00%"
    a2.history.undo(replay(a2))
    values = stored(store, sample)
    assert values[CellKey(MAIN_ROW, "license", 2023)] == 148 and values[CellKey(MAIN_ROW, "confirmation", 2023)] == 0


def test_a_paste_with_a_bad_value_changes_nothing(a2, store, sample):
    with pytest.raises(UserError) as refused:
        a2.paste(0, 2, "150\t1.5\n")
    assert "粘贴未执行" in refused.value.message and "整数" in refused.value.message
    assert stored(store, sample)[CellKey(MAIN_ROW, "license", 2023)] == 148


def test_a_paste_over_read_only_cells_takes_what_they_show(a2, store, sample):
    # The 同比 row shows 20.27%: a block copied from the grid pastes back; the 原因简析 cell takes the text.
    assert a2.paste(1, 2, "20.27%\t\n原因").count == 1
    assert stored(store, sample)[CellKey(REASON_ROW, "license")] == "原因"
    with pytest.raises(UserError, match="不能填写的单元格"):  # another figure there would be lost
        a2.paste(1, 2, "99%\t\n别的原因")
    assert stored(store, sample)[CellKey(REASON_ROW, "license")] == "原因"


def test_quoted_cells_paste_as_spreadsheets_and_word_mean_them(a2, store, sample):
    # Excel/WPS quote a cell holding a line break; the block must not split inside it.
    assert a2.paste(2, 2, '"减少，主要原因：\n（一）检查方式调整"\t\t"第二段"\r\n').count == 2
    values = stored(store, sample)
    assert values[CellKey(REASON_ROW, "license")] == "减少，主要原因：\n（一）检查方式调整"
    assert values[CellKey(REASON_ROW, "confirmation")] == "第二段"
    assert a2.paste(2, 2, '"十三五"规划收官，检查增加\n').count == 1  # quotes from Word stay
    assert stored(store, sample)[CellKey(REASON_ROW, "license")] == '"十三五"规划收官，检查增加'


def test_past_the_end_of_a_fixed_table_is_refused(a2, store, sample):
    before = stored(store, sample)
    with pytest.raises(UserError) as refused:
        a2.paste(2, 2, "a\nb\n")
    assert "超出了表格范围" in refused.value.message and "不能添加行" in refused.value.message
    assert stored(store, sample) == before


def test_a_paste_past_a_list_table_adds_rows_in_the_same_step(store, sample):
    a4 = open_session(store, sample, "a4", History())
    before = store.form_data(sample, form("a4"))
    saved = a4.paste(2, 1, "\r\n".join(f"{n}\t{n + 100}" for n in range(1, 7)) + "\r\n")
    assert saved is not None and saved.count == 12 and saved.change.label == "粘贴 12 个单元格（新增 4 行）"
    after = store.form_data(sample, form("a4"))
    assert len(after.rows) == 8 and [after.get(CellKey(r, "posts")) for r in after.rows[2:]] == [1, 2, 3, 4, 5, 6]
    assert len(a4.body) == 8
    a4.history.undo(replay(a4))  # the rows and the values go together
    assert store.form_data(sample, form("a4")) == before


def test_the_paste_limit_stays(store, sample):
    a5 = open_session(store, sample, "a5")
    block = "".join(f"第{n}执法大队\t是\t1\t1\r\n" for n in range(5000))
    with pytest.raises(UserError, match="一次最多粘贴 1000 行，复制的内容有 5000 行"):
        a5.paste(0, 1, block)


def test_list_rows_insert_and_remove_with_their_names(store, sample):
    a5 = open_session(store, sample, "a5", History())
    inserted = a5.insert_row(0)
    assert inserted.change.label == "在附件5插入第 1 行" and saved_line(inserted.change.label) == "已在附件5插入第 1 行"
    assert len(a5.body) == 5 and a5.cell(1, 1).text == "示例市应急管理综合行政执法支队"
    assert [a5.cell(r, 0).text for r in range(5)] == ["1", "2", "3", "4", "5"]
    assert a5.insert_row(99).change.label == "在附件5插入第 6 行"  # kept inside the table
    assert a5.row_has_values(1) and not a5.row_has_values(0)
    removed = a5.remove_row(1)
    assert removed.change.label == "删除附件5第 2 行" and a5.cell(0, 1).text == ""


def test_undo_by_keys_after_rows_were_inserted_and_removed(store, sample):
    history = History()
    a5 = open_session(store, sample, "a5", history)
    first = store.form_data(sample, form("a5")).rows[0]
    assert a5.edit(0, 1, "某县应急管理局执法大队")  # row 1's unit name
    a5.insert_row(0)  # a new row above it
    a5.remove_row(3)
    for _ in range(3):
        assert history.undo(replay(a5)) is not None
    assert stored(store, sample, "a5")[CellKey(first, "unit_name")] == "示例市应急管理综合行政执法支队"
    step = history.redo(replay(a5))
    assert (
        step is not None
        and undone_line(step.label, undo=False) == "已重做：附件5 行政执法单位名称：某县应急管理局执法大队"
    )
    assert stored(store, sample, "a5")[CellKey(first, "unit_name")] == "某县应急管理局执法大队"


def test_a_conflict_drops_the_reports_history_and_changes_nothing(store, sample, a2):
    a2.edit(0, 2, "149")
    other = Store(store.path)  # another window puts the old value back
    other.apply(sample.id, SetCells("a2", {LICENSE: 149}, {LICENSE: 148}, "另一个窗口"))
    other.close()
    with pytest.raises(Conflict, match="已被另一个窗口或程序修改"):
        a2.edit(0, 2, "150")  # the grid still shows 149
    assert a2.history.undo_name() is None and stored(store, sample)[LICENSE] == 148


def test_an_audit_fix_is_one_step_named_as_a_fix_and_its_cell(a2, store, sample):
    # as a fix in the report text is (按建议改正 三、存在问题); typing names the value (附件2 …：79)
    saved = a2.apply_text(PENALTY, "79")
    assert saved.change.label == "按建议改正 附件2 行政处罚(件)（2024）"
    assert saved_line(saved.change.label) == "已按建议改正 附件2 行政处罚(件)（2024）"
    assert fix_name("附件2", None) == "按建议改正 附件2"  # a cell the grid does not show: its table
    assert stored(store, sample)[PENALTY] == 79


def test_an_undone_or_redone_step_is_shown_at_the_first_cell_it_changed(a2):
    one = a2.apply_text(PENALTY, "79").change
    assert a2.first_changed(one) == a2.locate(PENALTY)
    both = SetCells("a2", {PENALTY: 79, LICENSE: 148}, {PENALTY: 80, LICENSE: 149}, "粘贴")
    assert a2.first_changed(both) == min(a2.locate(PENALTY), a2.locate(LICENSE))
    assert a2.first_changed(SetCells("a2", {}, {CellKey("gone", "x"): 1}, "x")) is None  # a cell not shown


def test_tooltips_say_how_a_cell_is_computed_and_what_it_takes(a2):
    assert a2.tooltip(1, 2) == "同比增减 = (本年 − 上年) ÷ 上年，自动计算：20.27%"
    assert a2.tooltip(1, 3) == a2.tooltip(1, 2)  # the covered half of a merged cell
    assert a2.tooltip(1, 4) == "行政确认(件)：上年数为 0，同比无意义，不计算"  # no percentage: why, for which field
    assert a2.tooltip(0, 13).startswith("行政处罚(件)：")
    assert a2.tooltip(0, 0) is None
    assert a2.tooltip(2, 2) == "市场经营行为，自然增加。"  # a 原因简析 shows its whole text


def test_a_blank_reason_cell_says_what_to_write(a2):
    assert a2.edit(2, 2, "") is not None
    assert a2.tooltip(2, 2) == "请简要分析数据变化原因（数据为 0 或无变化的也要分析）"


def test_a_cell_emptied_by_typing_is_named_as_cleared(a2):
    saved = a2.edit(0, 13, "")
    assert saved is not None and saved.change.label == "附件2 行政处罚(件)（2024）：（清空）"
    assert undone_line(saved.change.label, undo=True) == "已撤销：附件2 行政处罚(件)（2024）：（清空）"


def test_findings_colour_their_cells_and_lead_the_tooltip(a2):
    hint = Finding(CellLocation("a2", PENALTY), Severity.HINT, "提示一句", "X")
    error = Finding(CellLocation("a2", PENALTY), Severity.ERROR, "错误一句", "Y")
    assert a2.set_findings([hint]) == [(0, 13)]
    assert a2.worst(0, 13) is Severity.HINT and a2.worst(0, 2) is None
    assert a2.set_findings([hint]) == []  # unchanged: nothing to repaint
    a2.set_findings([hint, error])
    assert a2.worst(0, 13) is Severity.ERROR
    assert a2.tooltip(0, 13).startswith("【提示】提示一句\n【错误】错误一句\n行政处罚(件)：")
