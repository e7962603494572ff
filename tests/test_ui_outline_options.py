"""The outline's choices in the window: a number style per level, a heading without a number, run-in
per heading, 附件说明 on or off — chosen with the mouse, stored, shown in the outline and exported."""

from __future__ import annotations

import docx
import pytest
from PySide6.QtCore import Qt

from exporters.report_export import export_report
from storage.report_text import ReportTexts
from tests.support.qt import show_tab


@pytest.fixture
def page(qtbot, main_window):
    show_tab(qtbot, main_window, main_window.report_page)
    return main_window.report_page


def _choose(qtbot, combo, text: str) -> None:
    """Pick an entry as a clerk does: focus the box, then arrow keys until it shows ``text``."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            break
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text


def test_level_styles_number_the_outline_and_the_export(qtbot, page, store, sample, tmp_path):
    _choose(qtbot, page.levels.styles[1], "1、")
    _choose(qtbot, page.levels.styles[2], "（1）")
    text = ReportTexts(store).get(sample)
    assert text.styles[:2] == ("1、", "（1）")
    assert page.sections.item(1).text() == "1、行政执法基本情况"
    assert page.sections.item(2).text() == "　（1）行政执法案件办理情况"
    out = tmp_path / "r.docx"
    export_report(store, sample.unit, sample.year, docx=out)
    printed = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "1、行政执法基本情况" in printed and any(t.startswith("（1）行政执法案件办理情况") for t in printed)


def test_a_heading_without_a_number_and_its_own_run_in(qtbot, page, store, sample):
    keys = [s.key for s in ReportTexts(store).get(sample).sections]
    page.sections.setCurrentRow(keys.index(keys[-1]) + 1)  # 下一步工作打算 (the list starts with 导语)
    qtbot.mouseClick(page.heading_options.unnumbered, Qt.MouseButton.LeftButton)
    text = ReportTexts(store).get(sample)
    assert not text.sections[-1].numbered
    assert page.sections.item(len(keys)).text() == "下一步工作打算"  # no 四、
    assert page.heading_options.unnumbered.isChecked()  # the same heading stays chosen and says so
    page.sections.setCurrentRow(2)  # （一）行政执法案件办理情况
    _choose(qtbot, page.heading_options.run_in, "与正文接排")
    assert ReportTexts(store).get(sample).sections[1].run_in is True
    _choose(qtbot, page.heading_options.run_in, "接排：按级别")
    assert ReportTexts(store).get(sample).sections[1].run_in is None


def test_the_attachment_note_can_be_left_out(qtbot, page, store, sample, tmp_path):
    assert page.attachment_note.isChecked()
    qtbot.mouseClick(page.attachment_note, Qt.MouseButton.LeftButton)
    assert not ReportTexts(store).get(sample).attachment_note
    out = tmp_path / "r.docx"
    export_report(store, sample.unit, sample.year, docx=out)
    printed = [p.text for p in docx.Document(str(out)).paragraphs]
    assert not any(t.startswith("附件：") for t in printed)
    assert any(t.strip() == "附件2" for t in printed)  # the attachment pages stay
