"""The element callbacks for an .xlsx package's parts (the guard's exact path, importers/guard.py): the sheet
names of workbook.xml and its relationships, and in a worksheet its cells — how many, where the filled ones
reach, which formulas have no stored result. importers/sheet_scan.py gives the same answers in one pass
over a worksheet written the plain way."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from importers.cell_span import Spans, column_index
from importers.sheet_scan import TooLarge

_REL_ID = "http://schemas.openxmlformats.org/officeDocument/2006/relationships id"
_STRICT_REL_ID = "http://purl.oclc.org/ooxml/officeDocument/relationships id"
_XLSX_CELL = re.compile(r"([A-Za-z]+)([0-9]+)")
MAX_ROW_CELLS = 16384  # Excel's columns; a reader holds a whole row at once
MAX_SHEET_CELLS = 500_000  # a form has a few thousand; this bounds the reader's time


@dataclass
class Sheets:
    """Worksheet part → sheet name, from workbook.xml and its relationships, for the messages."""

    names: dict[str, str] = field(default_factory=dict)  # r:id → sheet name
    targets: dict[str, str] = field(default_factory=dict)  # r:id → part name

    def name_of(self, part: str) -> str | None:
        for rid, target in self.targets.items():
            if target == part and rid in self.names:
                return self.names[rid]
        return None

    def where(self, part: str) -> str:
        """A part as a clerk can find it: its sheet's name, else the part's own."""
        name = self.name_of(part)
        return f"工作表“{name}”" if name is not None else f"文件内部的 {part} "


@dataclass
class Formula:
    where: str  # its sheet as the messages name it
    cell: str


def _number(digits: str) -> int:
    """ASCII digits as a number, however many (past 20 digits it is only ever too far)."""
    return int(digits[:20])


class PartScan:
    """Element callbacks for one part: sheet names from workbook.xml, formulas and cell counts in sheets."""

    def __init__(self, name: str, sheets: Sheets, formulas: list[Formula], spans: Spans) -> None:
        self.name = name
        self.sheets = sheets
        self.formulas = formulas
        self.spans = spans
        self.worksheet = name.startswith("xl/worksheets/")
        self.label = sheets.where(name).rstrip() if self.worksheet else name
        self.row = self.col = -1  # the cell's position, 0-based, as calamine places it
        self.filled = False
        self.rels_base = ""
        if name.endswith(".rels") and "/_rels/" in "/" + name:
            folder, _, file = name.rpartition("_rels/")
            self.rels_base = (folder + file.removesuffix(".rels")).rpartition("/")[0]
        self.cell: str | None = None
        self.formula = self.value = self.in_value = self.text_result = False
        self.row_cells = self.sheet_cells = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(" ")[2]
        # A worksheet's cells by their local name in any namespace: calamine reads them so (a sheet in a
        # made-up namespace is still read), so each is counted and its formula looked at.
        if self.worksheet:
            if local == "c":
                self.cell, self.formula, self.value = attrs.get("r", "?"), False, False
                self._place(attrs.get("r"))
                self.filled = False
                self.row_cells += 1
                self.sheet_cells += 1
                if self.row_cells > MAX_ROW_CELLS:
                    raise TooLarge(f"一行中有超过 {MAX_ROW_CELLS} 个单元格")
                if self.sheet_cells > MAX_SHEET_CELLS:
                    raise TooLarge(f"有超过 {MAX_SHEET_CELLS} 个单元格")
                self.text_result = attrs.get("t") == "str"  # a formula's text result: "" is one
                if attrs.get("t") == "inlineStr":
                    self.value = True  # its text is in <is>, not <v>
            elif local == "row":
                self.row_cells = 0
                r = attrs.get("r", "")
                self.row, self.col = (_number(r) - 1 if r.isascii() and r.isdigit() else self.row + 1), -1
            elif local == "f":
                self.formula = True
            elif local == "v":
                # A result only if it holds text (tools write <v></v> for none), or if the cell says
                # its result is text: Excel writes <v/> for a formula that gives "" (=IF(B5=0,"",…)).
                self.in_value = self.filled = True
                self.value = self.value or self.text_result
            elif local == "is":
                self.value = self.filled = True
        elif self.name == "xl/workbook.xml" and local == "sheet":
            rid = attrs.get(_REL_ID) or attrs.get(_STRICT_REL_ID)
            if rid:
                self.sheets.names[rid] = attrs.get("name", "")
        elif self.name == "xl/_rels/workbook.xml.rels" and local == "Relationship":
            target = attrs.get("Target", "")
            if target.startswith("/"):
                part = target.lstrip("/")
            else:
                part = posixpath.normpath(posixpath.join(self.rels_base, target))
            self.sheets.targets[attrs.get("Id", "")] = part

    def _place(self, ref: str | None) -> None:
        """A cell's row and column: its ``r``, else the next column of its row (as calamine counts)."""
        m = _XLSX_CELL.fullmatch(ref or "")
        if m:
            self.row, self.col = _number(m[2]) - 1, column_index(m[1])
        else:
            self.col += 1

    def text(self, data: str) -> None:
        if self.in_value and data.strip():
            self.value = True

    def end(self, tag: str) -> None:
        self.in_value = False
        if self.cell is not None and tag.rpartition(" ")[2] == "c":
            if self.formula and not self.value:
                self.formulas.append(Formula(self.sheets.where(self.name), self.cell))
            if self.filled:
                self.spans.filled(self.label, max(self.row, 0), max(self.col, 0))
            self.cell = None
