"""Read an exported sheet back the way a person would: by its headers, not by our layout code."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet


def merged_value(ws: Worksheet, row: int, col: int):
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= row <= rng.max_row and rng.min_col <= col <= rng.max_col:
            return ws.cell(rng.min_row, rng.min_col).value
    return ws.cell(row, col).value


def header_paths(ws: Worksheet, first: int, last: int) -> dict[int, tuple[str, ...]]:
    """Column number → the labels above it, top to bottom, merged cells resolved."""
    paths = {}
    for col in range(1, ws.max_column + 1):
        labels: list[str] = []
        for row in range(first, last + 1):
            value = merged_value(ws, row, col)
            if value is not None and (not labels or labels[-1] != str(value)):
                labels.append(str(value))
        paths[col] = tuple(labels)
    return paths


def find_column(paths: dict[int, tuple[str, ...]], *labels: str) -> int:
    matches = [col for col, path in paths.items() if path[-len(labels) :] == labels]
    assert len(matches) == 1, f"{labels} found in columns {matches}"
    return matches[0]


def find_row(ws: Worksheet, first_body: int, col: int, text: object) -> int:
    for row in range(first_body, ws.max_row + 1):
        if ws.cell(row, col).value == text:
            return row
    raise AssertionError(f"{text!r} not in column {col}")
