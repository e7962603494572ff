"""The body of a table as the grid, the workbook and the Word table draw it (forms/grid.py): the 序号 of a
comparison table's three rows and the label beside them, the row a list table with no case prints, and a
merged 原因简析 cell shown again after a change made elsewhere, still the merged text cell the clerk types
into. tests/test_grid_display.py has the widths, titles and alignment."""

from __future__ import annotations

from forms.editing_labels import alignment
from forms.grid import NONE_LABEL, REASON_LABEL, YOY_LABEL, Cell, Layout, Role
from forms.registry import form
from forms.report import MAIN_ROW, REASON_ROW, CellKey, FormData
from tests.support.sessions import open_session


def _body(key: str, rows: list[str]) -> list[list[Cell]]:
    spec = form(key)
    return Layout(spec, 2024).body(FormData(spec, FormData.row_keys(spec, rows)), 2)


def test_a_comparison_table_numbers_its_three_rows_and_labels_two() -> None:
    for key in ("a2", "a3"):
        body = _body(key, [])
        assert [row[0] for row in body] == [Cell(Role.INDEX, 0, text=str(n)) for n in (1, 2, 3)]
        assert [(row[1].role, row[1].col, row[1].text) for row in body[1:]] == [
            (Role.LABEL, 1, YOY_LABEL),
            (Role.LABEL, 1, REASON_LABEL),
        ]
        assert body[0][1].role is Role.VALUE and body[0][1].key == CellKey(MAIN_ROW, "unit_name")


def test_a_list_table_numbers_its_rows_from_one() -> None:
    body = _body("a4", ["r1", "r2", "r3"])
    assert [row[0].text for row in body] == ["1", "2", "3"]
    assert {c.key.row for c in body[2][1:]} == {"r3"}  # type: ignore[union-attr]


def test_a_list_table_without_a_row_prints_one_reading_none_across() -> None:
    spec = form("a5")
    layout = Layout(spec, 2024)
    assert layout.printed_body(FormData(spec, []), 2) == [
        [Cell(Role.BLANK, 0), Cell(Role.LABEL, 1, layout.column_count - 1, text=NONE_LABEL)]
    ]
    assert NONE_LABEL == "无"
    assert layout.printed_body(FormData(spec, ["r1"]), 2) == layout.body(FormData(spec, ["r1"]), 2)


def test_a_reason_changed_elsewhere_stays_the_merged_text_cell(store, sample) -> None:
    a2 = open_session(store, sample, "a2")
    data = store.report_data(sample).form("a2")
    reason = CellKey(REASON_ROW, "penalty")
    data.values[reason] = "新的原因"
    assert a2.update(data, 2, [reason]) == [(2, 12)]
    cell = a2.cell(2, 12)
    assert cell is a2.cell(2, 13) and (cell.role, cell.span, cell.key) == (Role.REASON, 2, reason)
    assert (cell.text, cell.value) == ("新的原因", "新的原因")  # what the next typing is compared with
    assert alignment(cell) == "left"


def test_a_row_the_grid_does_not_show_yet_is_passed_over(store, sample) -> None:
    a4 = open_session(store, sample, "a4")
    data = store.report_data(sample).form("a4")
    shown = len(data.rows)
    data.rows.append("r-new")  # a row another step added, before the grid is built again
    data.values[CellKey("r-new", "posts")] = 5
    first = CellKey(data.rows[0], "posts")
    data.values[first] = 77
    assert a4.update(data, 2, [CellKey("r-new", "posts"), first]) == [(0, 1)]
    assert a4.cell(0, 1).text == "77" and a4.cell(shown, 1) is None
