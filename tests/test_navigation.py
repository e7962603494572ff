"""Enter and Tab stops over real layouts, without Qt."""

from __future__ import annotations

from forms.grid import Cell, Layout, Role
from forms.navigation import next_editable
from forms.registry import form
from forms.report import CellKey, FormData


def body(key: str, rows: list[str] | None = None):
    spec = form(key)
    return Layout(spec, 2024).body(FormData(spec, FormData.row_keys(spec, rows or [])), 2)


def test_enter_walks_down_past_the_yoy_row_and_wraps_to_the_next_column():
    a2 = body("a2")
    assert next_editable(a2, 0, 2) == (2, 2, 2)
    assert next_editable(a2, 2, 2) == (0, 3, 3)
    assert next_editable(a2, 0, 3) == (2, 2, 3)  # the merged 原因简析, entered from 2024
    assert next_editable(a2, 2, 3) == (0, 4, 4)
    assert next_editable(a2, 2, 2, forward=False) == (0, 2, 2)


def test_tab_walks_right_and_wraps_to_the_next_fillable_row():
    a2 = body("a2")
    last = len(a2[0]) - 1  # the last column of the figures' row
    assert next_editable(a2, 0, 1, across=True) == (0, 2, 2)
    assert next_editable(a2, 0, last, across=True) == (2, 2, 2)  # 序号 and the row labels are skipped
    assert next_editable(a2, 2, 2, across=True) == (2, 4, 4)  # a merged cell is one stop
    assert next_editable(a2, 2, 4, across=True, forward=False) == (2, 2, 3)
    assert next_editable(a2, 2, 2, across=True, forward=False) == (0, last, last)
    assert next_editable(a2, 2, 3, across=True, forward=False) == (0, last, last)  # from its right half too


def test_the_walk_wraps_around_the_table():
    a5 = body("a5", ["r1", "r2"])
    assert next_editable(a5, 1, 9, across=True) == (0, 1, 1)
    assert next_editable(a5, 1, 9) == (0, 1, 1)
    assert next_editable(body("a5"), 0, 0) is None  # no rows: nowhere to go


def test_a_row_with_one_fillable_cell_is_reached_from_its_index_and_left_nowhere():
    row = [[Cell(Role.INDEX, 0, text="1"), Cell(Role.VALUE, 1, key=CellKey("r1", "unit_name"))]]
    assert next_editable(row, 0, 0, across=True) == (0, 1, 1)
    assert next_editable(row, 0, 0) == (0, 1, 1)
    assert next_editable(row, 0, 1, across=True) is None  # the only stop: Tab has nowhere else to go
