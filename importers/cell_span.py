"""How far a sheet's filled cells reach, checked before calamine reads it.

calamine builds each sheet as one dense block from A1's corner to its farthest filled cell: a file with
a value in A1 and another in XFD1048576 asks for hundreds of gigabytes, and Rust aborts the process
(no exception to catch). So the guard measures, for every kind of file, the block each sheet would
need, and refuses a sheet (or a workbook) past these bounds before any reader sees it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_SHEET_SPAN = 1_000_000  # cells from A1 to the farthest filled one: 5,000 rows × 200 columns
MAX_BOOK_SPAN = 4_000_000  # all sheets together (.xls and .ods are read whole at once)


@dataclass
class Spans:
    """The farthest filled cell of each sheet seen so far (0-based row and column)."""

    far: dict[str, tuple[int, int]] = field(default_factory=dict)

    def filled(self, sheet: str, row: int, col: int) -> None:
        r, c = self.far.get(sheet, (0, 0))
        self.far[sheet] = (max(r, row), max(c, col))

    def problem(self) -> str | None:
        """The sentence of a refusal, or None when every sheet fits."""
        total = 0
        for sheet, (r, c) in self.far.items():
            span = (r + 1) * (c + 1)
            if span > MAX_SHEET_SPAN:
                return f"{sheet}的内容分布过广（到第 {r + 1} 行、第 {c + 1} 列），不像一张填报表"
            total += span
        if total > MAX_BOOK_SPAN:
            return "各工作表的内容合计过多，不像填报表"
        return None


def column_index(letters: str) -> int:
    """``A`` → 0, ``AB`` → 27; letters beyond Excel's 3 count as far as they go."""
    n = 0
    for ch in letters[:7]:
        n = n * 26 + (ord(ch.upper()) - 64)
    return n - 1


def column_letters(index: int) -> str:
    """0 → ``A``, 27 → ``AB``."""
    out = ""
    index += 1
    while index > 0:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_CELL_TAGS = (f"{_TABLE} table-cell", f"{_TABLE} covered-table-cell")


def _repeated(value: str | None) -> int:
    """A repeat count as written; what is no count is one (calamine then fails on it or reads one)."""
    return int(value[:20]) if value is not None and value.isascii() and value.isdigit() else 1


class OdsScan:
    """Element callbacks for an .ods's ``content.xml``: where each sheet's filled cells reach, counting
    repeated rows and cells as the repeats they stand for, and formulas without a stored result."""

    def __init__(self, spans: Spans) -> None:
        self.spans = spans
        self.formulas: list[tuple[str, str]] = []  # (sheet, cell)
        self.sheet = "工作表"
        self.row = self.col = 0
        self.rows = self.cols = 1
        self.in_cell = self.valued = self.formula = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == f"{_TABLE} table":
            self.sheet, self.row = f"工作表“{attrs.get(f'{_TABLE} name', '')}”", 0
        elif tag == f"{_TABLE} table-row":
            self.rows, self.col = _repeated(attrs.get(f"{_TABLE} number-rows-repeated")), 0
        elif tag in _CELL_TAGS:
            self.cols = _repeated(attrs.get(f"{_TABLE} number-columns-repeated"))
            self.in_cell = True
            self.valued = f"{_OFFICE} value-type" in attrs
            self.formula = f"{_TABLE} formula" in attrs

    def text(self, data: str) -> None:
        if self.in_cell and data.strip():
            self.valued = True

    def end(self, tag: str) -> None:
        if tag in _CELL_TAGS:
            if self.valued:
                self.spans.filled(self.sheet, self.row + self.rows - 1, self.col + self.cols - 1)
            elif self.formula:
                self.formulas.append((self.sheet, f"{column_letters(self.col)}{self.row + 1}"))
            self.col += self.cols
            self.in_cell = False
        elif tag == f"{_TABLE} table-row":
            self.row += self.rows
