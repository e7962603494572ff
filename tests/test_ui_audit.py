"""The audit panel: findings listed, cells coloured, a click jumps, edits refresh it live."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from forms.rules import Severity
from storage.report_text import ReportTexts
from ui.audit_panel import ERROR_COLOUR, HINT_COLOUR


@pytest.fixture
def window(main_window):
    return main_window


def rows(panel):
    return [[item.text(c) for c in range(3)] for item in panel.leaves()]


def test_panel_lists_the_two_errors_first(window):
    panel = window.audit_panel
    assert window.audit_dock.isVisible()
    assert rows(panel)[:2] == [
        ["错误", "附件3 涉企行政检查(2024)", "附件3 涉企行政检查(2024) 336 大于 附件2 行政检查(2024) 190"],
        ["错误", "附件3 罚没金额(2024)", "附件3 罚没金额(2024) 4331500 大于 附件2 罚没金额(2024) 4199252"],
    ]
    assert panel.summary.text().startswith("审核：错误 2 条")


def test_flagged_cells_are_coloured_with_the_message(window):
    a3 = window.pages[1].model
    index = a3.index(0, 7)  # 涉企行政检查 2024
    assert a3.data(index) == "336"
    assert a3.data(index, Qt.ItemDataRole.BackgroundRole).color() == ERROR_COLOUR
    assert "336 大于 附件2 行政检查(2024) 190" in a3.data(index, Qt.ItemDataRole.ToolTipRole)
    a2 = window.pages[0].model
    reason = a2.index(2, 4)  # 行政确认 原因简析, empty: a hint
    assert a2.data(reason, Qt.ItemDataRole.BackgroundRole).color() == HINT_COLOUR


def test_clicking_a_finding_jumps_to_its_cell(qtbot, window):
    panel = window.audit_panel
    item = panel.leaves()[1]  # 罚没金额 2024 in 附件3
    rect = panel.tree.visualItemRect(item)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    page = window.pages[1]
    assert window.tabs.currentWidget() is page
    assert (page.view.currentIndex().row(), page.view.currentIndex().column()) == (0, 9)


def test_findings_refresh_live_as_values_change(qtbot, window):
    a3 = window.pages[1].model
    assert a3.setData(a3.index(0, 7), "190")
    assert [r[2] for r in rows(window.audit_panel) if r[0] == "错误"] == [
        "附件3 罚没金额(2024) 4331500 大于 附件2 罚没金额(2024) 4199252"
    ]
    assert a3.data(a3.index(0, 7), Qt.ItemDataRole.BackgroundRole) is None
    assert a3.setData(a3.index(0, 9), "4199252")
    assert not [r for r in rows(window.audit_panel) if r[0] == "错误"]
    assert window.audit_panel.summary.text().startswith("审核：错误 0 条")


def test_text_finding_jumps_to_the_sentence_and_is_fixed_by_a_link(qtbot, window, store, sample):
    texts = ReportTexts(store)
    key = next(s.key for s in texts.get(sample).sections if s.heading == "存在问题")
    texts.update_section(sample, key, body="我局共有行政执法岗位编制 69 个。")
    window.refresh_audit()
    panel = window.audit_panel
    found = [item for item in panel.leaves() if "69" in item.text(2)]
    assert len(found) == 1
    item = found[0]
    assert item.text(1) == "报告正文 三、存在问题" and "79" in item.text(2)
    assert panel.finding(item).severity is Severity.HINT
    panel.tree.setCurrentItem(item)
    assert panel.fix_button.isEnabled()
    panel.jump.emit(panel.finding(item))
    assert window.tabs.currentWidget() is window.report_page
    assert window.report_page.body.textCursor().selectedText() == "69"
    qtbot.mouseClick(panel.fix_button, Qt.MouseButton.LeftButton)
    assert (
        next(s.body for s in texts.get(sample).sections if s.key == key)
        == "我局共有行政执法岗位编制 {{a4.posts.cur}} 个。"
    )
    assert not [r for r in rows(panel) if "69" in r[2]]
    assert "编制 79 个" in window.report_page.preview.text()
