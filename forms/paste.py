"""Paste rules: a block copied from Excel/WPS or our own grid, placed on a form's cells.

Excel and WPS put a selection on the clipboard as tab-separated lines, quoting a cell that
holds a tab, a quote or a line break (the ``csv`` module's ``excel-tab`` dialect). A block is
applied whole or not at all: the first cell that cannot take its value is named.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence

from forms.errors import InputError
from forms.grid import Cell
from forms.hygiene import echo
from forms.report import CellKey
from forms.values import Value

Parse = Callable[[Cell, str], Value]


def parse_block(text: str) -> list[list[str]]:
    """The rows and cells of clipboard text; quoted cells keep their tabs and line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if text == "":
        return []
    return [row for row in csv.reader(io.StringIO(text), dialect="excel-tab")]


def plan_paste(body: Sequence[Sequence[Cell]], row: int, col: int, block: list[list[str]], parse: Parse) -> dict:
    """The values the block puts on the grid ``body`` with its top left at (row, col).

    Read-only cells (序号, 同比增减) and the covered part of a merged cell take nothing (a value
    there is refused unless it is what the cell already shows); a block
    that reaches past the grid's last row or column, or a value its cell refuses, raises
    ``InputError`` naming the place. Returns {CellKey: value}."""
    cells: dict[tuple[int, int], Cell] = {}
    for r, line in enumerate(body):
        for cell in line:
            for c in range(cell.col, cell.col + cell.span):
                cells[(r, c)] = cell
    width = max((c for _, c in cells), default=-1) + 1
    changes: dict[CellKey, Value] = {}
    for i, items in enumerate(block):
        for j, item in enumerate(items):
            r, c = row + i, col + j
            if r >= len(body) or c >= width:
                if item.strip() == "":
                    continue
                raise InputError(f"粘贴未执行：第 {i + 1} 行第 {j + 1} 个值“{echo(item)}”超出了表格范围")
            cell = cells.get((r, c))
            if cell is None or not cell.editable or cell.key is None or cell.col != c:
                if item.strip() in ("", cell.text if cell is not None else ""):
                    continue  # blank, or what the read-only cell shows (a block copied from the grid)
                raise InputError(
                    f"粘贴未执行：第 {i + 1} 行第 {j + 1} 个值“{echo(item)}”落在不能填写的单元格上"
                    "（序号、同比增减等自动计算的单元格）"
                )
            try:
                changes[cell.key] = parse(cell, item)
            except InputError as exc:
                raise InputError(f"粘贴未执行：第 {i + 1} 行第 {j + 1} 个值“{echo(item)}”：{exc.message}") from None
    return changes
