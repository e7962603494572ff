"""What each key does in the grid, as in Excel/WPS, without Qt (the Qt tests press them: test_ui_keys)."""

from __future__ import annotations

import pytest

from forms.editing_keys import Act, Editor, Move, editor_key, grid_key
from tests.support.sessions import open_session

NONE: frozenset[str] = frozenset()
SHIFT = frozenset({"shift"})
ALT = frozenset({"alt"})


def test_in_typing_mode_arrows_commit_and_move_in_edit_mode_they_move_the_caret():
    assert editor_key("left", NONE, typing=True, editor=Editor.LINE) == Move(arrow=(0, -1))
    assert editor_key("left", NONE, typing=False, editor=Editor.LINE) is Act.PASS
    assert editor_key("down", SHIFT, typing=True, editor=Editor.LINE) is Act.PASS  # Shift+arrow selects text
    assert editor_key("f2", NONE, typing=True, editor=Editor.LINE) is Act.TOGGLE_MODE


def test_enter_and_tab_commit_and_walk_shift_walks_back():
    assert editor_key("enter", NONE, typing=False, editor=Editor.LINE) == Move(forward=True)
    assert editor_key("enter", SHIFT, typing=True, editor=Editor.LINE) == Move(forward=False)
    assert editor_key("tab", NONE, typing=True, editor=Editor.TEXT) == Move(across=True)
    assert editor_key("backtab", SHIFT, typing=True, editor=Editor.LINE) == Move(forward=False, across=True)
    back = Move(forward=False, across=True)  # Shift+Tab, whether the keyboard says Backtab, Shift or both
    assert editor_key("backtab", NONE, typing=True, editor=Editor.LINE) == back
    assert editor_key("tab", SHIFT, typing=False, editor=Editor.TEXT) == back
    assert editor_key("enter", frozenset({"ctrl"}), typing=True, editor=Editor.LINE) is Act.PASS


def test_alt_enter_breaks_a_reason_line_and_esc_reverts():
    assert editor_key("enter", ALT, typing=True, editor=Editor.TEXT) is Act.LINE_BREAK
    assert editor_key("enter", ALT, typing=True, editor=Editor.LINE) is Act.PASS
    assert editor_key("escape", NONE, typing=True, editor=Editor.CHOICE) is Act.REVERT


def test_the_choice_list_keeps_up_and_down_in_edit_mode():
    assert editor_key("down", NONE, typing=False, editor=Editor.CHOICE) is Act.PASS
    assert editor_key("down", NONE, typing=True, editor=Editor.CHOICE) == Move(arrow=(1, 0))
    assert editor_key("enter", NONE, typing=False, editor=Editor.CHOICE) == Move(forward=True)  # Enter still commits
    assert editor_key("tab", NONE, typing=False, editor=Editor.CHOICE) == Move(across=True)


@pytest.mark.parametrize(
    ("key", "mods", "act"),
    [
        ("delete", NONE, "clear"),
        ("backspace", NONE, "empty"),
        ("f2", NONE, "edit"),
        ("enter", SHIFT, Move(forward=False)),
        ("tab", NONE, Move(across=True)),
        ("tab", SHIFT, Move(forward=False, across=True)),
        ("backtab", NONE, Move(forward=False, across=True)),
        ("backtab", SHIFT, Move(forward=False, across=True)),
        ("enter", NONE, Move(forward=True)),
        ("left", NONE, None),  # the view moves, as any table does
        ("", NONE, None),  # a letter: typing opens the editor
    ],
)
def test_keys_on_the_grid(key, mods, act):
    assert grid_key(key, mods) == act


def test_arrows_stop_at_the_edge_and_leave_a_merged_cell_by_its_right_edge(store, sample):
    a2 = open_session(store, sample, "a2")
    last = a2.layout.column_count - 1
    assert a2.arrow(1, 2, (0, 1)) == (1, 4)  # 同比 covers columns 2 and 3
    assert a2.arrow(0, 0, (-1, 0)) is None and a2.arrow(0, 0, (0, -1)) is None
    assert a2.arrow(2, last, (1, 0)) is None
    assert a2.arrow(0, last, (0, 1)) is None  # the last column
    assert a2.arrow(1, 2, (1, 0)) == (2, 2)  # down from a merged cell keeps its left column
    assert a2.arrow(1, 2, (-1, 0)) == (0, 2) and a2.arrow(0, 1, (0, -1)) == (0, 0)  # up to row 0, left to 序号


def test_enter_goes_on_down_the_column_it_came_from_through_a_merged_cell(store, sample):
    a2 = open_session(store, sample, "a2")
    assert a2.walk(0, 3, forward=True, across=False) == (2, 2)  # 原因简析 covers columns 2 and 3
    assert a2.walk(2, 2, forward=True, across=False) == (0, 4)  # on from column 3, not 2
    assert a2.walk(0, 2, forward=True, across=True) == (0, 3)
    assert a2.walk(2, 2, forward=False, across=False) == (0, 2)  # Shift+Enter goes back up


def test_enter_after_shift_tab_into_a_merged_cell_goes_on_from_its_left_column(store, sample):
    a2 = open_session(store, sample, "a2")
    assert a2.walk(2, 4, forward=False, across=True) == (2, 2)  # entered at its right half, column 3
    assert a2.walk(2, 2, forward=True, across=False) == (0, 3)  # Tab does not remember the column


def test_a_pasted_block_covers_what_fits_on_the_grid(store, sample):
    a2 = open_session(store, sample, "a2")
    assert a2.block_area(0, 2, "1\t2\t3\r\n4\r\n") == (1, 4)
    last = a2.layout.column_count - 1
    assert a2.block_area(2, last - 1, "1\t2\t3\t4\n5\n") == (2, last)
