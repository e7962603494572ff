"""新建报表 checks inside the dialog and starts from last year's report."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from forms.registry import form
from forms.report import MAIN_ROW, CellKey
from ui.report_dialog import NewReportDialog


def test_create_is_disabled_until_valid_and_a_duplicate_is_named_inline(qtbot, store, sample):
    dialog = NewReportDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.year.setValue(2024)
    assert not dialog.ok.isEnabled()  # no unit yet
    dialog.unit.setFocus()
    qtbot.keyClicks(dialog.unit, "x")
    dialog.unit.setText(sample.unit)  # QTest types no CJK characters: the text an input method would give
    assert not dialog.ok.isEnabled()
    assert dialog.problem.isVisible() and "已存在" in dialog.problem.text()
    qtbot.keyClick(dialog.unit, Qt.Key.Key_Return)  # Enter does not slip past the check
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    dialog.year.setFocus()
    qtbot.keyClick(dialog.year, Qt.Key.Key_Up)  # 2025: the 2024 report is last year's
    assert dialog.year.value() == 2025 and dialog.ok.isEnabled() and not dialog.problem.isVisible()
    assert dialog.carried.isVisible() and "示例市应急管理局 2024年" in dialog.carried.text()
    qtbot.keyClick(dialog.unit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_the_window_creates_it_with_last_years_figures(qtbot, main_window, store, sample, monkeypatch):
    def answer(dialog):
        dialog.unit.setText(sample.unit)
        dialog.year.setValue(2025)
        dialog.person.setText("周四")
        dialog.accept()
        return 1

    monkeypatch.setattr(NewReportDialog, "exec", answer)
    main_window.new_report()
    report = main_window.report
    assert report.name == "示例市应急管理局 2025年" and report.contact_person == "周四"
    assert "已带入 示例市应急管理局 2024年报表的数字和联系人" in main_window.statusBar().currentMessage()
    a2 = store.form_data(report, form("a2"))
    assert a2.get(CellKey(MAIN_ROW, "license", 2024)) == 178 and a2.get(CellKey(MAIN_ROW, "license", 2025)) is None
    page = main_window.pages[0]
    assert page.model.data(page.model.index(0, 2)) == "178"  # the 2024 column of the 2025 report
    assert main_window.audit_panel.tree.topLevelItem(0) is not None


def test_the_units_the_file_holds_are_offered(qtbot, store, sample):
    store.create_report("某县应急管理局", 2024)
    dialog = NewReportDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)  # the completer forwards keys only to the focused field
    dialog.year.setValue(2025)
    dialog.unit.setFocus()
    qtbot.waitUntil(dialog.unit.hasFocus)
    qtbot.keyClick(dialog.unit, Qt.Key.Key_Down)
    popup = dialog.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    offered = [popup.model().index(i, 0).data() for i in range(popup.model().rowCount())]
    assert offered == ["某县应急管理局", "示例市应急管理局"]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.unit.text() == sample.unit
    assert dialog.ok.isEnabled() and "示例市应急管理局 2024年" in dialog.carried.text()
