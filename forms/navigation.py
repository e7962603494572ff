"""Where Enter and Tab go next in a grid body, as in Excel/WPS: only to cells a clerk can fill.

Enter walks down a column and, at its end, wraps to the top of the next column; Tab walks
right along a row and wraps to the start of the next row (Shift goes back). 序号, labels and
同比增减 are skipped; a merged cell is one stop, named by its left column. The grid wraps
around at its ends, so the walk never stops on a read-only cell.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from forms.grid import Cell


def _covering(body: Sequence[Sequence[Cell]]) -> dict[tuple[int, int], Cell]:
    cells: dict[tuple[int, int], Cell] = {}
    for r, line in enumerate(body):
        for cell in line:
            for c in range(cell.col, cell.col + cell.span):
                cells[(r, c)] = cell
    return cells


def _positions(rows: int, cols: int, row: int, col: int, *, forward: bool, across: bool) -> Iterator[tuple[int, int]]:
    """Every (row, col) after (row, col) in reading order (row-major for Tab, column-major for
    Enter), wrapping once around the grid."""
    total = rows * cols
    start = row * cols + col if across else col * rows + row
    for step in range(1, total + 1):
        n = (start + step if forward else start - step) % total
        yield divmod(n, cols) if across else divmod(n, rows)[::-1]


def next_editable(
    body: Sequence[Sequence[Cell]], row: int, col: int, *, forward: bool = True, across: bool = False
) -> tuple[int, int, int] | None:
    """(row, left column, column walked) of the next fillable cell after (row, col); None when
    there is none. The column walked differs from the left column when Enter goes down into a
    merged cell: the next Enter goes on from there, not from the merged cell's left column."""
    cells = _covering(body)
    if not cells:
        return None
    cols = max(c for _, c in cells) + 1
    here = cells.get((row, col))
    for r, c in _positions(len(body), cols, row, col, forward=forward, across=across):
        cell = cells.get((r, c))
        if cell is None or not cell.editable or cell.key is None:
            continue
        if here is not None and cell is here and r == row:
            continue  # still inside the merged cell we start from
        if across and c != cell.col and not (not forward and c == cell.col + cell.span - 1):
            continue  # a merged cell is entered at its first (or, going back, last) column
        return r, cell.col, c
    return None
