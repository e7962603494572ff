"""The audit panel: findings listed, cells coloured, a click jumps, edits refresh it live."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from forms import text_edits as edits
from forms.rules import Severity
from storage.report_text import ReportTexts
from tests.support.qt import finding_items
from tests.support.texts import edit_text
from ui.audit_panel import ERROR_COLOUR, HINT_COLOUR


@pytest.fixture
def window(qtbot, main_window):
    # 报告正文 (the page shown first) folds the panel to one line: opened, as a click on it does.
    qtbot.mouseClick(main_window.audit_panel.summary, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main_window.audit_panel.tree.height() > 100)
    return main_window


def rows(panel):
    return [[item.text(c) for c in range(3)] for item in finding_items(panel)]


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
    item = finding_items(panel)[1]  # 罚没金额 2024 in 附件3
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
    edit_text(store, sample, edits.set_body, key, "我局共有行政执法岗位编制 69 个。")
    window.refresh_audit()
    panel = window.audit_panel
    # the blanks around 69 are 校对 提示 of their own (tests/test_ui_proofread.py)
    found = [item for item in finding_items(panel) if "69" in item.text(2) and item.text(2).startswith("正文")]
    assert len(found) == 1
    item = found[0]
    assert item.text(1) == "报告正文 三、存在问题" and "79" in item.text(2)
    assert panel.finding(item).severity is Severity.HINT
    panel.tree.setCurrentItem(None)
    assert (panel.fix_button.isEnabled(), panel.fix_button.text()) == (False, "按建议改正")  # nothing chosen
    panel.tree.setCurrentItem(item)
    assert (panel.fix_button.isEnabled(), panel.fix_button.text()) == (True, "改为链接的表格数据")
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


def test_findings_are_grouped_by_table_with_counts_and_filtered(window):
    panel = window.audit_panel
    tree = panel.tree
    groups = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert groups[0].startswith("附件3（错误 2，提示")  # the table with errors first
    assert all("（" in g and "）" in g for g in groups)
    total = len(finding_items(panel))
    panel.filter.setCurrentText("错误")
    assert [r[0] for r in rows(panel)] == ["错误", "错误"]
    panel.filter.setCurrentText("提示")
    assert {r[0] for r in rows(panel)} == {"提示"} and len(rows(panel)) == total - 2
    panel.filter.setCurrentText("全部")
    assert len(finding_items(panel)) == total


def test_arrows_walk_the_list_showing_each_cell_and_enter_jumps(qtbot, window):
    panel = window.audit_panel
    tree = panel.tree
    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus)
    tree.setCurrentItem(finding_items(panel)[0])
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    page = window.pages[1]
    assert window.tabs.currentWidget() is page
    assert (page.view.currentIndex().row(), page.view.currentIndex().column()) == (0, 9)
    assert tree.hasFocus()  # the keyboard stays in the list
    qtbot.keyClick(tree, Qt.Key.Key_Up)
    assert page.view.currentIndex().column() == 7 and tree.hasFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    qtbot.waitUntil(page.view.hasFocus)  # Enter: go there to type


def test_a_refresh_keeps_the_selection_and_the_scroll_position(qtbot, window):
    panel = window.audit_panel
    window.resize(1024, 700)
    leaves = finding_items(panel)
    chosen = leaves[len(leaves) // 2]
    panel.tree.setCurrentItem(chosen)
    panel.tree.scrollToItem(chosen)
    scroll = panel.tree.verticalScrollBar().value()
    finding = panel.finding(chosen)
    a3 = window.pages[1].model
    assert a3.setData(a3.index(0, 7), "190")  # one error goes: the list is rebuilt
    assert panel.finding(panel.tree.currentItem()) == finding
    assert abs(panel.tree.verticalScrollBar().value() - scroll) <= 1 or scroll == 0


def test_the_panel_can_be_closed_and_brought_back_from_the_view_menu(qtbot, window):
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "查看(&V)")
    toggle = next(a for a in view_menu.actions() if a.text() == "审核面板")
    assert window.audit_dock.isVisible() and toggle.isChecked()
    window.audit_dock.close()
    assert not window.audit_dock.isVisible() and not toggle.isChecked()
    window.reload_reports()  # opening a report again does not force it back
    assert not window.audit_dock.isVisible()
    toggle.trigger()
    assert window.audit_dock.isVisible()


def test_an_untouched_report_is_summarised(qtbot, window, store):
    fresh = store.create_report("某县应急管理局", 2024)
    window.reload_reports(fresh)
    panel = window.audit_panel
    tree = panel.tree
    groups = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    summary = [g for g in groups if g.text(0).startswith("尚未开始填写")]
    assert len(summary) == 1 and not summary[0].isExpanded() and summary[0].childCount() > 20
    assert len([g for g in groups if g.isExpanded() and g.childCount()]) <= 2  # not 60 rows at once
    page = window.pages[0]
    assert page.model.edit_cell(0, 3, "5")  # the first figure typed: the list is itemised
    assert not any(tree.topLevelItem(i).text(0).startswith("尚未开始填写") for i in range(tree.topLevelItemCount()))
