"""Hand back a workbook's sheets as plain rows of cell values, read behind the guarded boundary.

``importers/guard.py`` checks the file before calamine parses it (sizes, XML, formulas, how far each
sheet's cells reach, an encrypted file told apart from a plain .xls) and turns whatever calamine raises
on it into a refusal; here is only the reading itself, of .xlsx, .xls and .ods alike (calamine picks
the format by the file's content). What calamine gives is made to read as openpyxl gave it before:
- ``""`` (a blank cell, or an empty text) is None: blank, never 0;
- a whole number is an int (calamine gives every number as a float): ``2024``, not ``2024.0``, as the
  hidden sheet's year and a header's ``2023`` are read;
- a merged range's value stands in its top-left cell only, the others blank;
- rows start at A1 (calamine starts at the first filled cell), so a message names the cell a clerk sees;
- hidden sheets are read too (our own ``_填报助手``); chart sheets are not sheets of cells.
Every row is cut at ``MAX_ROWS`` × ``MAX_COLS``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import python_calamine as calamine

from importers.guard import ImportRejected, read_guarded

MAX_ROWS = 5000  # a form has a few dozen rows; more is not a form, and reading on costs memory
MAX_COLS = 200
_EXACT = 2**53  # a float up to here that is whole is exactly that int

__all__ = ["MAX_COLS", "MAX_ROWS", "ImportRejected", "Sheet", "read_sheets"]


@dataclass
class Sheet:
    title: str
    rows: list[list[object]]  # values, row 1 first; rows may be shorter than others
    hidden: bool = False


def _read(file: BinaryIO) -> list[tuple[str, list[list[object]], bool]]:
    """calamine's own reading, all of it inside the boundary: (name, raw rows, hidden) per sheet."""
    with calamine.CalamineWorkbook.from_filelike(file) as wb:
        out = []
        for meta in wb.sheets_metadata:
            if meta.typ != calamine.SheetTypeEnum.WorkSheet:
                continue
            sheet = wb.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False, nrows=MAX_ROWS)
            out.append((meta.name, rows, meta.visible != calamine.SheetVisibleEnum.Visible))
        return out


def _value(value: object) -> object:
    if value == "":
        return None
    if type(value) is float and value.is_integer() and abs(value) < _EXACT:
        return int(value)
    return value


def _trimmed(values: list[object]) -> list[object]:
    """A row as the form reads it: at most ``MAX_COLS`` cells, without the blanks it ends with (``_value``
    inline for a blank and called only for a float: most cells of a form are blanks and texts)."""
    row = [None if v == "" else _value(v) if type(v) is float else v for v in values[:MAX_COLS]]
    end = len(row)
    while end and row[end - 1] is None:
        end -= 1
    del row[end:]
    return row


def read_sheets(path: Path) -> tuple[list[Sheet], str]:
    """The sheets, and the SHA-256 of the file's bytes as read (what tells the same file again)."""
    read, sha256 = read_guarded(Path(path), _read)
    return [Sheet(name, [_trimmed(r) for r in rows], hidden) for name, rows, hidden in read], sha256
