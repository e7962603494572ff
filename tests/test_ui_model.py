"""The grid model without a widget: what each cell shows, what it accepts, what it stores."""

from __future__ import annotations

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
    assert (a2.rowCount(), a2.columnCount()) == (3, 2 + 2 * len(a2.spec.paired_fields()))  # 2024.1: 22
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


def test_a_refusal_is_signalled_at_its_cell_and_the_cell_keeps_its_text(a2, qtbot):
    # Which texts are refused and why: tests/test_editing.py.
    before = a2.data(a2.index(0, 13))
    with qtbot.waitSignal(a2.rejected) as blocker:
        assert not a2.setData(a2.index(0, 13), "1.5")
    assert blocker.args[:2] == [0, 13] and "整数" in blocker.args[2]
    assert a2.data(a2.index(0, 13)) == before


def test_a_saved_step_says_so_for_the_status_bar(a2, qtbot):
    with qtbot.waitSignal(a2.saved) as blocker:
        assert a2.clear_cells([a2.index(0, 2), a2.index(0, 3)]) == 2
    assert blocker.args == ["已清空 附件2 2 个单元格"]


@pytest.mark.parametrize("key", ["a2", "a3", "a4", "a5"])
def test_qt_model_tester(qtmodeltester, store, sample, key):
    qtmodeltester.check(FormTableModel(store, form(key), sample))
