"""What a key does in the grid, as in Excel/WPS, decided without Qt (the view names the keys).

Two editing modes, as in Excel: typing into a cell (输入模式) commits on an arrow key and moves;
F2 or a double click edits in the cell (编辑模式), where the arrows move the caret. Enter and Tab
commit and walk to the next cell that can be filled (``forms.navigation``); Shift walks back.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

ARROWS = {"up": (-1, 0), "down": (1, 0), "left": (0, -1), "right": (0, 1)}


class Editor(Enum):
    LINE = "line"  # a number or a name
    TEXT = "text"  # 原因简析, on several lines
    CHOICE = "choice"  # 是/否


class Act(Enum):
    TOGGLE_MODE = "toggle"  # F2: between 输入模式 and 编辑模式
    REVERT = "revert"  # Esc: the stored value back, the editor closed
    LINE_BREAK = "line_break"  # Alt+Enter in a 原因简析, as in Excel
    PASS = "pass"  # the editor's own business (the caret, the choice list)


@dataclass(frozen=True)
class Move:
    """Commit the value (staying when it is refused), then go on: an arrow's step (rows, columns),
    or a walk to the next fillable cell, ``forward`` or back, ``across`` (Tab) or down (Enter)."""

    arrow: tuple[int, int] | None = None
    forward: bool = True
    across: bool = False


def editor_key(key: str, mods: frozenset[str], *, typing: bool, editor: Editor) -> Act | Move:
    """What a key pressed in an open cell editor does. ``mods``: "shift", "alt", "ctrl", "meta"."""
    if key == "f2":
        return Act.TOGGLE_MODE
    if key == "escape":
        return Act.REVERT
    if editor is Editor.TEXT and key == "enter" and "alt" in mods:
        return Act.LINE_BREAK
    if editor is Editor.CHOICE and key in ("up", "down") and not typing:
        return Act.PASS
    if key in ARROWS and typing and not mods:
        return Move(arrow=ARROWS[key])
    if key == "enter" and mods <= {"shift"}:
        return Move(forward=not mods)
    if key in ("tab", "backtab"):
        return Move(forward=key == "tab" and "shift" not in mods, across=True)
    return Act.PASS


def grid_key(key: str, mods: frozenset[str]) -> str | Move | None:
    """What a key does on the grid with no editor open: "clear" (Delete), "empty" (Backspace
    empties the cell and starts typing, as in Excel), "edit" (F2, in the cell), a walk (Enter,
    Tab), or None: the view's default (typing opens the editor, arrows move)."""
    if key == "delete":
        return "clear"
    if key == "backspace":
        return "empty"
    if key == "f2":
        return "edit"
    if key == "enter":
        return Move(forward="shift" not in mods)
    if key in ("tab", "backtab"):
        return Move(forward=key == "tab" and "shift" not in mods, across=True)
    return None
