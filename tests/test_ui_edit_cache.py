"""The window keeps the open report in memory (storage/open_report.py) and audits it
incrementally: what it shows must stay what the file holds, whoever wrote the file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from forms.audit import audit
from forms.registry import form
from forms.report import MAIN_ROW, CellKey
from storage.store import Store
from tests.support.qt import show_tab

PENALTY_2024 = (0, 13)  # 附件2 行政处罚 2024
INSPECTION_2024 = CellKey(MAIN_ROW, "inspection", 2024)


@pytest.fixture
def window(qtbot, main_window):
    show_tab(qtbot, main_window, main_window.pages[0])
    return main_window


def audit_of_the_file(store, report):
    """What ``main.py audit`` says: the file read afresh, audited from scratch."""
    fresh = Store(store.path)
    try:
        report = fresh.report(report.id)
        return audit(fresh.report_data(report), fresh.previous_year_figures(report))
    finally:
        fresh.close()


def test_an_edit_repaints_its_cell_and_its_yoy_and_measures_no_row(window, monkeypatch):
    page = window.pages[0]
    model, view = page.model, page.view
    changed = []
    model.dataChanged.connect(lambda tl, br, roles: changed.append((tl.row(), tl.column(), br.column(), roles)))
    measured = []
    fit = view._fit_row
    monkeypatch.setattr(view, "_fit_row", lambda row: measured.append(row) or fit(row))
    assert model.edit_cell(*PENALTY_2024, "79")
    assert [c[:3] for c in changed if not c[3]] == [(0, 13, 13), (1, 12, 13)]  # the value and its 同比增减
    assert measured == []  # no 原因简析 changed: no row height is measured
    assert model.edit_cell(2, 12, "执法力量下沉，案件增加")  # 行政处罚's 原因简析
    assert measured == [2]


def test_an_edit_after_a_second_program_wrote_the_file_shows_both(window, store, sample):
    other = Store(store.path)  # another program on the same file
    other.set_value(sample.id, form("a2"), INSPECTION_2024, 400)
    other.close()
    model = window.pages[0].model
    assert model.edit_cell(*PENALTY_2024, "79")
    inspection = model.locate(INSPECTION_2024)
    assert model.data(model.index(*inspection)) == "400"  # read again: the other program's value shows
    assert window.findings == audit_of_the_file(store, sample)
    # 附件3's 336 is no longer above 附件2's 行政检查: that error went with the other program's value.
    assert not [f for f in window.findings if f.code == "A3_INSPECTION_LE_A2" and f.cell.period == 2024]


def test_a_conflicting_edit_is_refused_and_the_grid_and_audit_show_the_file(window, store, sample):
    model = window.pages[0].model
    assert model.edit_cell(*PENALTY_2024, "79")
    other = Store(store.path)
    other.set_value(sample.id, form("a2"), CellKey(MAIN_ROW, "penalty", 2024), 500)
    other.set_value(sample.id, form("a3"), CellKey(MAIN_ROW, "penalty", 2024), 600)  # 涉企 > 全部: an error
    other.close()
    assert not model.edit_cell(*PENALTY_2024, "81")  # it replaced 79, which the file no longer holds
    assert "已被另一个窗口或程序修改" in window.pages[0].view.last_rejection
    assert model.data(model.index(*PENALTY_2024)) == "500"
    assert window.findings == audit_of_the_file(store, sample)
    assert any(f.code == "A3_PENALTY_LE_A2" for f in window.findings)
    assert window.pages[1].model.data(window.pages[1].model.index(0, 3)) == "600"  # the other grid follows too
    assert not window.undo_action.isEnabled()  # the steps no longer match the file


def test_switching_reports_audits_the_report_shown(window, store, sample):
    other = store.create_report("某县应急管理局", 2024)
    store.set_value(other.id, form("a3"), CellKey(MAIN_ROW, "fines", 2024), 12)
    window.reload_reports(other)
    assert window.findings == audit_of_the_file(store, other)
    assert window.pages[0].model.edit_cell(*PENALTY_2024, "3")
    assert window.findings == audit_of_the_file(store, other)
    window.reload_reports(sample)
    assert window.findings == audit_of_the_file(store, sample)
    assert window.pages[0].model.data(window.pages[0].model.index(*PENALTY_2024)) == "78"


def test_undo_and_redo_leave_the_findings_of_the_file(window, store, sample):
    a3 = window.pages[1].model
    assert a3.edit_cell(0, 3, "100")  # 涉企行政处罚 100 > 附件2's 78: an error
    assert any(f.code == "A3_PENALTY_LE_A2" for f in window.findings)
    window.undo()
    assert not any(f.code == "A3_PENALTY_LE_A2" for f in window.findings)
    assert window.findings == audit_of_the_file(store, sample)
    window.redo()
    assert window.findings == audit_of_the_file(store, sample)
    assert window.audit_panel.findings == window.findings  # the panel shows them


def test_last_years_report_arriving_is_compared_at_once(window, store, sample):
    assert not [f for f in window.findings if f.code == "PREVIOUS_YEAR"]
    last = store.create_report(sample.unit, 2023)  # as an import of last year's workbook does
    store.set_value(last.id, form("a2"), CellKey(MAIN_ROW, "penalty", 2023), 1)
    window.reload_reports(sample)
    assert [f.cell.field for f in window.findings if f.code == "PREVIOUS_YEAR"] == ["penalty"]
    assert window.pages[0].model.edit_cell(0, 12, "1")  # 行政处罚 2023 as filed last year
    assert not [f for f in window.findings if f.code == "PREVIOUS_YEAR"]
    assert window.findings == audit_of_the_file(store, sample)


def test_the_preview_shows_the_new_figure_when_the_clerk_switches_to_it(qtbot, window):
    report_page = window.report_page
    show_tab(qtbot, window, report_page)
    report_page.sections.setCurrentRow(1)
    report_page.body.setPlainText("行政处罚{{a2.penalty.cur}}件")
    assert "行政处罚78件" in report_page.preview.text()
    show_tab(qtbot, window, window.pages[0])
    assert window.pages[0].model.edit_cell(*PENALTY_2024, "80")
    assert "行政处罚78件" in report_page.preview.text()  # hidden: not redrawn after each edit
    show_tab(qtbot, window, report_page)
    assert "行政处罚80件" in report_page.preview.text()
    assert report_page.body.shown_text() == "行政处罚80件"


def test_findings_that_do_not_change_leave_the_panel_alone(window):
    panel = window.audit_panel
    rebuilt = []
    rebuild = panel._rebuild
    panel._rebuild = lambda: rebuilt.append(1) or rebuild()
    a2 = window.pages[0].model
    assert a2.edit_cell(*PENALTY_2024, "79")  # no finding names 行政处罚 2024
    assert rebuilt == []
    assert a2.data(a2.index(*PENALTY_2024), Qt.ItemDataRole.DisplayRole) == "79"


def test_a_saved_edit_whose_file_cannot_be_read_back_is_still_said_saved(window, store, sample, monkeypatch):
    from storage.database import DatabaseLocked

    other = Store(store.path)
    other.set_value(sample.id, form("a2"), INSPECTION_2024, 400)  # the window must read the file again
    other.close()

    def locked(*_args, **_kwargs):
        raise DatabaseLocked("文件正被其他程序占用")

    monkeypatch.setattr(store, "report_data", locked)  # just after the commit, another program takes the file
    model = window.pages[0].model
    assert model.edit_cell(*PENALTY_2024, "79")  # committed: not refused
    assert "已保存，但表格暂时无法刷新" in window.pages[0].view.last_rejection
    assert store.form_data(sample, form("a2")).values[CellKey(MAIN_ROW, "penalty", 2024)] == 79
    monkeypatch.undo()
    window.refresh_audit()  # the next look at the file shows it all
    assert model.data(model.index(*PENALTY_2024)) == "79"
    assert model.data(model.index(*model.locate(INSPECTION_2024))) == "400"
    assert window.findings == audit_of_the_file(store, sample)


def test_an_edit_while_the_file_cannot_be_read_is_refused_with_the_reason(window, store, sample, monkeypatch):
    from storage.database import DatabaseLocked

    def locked(*_args, **_kwargs):
        raise DatabaseLocked("文件正被其他程序占用")

    window.open.open(sample)  # the copy is to be read again (as after a contact edit)
    monkeypatch.setattr(store, "generation", locked)
    model = window.pages[0].model
    assert not model.edit_cell(*PENALTY_2024, "79")  # said, not raised
    assert "占用" in window.pages[0].view.last_rejection
    assert model.data(model.index(*PENALTY_2024)) == "78"  # the grid keeps what it showed
    monkeypatch.undo()
    assert model.edit_cell(*PENALTY_2024, "79")
    assert window.findings == audit_of_the_file(store, sample)
