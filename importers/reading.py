"""Hand back a workbook's sheets as plain rows of cell values, read behind the guarded boundary.

``importers/guard.py`` checks the file before openpyxl parses it and turns whatever openpyxl raises
on it into a refusal; here is only the reading itself: read-only mode (one pass, little memory), every
row cut at ``MAX_ROWS`` × ``MAX_COLS`` (openpyxl builds a row up to its last cell, so the bound goes
to openpyxl, not after it).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from importers.guard import ImportRejected, read_guarded

MAX_ROWS = 5000  # a form has a few dozen rows; more is not a form, and reading on costs memory
MAX_COLS = 200

__all__ = ["MAX_COLS", "MAX_ROWS", "ImportRejected", "Sheet", "read_sheets"]


@dataclass
class Sheet:
    title: str
    rows: list[list[object]]  # values, row 1 first; rows may be shorter than others
    hidden: bool = False


def _read(path: Path) -> list[Sheet]:
    with warnings.catch_warnings():
        # openpyxl warns of parts it drops ("invalid specification", data validation): what it reads
        # is what counts, and a warning would reach the clerk's console as a line of English
        warnings.simplefilter("ignore")
        return _read_all(path)


def _read_all(path: Path) -> list[Sheet]:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    try:
        sheets = []
        for ws in wb.worksheets:
            if not hasattr(ws, "iter_rows"):  # a chart sheet
                continue
            ws.reset_dimensions()  # some writers record a wrong size; read what is there
            rows = [_trimmed(v) for v in ws.iter_rows(values_only=True, max_row=MAX_ROWS, max_col=MAX_COLS)]
            sheets.append(Sheet(str(ws.title), rows, ws.sheet_state != "visible"))
        return sheets
    finally:
        wb.close()


def _trimmed(values: tuple[object, ...]) -> list[object]:
    """A row without the blanks openpyxl pads it with up to ``MAX_COLS``."""
    end = len(values)
    while end and values[end - 1] is None:
        end -= 1
    return list(values[:end])


def read_sheets(path: Path) -> list[Sheet]:
    return read_guarded(Path(path), _read)
