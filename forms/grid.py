"""The paper layout of a spec for a report year: merged header cells and body cells.

One function of (spec, year, values) that the Qt model, the workbook and the Word tables
all draw from, so the three cannot disagree about where a figure or a merge goes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import Enum

from forms.kinds import Kind, MoneyKind, Stored, ValueKind
from forms.report import MAIN_ROW, REASON_ROW, CellKey, FormData
from forms.spec import Field, FormSpec, Group, RowStyle
from forms.yoy import YoY

INDEX_LABEL = "序号"
YOY_LABEL = "同比增减"
REASON_LABEL = "数据变化原因简析"
NONE_LABEL = "无"


class Role(Enum):
    INDEX = "index"  # 序号
    LABEL = "label"  # 同比增减 / 数据变化原因简析
    VALUE = "value"  # an entered figure or text
    YOY = "yoy"  # computed, read-only
    REASON = "reason"  # the free text under a paired field
    BLANK = "blank"


@dataclass(frozen=True)
class Column:
    field: Field | None  # None for the 序号 column
    period: int = 0  # the year of a paired field's column


@dataclass(frozen=True)
class HeaderCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str


@dataclass(frozen=True)
class Cell:
    role: Role
    col: int
    span: int = 1
    key: CellKey | None = None  # where an editable cell is stored
    field: Field | None = None
    value: Stored = None
    yoy: YoY | None = None
    text: str = ""  # what the cell shows

    @property
    def editable(self) -> bool:
        return self.role in (Role.VALUE, Role.REASON)

    @property
    def kind(self) -> ValueKind:
        if self.role is Role.REASON or self.field is None:
            return Kind.TEXT
        return self.field.kind


def _depth(node: Group | Field) -> int:
    if isinstance(node, Field):
        return 2 if node.paired else 1
    return 1 + max(_depth(child) for child in node.children)


class Layout:
    """Columns and merged header cells of ``spec`` for report ``year``."""

    def __init__(self, spec: FormSpec, year: int) -> None:
        self.spec = spec
        self.year = year
        self.depth = max(_depth(node) for node in spec.header)
        self.columns: list[Column] = [Column(None)]
        self.header: list[HeaderCell] = [HeaderCell(0, 0, self.depth, 1, INDEX_LABEL)]
        for node in spec.header:
            self._place(node, 0)
        # (field key, period) → column: where an edited value is shown.
        self._column_of = {(c.field.key, c.period): i for i, c in enumerate(self.columns) if c.field is not None}

    def _place(self, node: Group | Field, row: int) -> None:
        col = len(self.columns)
        if isinstance(node, Group):
            for child in node.children:
                self._place(child, row + 1)
            self.header.append(HeaderCell(row, col, 1, len(self.columns) - col, node.label))
        elif node.paired:
            self.header.append(HeaderCell(row, col, self.depth - 1 - row, 2, node.label))
            for offset, period in enumerate((self.year - 1, self.year)):
                self.columns.append(Column(node, period))
                self.header.append(HeaderCell(self.depth - 1, col + offset, 1, 1, str(period)))
        else:
            self.columns.append(Column(node))
            self.header.append(HeaderCell(row, col, self.depth - row, 1, node.label))

    @property
    def column_count(self) -> int:
        return len(self.columns)

    def column_chars(self) -> list[float]:
        """Each column's width in CJK characters: the grid, the workbook and the Word table scale it."""
        widths = []
        for column in self.columns:
            field = column.field
            if field is None:
                widths.append(2.5)  # 序号
            elif field.width:
                widths.append(float(field.width))
            elif isinstance(field.kind, MoneyKind):
                widths.append(6.0)  # 1234567.80
            elif column.period:
                widths.append(4.0)
            else:
                widths.append(max(4.0, min(7.0, len(field.label) * 0.7)))
        return widths

    def body(self, data: FormData, places: int) -> list[list[Cell]]:
        """Body rows; each row lists its cells left to right (covered positions omitted)."""
        if self.spec.rows is RowStyle.COMPARISON:
            return [
                self._value_row(0, MAIN_ROW, data),
                self._yoy_row(data, places),
                self._reason_row(data),
            ]
        return [self._value_row(i, row, data) for i, row in enumerate(data.rows)]

    def new_row(self) -> list[Cell] | None:
        """The cells of a row a list table adds (a paste past its end); None for a fixed table."""
        if self.spec.rows is not RowStyle.LIST:
            return None
        return self._value_row(0, "", FormData(self.spec, []))

    def printed_body(self, data: FormData, places: int) -> list[list[Cell]]:
        """The body as the workbook and the Word table print it: a list table with no row (no
        两法衔接 case this year) prints one row reading 无 across the table, as clerks write it."""
        body = self.body(data, places)
        if body:
            return body
        return [[Cell(Role.BLANK, 0), Cell(Role.LABEL, 1, self.column_count - 1, text=NONE_LABEL)]]

    def _value_row(self, index: int, row: str, data: FormData) -> list[Cell]:
        cells = [Cell(Role.INDEX, 0, text=str(index + 1))]
        for col, column in enumerate(self.columns[1:], start=1):
            assert column.field is not None
            cells.append(_value_cell(col, column.field, CellKey(row, column.field.key, column.period), data))
        return cells

    def _label_cells(self, index: int, label: str) -> list[Cell]:
        """序号, then the row's label in the unpaired columns before the pairs (the unit name column)."""
        cells = [Cell(Role.INDEX, 0, text=str(index + 1))]
        for col, column in enumerate(self.columns[1:], start=1):
            if column.field is not None and column.field.paired:
                break
            first = len(cells) == 1
            cells.append(Cell(Role.LABEL if first else Role.BLANK, col, text=label if first else ""))
        return cells

    def _paired_columns(self) -> list[tuple[int, Field]]:
        return [
            (col, c.field)
            for col, c in enumerate(self.columns)
            if c.field is not None and c.field.paired and c.period == self.year - 1
        ]

    def _yoy_row(self, data: FormData, places: int) -> list[Cell]:
        cells = self._label_cells(1, YOY_LABEL)
        for col, field in self._paired_columns():
            cells.append(self._yoy_cell(col, field, data, places))
        return cells

    def _yoy_cell(self, col: int, field: Field, data: FormData, places: int) -> Cell:
        change = data.change(field.key, self.year, places)
        return Cell(Role.YOY, col, 2, field=field, yoy=change, text=change.text())

    def _reason_row(self, data: FormData) -> list[Cell]:
        cells = self._label_cells(2, REASON_LABEL)
        for col, field in self._paired_columns():
            key = CellKey(REASON_ROW, field.key)
            text = data.get(key)
            cells.append(Cell(Role.REASON, col, 2, key=key, field=field, value=text, text=Kind.TEXT.text(text)))
        return cells

    def update(
        self, body: list[list[Cell]], data: FormData, places: int, keys: Iterable[CellKey]
    ) -> list[tuple[int, int]]:
        """After values changed (same rows): recompute, in place, the cells of ``body`` that show
        ``keys`` and the 同比增减 cells they feed, as ``body`` would build them; returns the indexes,
        in ``body``'s rows, of the cells that changed: ``body[r][i]`` for each (r, i)."""
        columns = self._column_of
        comparison = self.spec.rows is RowStyle.COMPARISON
        wanted: set[tuple[int | None, int | None]] = set()  # (body row, column) to recompute; None: not shown
        for key in keys:
            where: tuple[int | None, int | None]
            if comparison and key.row == REASON_ROW:
                where = (2, columns.get((key.field, self.year - 1)))
            elif comparison:
                where = (0, columns.get((key.field, key.period)))
                wanted.add((1, columns.get((key.field, self.year - 1))))  # its 同比增减, when paired
            else:
                where = (
                    data.rows.index(key.row) if key.row in data.rows else None,
                    columns.get((key.field, key.period)),
                )
            wanted.add(where)
        changed = []
        for r, col in wanted:
            if r is None or col is None or r >= len(body):
                continue  # a field or row the table does not show
            row = body[r]
            i = next((i for i, cell in enumerate(row) if cell.col == col), None)
            if i is None:
                continue
            cell = row[i]
            if cell.role is Role.VALUE and cell.key is not None and cell.field is not None:
                new = _value_cell(cell.col, cell.field, cell.key, data)
            elif cell.role is Role.REASON and cell.key is not None:
                value = data.get(cell.key)
                new = replace(cell, value=value, text=Kind.TEXT.text(value))
            elif cell.role is Role.YOY and cell.field is not None:
                new = self._yoy_cell(cell.col, cell.field, data, places)
            else:
                continue
            if new != cell:
                row[i] = new
                changed.append((r, i))
        return sorted(changed)


def _value_cell(col: int, field: Field, key: CellKey, data: FormData) -> Cell:
    value = data.get(key)
    return Cell(Role.VALUE, col, key=key, field=field, value=value, text=field.kind.text(value))
