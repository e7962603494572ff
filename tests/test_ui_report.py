"""The 报告正文 page: autosaved text, linked figures, the drafted paragraph, the outline."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog, QPushButton

from storage.report_text import ReportTexts
from tests.support.qt import show_tab
from ui.figure_picker import FigurePicker


@pytest.fixture
def window(qtbot, main_window):
    show_tab(qtbot, main_window, main_window.report_page)
    return main_window


def stored_body(store, sample, heading: str) -> str:
    return next(s.body for s in ReportTexts(store).get(sample).sections if s.heading == heading)


def test_the_sample_report_is_shown(window):
    page = window.report_page
    assert window.tabs.tabText(0) == "报告正文"
    assert page.title.text() == "示例市应急管理局2024年行政执法工作报告"
    assert page.sections.item(0).text().startswith("（导语")  # the outline opens with the 导语
    assert page.sections.item(1).text() == "一、行政执法基本情况"
    assert page.sections.item(2).text() == "　（一）行政执法案件办理情况"
    assert [k for k, box in page.attachments.items() if box.isChecked()] == ["a2", "a3", "a4", "a5"]
    page.sections.setCurrentRow(2)
    assert "{{a2.license.cur}}" in page.body.toPlainText()  # the stored form keeps the link
    assert "{{" not in page.body.shown_text() and "行政许可178件（同比增长20.27%）" in page.body.shown_text()
    assert "行政许可178件（同比增长20.27%）" in page.preview.text()


def test_typing_is_saved_after_a_pause(qtbot, window, store, sample):
    page = window.report_page
    page.sections.setCurrentRow(8)  # 三、存在问题
    page.body.setPlainText("一是人手不足。")
    qtbot.waitUntil(lambda: stored_body(store, sample, "存在问题") == "一是人手不足。", timeout=3000)
    assert "已保存" in window.statusBar().currentMessage()


def test_switching_section_and_closing_flush_at_once(window, store, sample):
    page = window.report_page
    page.sections.setCurrentRow(9)
    page.body.setPlainText("明年继续努力。")
    page.sections.setCurrentRow(1)
    assert stored_body(store, sample, "下一步工作打算") == "明年继续努力。"
    page.sections.setCurrentRow(8)
    page.body.setPlainText("最后一句。")
    window.close()
    assert stored_body(store, sample, "存在问题") == "最后一句。"


def test_a_picked_figure_is_a_token_that_follows_the_table(window, store, sample, monkeypatch):
    page = window.report_page
    page.sections.setCurrentRow(8)
    page.body.setPlainText("全年行政处罚")

    def pick(dialog: FigurePicker) -> int:
        dialog.form.setCurrentIndex(0)
        dialog.field.setCurrentIndex(dialog.field.findData("penalty"))
        dialog.which.setCurrentIndex(dialog.which.findData("cur"))
        assert dialog.preview.text() == "78"
        return 1

    monkeypatch.setattr(FigurePicker, "exec", pick)
    page.body.moveCursor(page.body.textCursor().MoveOperation.End)
    page.insert_figure()
    assert stored_body(store, sample, "存在问题") == "全年行政处罚{{a2.penalty.cur}}"
    assert window._page_of("a2").model.edit_cell(0, 13, "80")  # typed into the 附件2 grid
    page.body.insertPlainText("件。")
    assert page.preview.text() == "全年行政处罚80件。"
    assert page.body.shown_text() == "全年行政处罚80件。"


def test_money_in_wan_yuan_from_the_picker(window):
    dialog = FigurePicker(window.store.report_data(window.report))
    dialog.field.setCurrentIndex(dialog.field.findData("fines"))
    assert dialog.wan.isChecked()
    assert dialog.link().token() == "{{a2.fines.cur.wan}}" and dialog.preview.text() == "419.9252"
    dialog.which.setCurrentIndex(dialog.which.findData("change"))
    assert dialog.preview.text() == "（同比下降54.44%）"


def test_drafted_paragraph_is_inserted_and_editable(window, store, sample):
    page = window.report_page
    page.sections.setCurrentRow(3)  # （二）行政执法检查情况
    page.body.setPlainText("")
    page.insert_draft()
    body = stored_body(store, sample, "行政执法检查情况")
    assert body.startswith("2024年，我局共办理行政许可{{a2.license.cur}}件{{a2.license.change|trim}}")
    assert "行政检查190次（同比下降35.59%）" in page.preview.text()


def test_outline_add_move_level_and_delete(window, store, sample, monkeypatch):
    page = window.report_page
    page.sections.setCurrentRow(9)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("工作建议", True))
    page.add_section()
    assert page.sections.item(10).text() == "五、工作建议"
    page.move_section(-1)
    assert page.sections.item(9).text() == "四、工作建议"
    page.change_level(1)
    assert page.sections.item(9).text() == "　（一）工作建议"
    page.remove_section()  # asks nothing: 撤销 brings it back (tests/test_ui_text_undo.py)
    assert page.sections.count() == 11  # 导语, nine sections, 结束语
    assert [s.heading for s in ReportTexts(store).get(sample).sections][-1] == "下一步工作打算"


def test_attachments_and_signature_are_saved(window, store, sample):
    page = window.report_page
    page.attachments["a4"].setChecked(False)
    page.signer.setText("示例市应急管理局（盖章）")
    page.signer.editingFinished.emit()
    text = ReportTexts(store).get(sample)
    assert text.attachments == ("a2", "a3", "a5") and text.signer == "示例市应急管理局（盖章）"


def test_attachment_numbering_is_a_choice_on_the_page(qtbot, window, store, sample):
    page = window.report_page
    assert page.numbering.currentData() == "provincial"
    page.numbering.setCurrentIndex(page.numbering.findData("sequential"))
    page.numbering.activated.emit(page.numbering.currentIndex())
    assert ReportTexts(store).get(sample).attachment_numbering == "sequential"


def test_insert_figure_opens_on_the_field_of_the_selected_figure(qtbot, window, monkeypatch):
    from PySide6.QtCore import Qt

    page = window.report_page
    page.sections.setCurrentRow(2)  # （一）: 行政许可178件…行政处罚78件
    shown = page.body.shown_text()
    at = shown.index("行政处罚78件") + len("行政处罚7")  # between the 7 and the 8
    cursor = page.body.textCursor()
    cursor.setPosition(at)
    where = page.body.cursorRect(cursor).center()
    qtbot.mouseClick(page.body.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert page.body.textCursor().position() == at
    opened = []

    def look(picker):
        opened.append((picker.form.currentData(), picker.field.currentData(), picker.which.currentData()))
        return 0

    monkeypatch.setattr(FigurePicker, "exec", look)
    qtbot.mouseClick(
        next(b for b in page.findChildren(QPushButton) if b.text() == "插入数据…"), Qt.MouseButton.LeftButton
    )
    assert opened == [("a2", "penalty", "cur")]
