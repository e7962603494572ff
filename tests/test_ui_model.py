"""The grid model without a widget: what each cell shows, what it accepts, what it stores."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from forms.registry import form
from forms.report import MAIN_ROW, CellKey
from ui.form_model import FormTableModel

DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def a2(qapp, store, sample):
    return FormTableModel(store, form("a2"), sample)


def test_a2_shows_the_paper_rows(a2):
    assert (a2.rowCount(), a2.columnCount()) == (3, 22)
    assert [a2.data(a2.index(0, c)) for c in range(4)] == ["1", "示例市应急管理局", "148", "178"]
    assert a2.data(a2.index(1, 1)) == "同比增减"
    assert [a2.data(a2.index(1, c)) for c in (2, 4, 6, 10, 12, 18)] == [
        "20.27%",
        "",
        "0.00%",
        "-35.59%",
        "-46.94%",
        "-54.44%",
    ]
    assert a2.data(a2.index(2, 1)) == "数据变化原因简析"
    assert a2.data(a2.index(2, 2)) == "市场经营行为，自然增加。"
    assert (1, 2, 2) in a2.spans() and (2, 20, 2) in a2.spans()


def test_alignment_flags_and_tooltips(a2):
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert a2.data(a2.index(0, 2), Qt.ItemDataRole.TextAlignmentRole) == right
    assert a2.flags(a2.index(0, 2)) & Qt.ItemFlag.ItemIsEditable
    assert not a2.flags(a2.index(1, 2)) & Qt.ItemFlag.ItemIsEditable  # 同比 is computed
    assert not a2.flags(a2.index(0, 0)) & Qt.ItemFlag.ItemIsEditable  # 序号
    assert "上年数为 0" in a2.data(a2.index(1, 4), Qt.ItemDataRole.ToolTipRole)


def test_edit_updates_yoy_and_database(a2, store, sample, qtbot):
    with qtbot.waitSignals([a2.dataChanged, a2.dataChanged, a2.saved]):
        assert a2.setData(a2.index(0, 13), "80")  # 行政处罚 2024: 78 → 80
    assert a2.data(a2.index(1, 12)) == "-45.58%"
    stored = store.form_data(sample, form("a2")).values[CellKey(MAIN_ROW, "penalty", 2024)]
    assert stored == 80


@pytest.mark.parametrize(
    ("col", "text", "message"),
    [(13, "abc", "不是数字"), (13, "-3", "负数"), (13, "1.5", "整数"), (19, "12.345", "2 位小数")],
)
def test_bad_input_is_refused_and_nothing_changes(a2, store, sample, qtbot, col, text, message):
    before = a2.data(a2.index(0, col))
    with qtbot.waitSignal(a2.rejected) as blocker:
        assert not a2.setData(a2.index(0, col), text)
    assert message in blocker.args[2]
    assert a2.data(a2.index(0, col)) == before
    assert store.form_data(sample, form("a2")).values[CellKey(MAIN_ROW, "penalty", 2024)] == 78


def test_money_keeps_cents_exactly(a2, store, sample):
    assert a2.setData(a2.index(0, 19), "4199252.10")
    assert store.form_data(sample, form("a2")).values[CellKey(MAIN_ROW, "fines", 2024)] == Decimal("4199252.1")
    assert a2.data(a2.index(0, 19)) == "4199252.10"


def test_list_rows_insert_and_remove(qapp, store, sample):
    a5 = FormTableModel(store, form("a5"), sample)
    a5.insert_list_row(0)
    assert a5.rowCount() == 5 and a5.data(a5.index(1, 1)) == "示例市应急管理综合行政执法支队"
    assert [a5.data(a5.index(r, 0)) for r in range(5)] == ["1", "2", "3", "4", "5"]
    a5.remove_list_row(1)
    assert a5.rowCount() == 4 and a5.data(a5.index(0, 1)) == ""
    assert store.form_data(sample, form("a5")).values == {}


@pytest.mark.parametrize("key", ["a2", "a3", "a4", "a5"])
def test_qt_model_tester(qtmodeltester, store, sample, key):
    qtmodeltester.check(FormTableModel(store, form(key), sample))
