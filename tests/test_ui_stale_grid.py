"""A grid never shows older values than the window's copy of the report that its edits are checked
against: whatever re-reads the copy (the 报告正文 page, a tab shown, a rebuilt row list), the grids
follow at once, and an edit replaces exactly what its cell shows (found by a review of the in-memory
edit path: a stale grid let an edit overwrite another program's value and 删除行 remove another row)."""

from __future__ import annotations

from forms.changes import InsertRow
from forms.registry import form
from forms.report import MAIN_ROW, CellKey
from storage.store import Store
from tests.support.qt import show_tab

PENALTY_2024 = (0, 13)  # 附件2 行政处罚 2024
INSPECTION_2024 = CellKey(MAIN_ROW, "inspection", 2024)


def shown(model, key: CellKey) -> str:
    return model.data(model.index(*model.locate(key)))


def link_a_figure_and_edit_a_table(qtbot, window) -> None:
    """A linked figure in the text and a table edit: the report page re-reads the copy when shown."""
    show_tab(qtbot, window, window.report_page)
    window.report_page.sections.setCurrentRow(1)
    window.report_page.body.setPlainText("行政处罚{{a2.penalty.cur}}件")
    show_tab(qtbot, window, window.pages[0])
    assert window.pages[0].model.edit_cell(*PENALTY_2024, "80")


def test_a_value_another_program_wrote_shows_before_the_clerk_edits_it(qtbot, main_window, store, sample):
    link_a_figure_and_edit_a_table(qtbot, main_window)
    a2 = main_window.pages[0].model
    other = Store(store.path)  # e.g. `main.py import` run by a colleague
    other.set_value(sample.id, form("a2"), INSPECTION_2024, 400)
    other.close()
    show_tab(qtbot, main_window, main_window.report_page)  # the copy is read again here
    assert shown(a2, INSPECTION_2024) == "400"  # the grid followed at once, not at the next edit
    show_tab(qtbot, main_window, main_window.pages[0])
    assert a2.edit_cell(*a2.locate(INSPECTION_2024), "200")
    assert store.form_data(sample, form("a2")).values[INSPECTION_2024] == 200


def test_an_edit_replaces_what_its_cell_shows(qtbot, main_window, store, sample):
    show_tab(qtbot, main_window, main_window.pages[0])
    a2 = main_window.pages[0].model
    a2.source.listeners.clear()  # as if the grid had missed a re-read of the copy
    other = Store(store.path)
    other.set_value(sample.id, form("a2"), INSPECTION_2024, 400)
    other.close()
    main_window.open.sync()
    assert main_window.open.form("a2").values[INSPECTION_2024] == 400
    assert shown(a2, INSPECTION_2024) == "190"  # the clerk sees 190 …
    assert not a2.edit_cell(*a2.locate(INSPECTION_2024), "200")  # … so replacing it is a conflict
    assert store.form_data(sample, form("a2")).values[INSPECTION_2024] == 400
    assert shown(a2, INSPECTION_2024) == "400"  # and the grid now shows the file


def test_delete_row_removes_the_row_the_clerk_sees(qtbot, main_window, store, sample):
    link_a_figure_and_edit_a_table(qtbot, main_window)
    a5 = main_window.pages[3]
    show_tab(qtbot, main_window, a5)
    spec = form("a5")
    other = Store(store.path)
    added = other.new_row_key(sample.id, spec)
    field = next(f for f in spec.fields() if f.kind.numeric)
    other.apply(sample.id, InsertRow("a5", added, 0, "x", {CellKey(added, field.key): 7}))
    other.close()
    show_tab(qtbot, main_window, main_window.report_page)
    show_tab(qtbot, main_window, a5)
    first = next(c.key.row for c in a5.model.session.body[0] if c.key is not None)
    assert first == added  # the grid shows the other program's row first …
    assert a5.model.remove_list_row(0)  # … and 删除行 on it removes that row, nothing else
    rows = store.form_data(sample, spec).rows
    assert added not in rows and rows == main_window.open.form("a5").rows


def test_a_grid_opened_after_another_program_wrote_shows_the_file(qtbot, main_window, store, sample):
    assert 0 not in main_window._grids  # 附件2 not opened yet
    other = Store(store.path)
    other.set_value(sample.id, form("a2"), INSPECTION_2024, 400)
    other.close()
    main_window.tabs.setCurrentIndex(1)  # the clerk clicks 附件2
    page = main_window.pages[0]
    qtbot.waitUntil(page.isVisible)
    assert shown(page.model, INSPECTION_2024) == "400"


def test_a_grid_opened_after_the_places_changed_shows_them(qtbot, main_window):
    main_window.set_places(0)
    main_window.tabs.setCurrentIndex(1)
    page = main_window.pages[0]
    qtbot.waitUntil(page.isVisible)
    yoy = [c.text for c in page.model.session.body[1] if c.yoy is not None and c.yoy.percent is not None]
    assert yoy and not any("." in text for text in yoy)  # 20%, not 20.27%


def misplaced(model) -> list:
    return [
        (where, finding.code)
        for where, found in model.session.findings.items()
        for finding in found
        if model.locate(finding.cell) != where
    ]


def test_finding_colours_move_with_their_rows(qtbot, main_window):
    page = main_window.pages[3]  # 附件5, a list table
    show_tab(qtbot, main_window, page)
    model = page.model
    assert model.session.findings and not misplaced(model)
    assert model.insert_list_row(0)
    assert not misplaced(model)
    show_tab(qtbot, main_window, main_window.pages[0])
    before = list(main_window.findings)
    assert main_window.pages[0].model.edit_cell(*PENALTY_2024, "79")  # changes no finding
    assert main_window.findings == before
    assert not misplaced(model)
