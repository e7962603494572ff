"""Paste rules: a block copied from Excel/WPS or our own grid, placed on a form's cells.

Excel and WPS put a selection on the clipboard as tab-separated lines, quoting a cell that
holds a tab, a quote or a line break (the ``csv`` module's ``excel-tab`` dialect). A block is
applied whole or not at all: the first cell that cannot take its value is named. Past the last
row of a list table (附件4/附件5) it adds rows, as Excel does; a fixed table refuses it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from forms.errors import InputError
from forms.grid import Cell
from forms.hygiene import echo
from forms.kinds import Stored
from forms.report import CellKey

Parse = Callable[[Cell, str], Stored]
MAX_PASTE_ROWS = 1000  # a block of more rows is refused whole: one paste stays well under 2 s


def parse_block(text: str) -> list[list[str]]:
    """The rows and cells of clipboard text; quoted cells keep their tabs and line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if text == "":
        return []
    # Strict: text that merely contains quotes (“"十三五"规划” from Word or Notepad) is not an Excel
    # quoted cell; it is then taken as plain tab-separated text, quotes kept.
    try:
        return list(csv.reader(io.StringIO(text), dialect="excel-tab", strict=True))
    except csv.Error:
        return [line.split("\t") for line in text.split("\n")]


@dataclass(frozen=True)
class PastePlan:
    """What a paste stores: values on the rows the grid has, and the rows it adds below the last
    one (a list table only), each as {(field, period): value} until storage names the row."""

    values: dict[CellKey, Stored] = field(default_factory=dict)
    new_rows: tuple[dict[tuple[str, int], Stored], ...] = ()


def plan_paste(
    body: Sequence[Sequence[Cell]],
    row: int,
    col: int,
    block: list[list[str]],
    parse: Parse,
    *,
    new_row: Sequence[Cell] | None = None,
) -> PastePlan:
    """The values the block puts on the grid ``body`` with its top left at (row, col).

    Read-only cells (序号, 同比增减) and the covered part of a merged cell take nothing (a value
    there is refused unless it is what the cell already shows). A block that runs past the last
    row adds rows shaped like ``new_row`` (附件4/附件5, where the clerk adds rows anyway); without
    it (a fixed table) the block is refused, as is one past the last column, one of more than
    ``MAX_PASTE_ROWS`` rows, or one with a value its cell refuses: an ``InputError`` names the
    place (or the limit) and nothing is stored."""
    cells: dict[tuple[int, int], Cell] = {}
    for r, line in enumerate(body):
        for cell in line:
            for c in range(cell.col, cell.col + cell.span):
                cells[(r, c)] = cell
    for line in [new_row] if new_row is not None else []:
        for cell in line:
            for c in range(cell.col, cell.col + cell.span):
                cells[(-1, c)] = cell
    width = max((c for _, c in cells), default=-1) + 1
    filled = [i for i, items in enumerate(block) if any(item.strip() for item in items)]
    if filled and filled[-1] + 1 > MAX_PASTE_ROWS:
        raise InputError(
            f"粘贴未执行：一次最多粘贴 {MAX_PASTE_ROWS} 行，复制的内容有 {filled[-1] + 1} 行，请分几次粘贴"
        )
    overflow = len(body) - row  # block rows that fit on rows the grid has
    if filled and filled[-1] >= overflow and new_row is None:
        raise InputError(
            f"粘贴未执行：复制的内容有 {filled[-1] + 1} 行，从这里往下只有 {max(overflow, 0)} 行，"
            "超出了表格范围（本表行数固定，不能添加行）"
        )
    added = max(0, filled[-1] + 1 - overflow) if filled else 0
    values: dict[CellKey, Stored] = {}
    new_rows: list[dict[tuple[str, int], Stored]] = [{} for _ in range(added)]
    for i, items in enumerate(block):
        r = row + i
        appended = r >= len(body)
        if appended and i >= overflow + added:
            break  # blank lines after the last filled one
        for j, item in enumerate(items):
            c = col + j
            if c >= width:
                if item.strip() == "":
                    continue
                raise InputError(f"粘贴未执行：第 {i + 1} 行第 {j + 1} 个值“{echo(item)}”超出了表格最右一列")
            under = cells.get((-1 if appended else r, c))
            if under is None or not under.editable or under.key is None or under.col != c:
                if item.strip() in ("", under.text if under is not None and not appended else ""):
                    continue  # blank, or what the read-only cell shows (a block copied from the grid)
                raise InputError(
                    f"粘贴未执行：第 {i + 1} 行第 {j + 1} 个值“{echo(item)}”落在不能填写的单元格上"
                    "（序号、同比增减等自动计算的单元格）"
                )
            try:
                value = parse(under, item)
            except InputError as exc:
                raise InputError(f"粘贴未执行：第 {i + 1} 行第 {j + 1} 个值“{echo(item)}”：{exc.message}") from None
            if appended:
                if value is not None:
                    new_rows[r - len(body)][(under.key.field, under.key.period)] = value
            else:
                values[under.key] = value
    return PastePlan(values, tuple(new_rows))
