"""Editing one form of one report, without Qt: what the clerk's typing, clearing, pasting and row
commands store, as one ``Change`` each, applied through storage and recorded for undo.

The session holds the grid body (``forms.grid.Layout``) as shown; positions are (row, column) of
that body. Every change replaces what the grid shows (compare-and-set against the file), so a value
the clerk did not see is never overwritten: storage refuses it with a ``Conflict`` instead, and the
report's history is dropped, its steps no longer matching the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from forms import editing_labels as names
from forms import kinds as vk
from forms.changes import Batch, Change, InsertRow, RemoveRow, SetCells, Touched
from forms.errors import UserError
from forms.findings import Finding
from forms.grid import Cell, Layout, Role
from forms.history import History
from forms.navigation import next_editable
from forms.paste import parse_block, plan_paste
from forms.report import CellKey, FormData, cell_kind
from forms.rules import Severity
from forms.spec import FormSpec, RowStyle
from forms.value_log import Origin

Position = tuple[int, int]


class Conflict(UserError):
    """The file no longer holds what a change replaces (another window or program wrote it)."""


@dataclass(frozen=True)
class Saved:
    """A change storage accepted, what it touched, and how many cells it filled or emptied."""

    change: Change
    touched: Touched
    count: int = 1


class EditSession:
    """``apply`` writes a change (raising ``Conflict`` or another ``UserError`` when refused);
    ``held`` gives the form as the window holds it; ``new_row_key`` a row key never used yet."""

    def __init__(
        self,
        spec: FormSpec,
        year: int,
        *,
        apply: Callable[[Change, Origin], Touched],
        held: Callable[[], FormData],
        new_row_key: Callable[[], str],
        history: History | None = None,
    ) -> None:
        self.spec = spec
        self.layout = Layout(spec, year)
        self.history = history
        self._apply, self._held, self._new_row_key = apply, held, new_row_key
        self.body: list[list[Cell]] = []
        self.rows: list[str] = []
        self.findings: dict[Position, list[Finding]] = {}
        self._cells: dict[Position, Cell] = {}
        self._where: dict[CellKey, Position] = {}
        self._walked: tuple[Position, int] | None = None  # Enter's column inside a merged cell

    # --- what the grid shows ------------------------------------------------------

    def show(self, form: FormData, places: int) -> None:
        """Build the body from ``form``; findings keep their cells (by key) when rows came or went."""
        findings = [f for found in self.findings.values() for f in found]
        self.rows = list(form.rows)
        self.body = self.layout.body(form, places)
        self._cells, self._where = {}, {}
        for r, row in enumerate(self.body):
            for cell in row:
                self._place(r, cell)
        self.findings = self._placed(findings)

    def update(self, form: FormData, places: int, keys: Iterable[CellKey]) -> list[Position]:
        """Recompute the cells showing ``keys`` and the 同比增减 they feed; their positions."""
        changed = []
        for r, i in self.layout.update(self.body, form, places, keys):
            cell = self.body[r][i]
            self._place(r, cell)
            changed.append((r, cell.col))
        return changed

    def _place(self, r: int, cell: Cell) -> None:
        for c in range(cell.col, cell.col + cell.span):
            self._cells[(r, c)] = cell
        if cell.key is not None:
            self._where[cell.key] = (r, cell.col)

    def cell(self, row: int, col: int) -> Cell | None:
        return self._cells.get((row, col))

    def locate(self, key: CellKey) -> Position | None:
        """(row, column) of the cell stored under ``key``."""
        return self._where.get(key)

    def first_changed(self, change: Change) -> Position | None:
        """Where the grid shows a step it undid or redid: the first cell the step changed."""
        places = [at for key in change.touched().keys if (at := self.locate(key)) is not None]
        return min(places) if places else None

    def spans(self) -> list[tuple[int, int, int]]:
        """(row, column, column span) of every merged body cell."""
        return [(r, cell.col, cell.span) for r, row in enumerate(self.body) for cell in row if cell.span > 1]

    def arrow(self, row: int, col: int, step: tuple[int, int]) -> Position | None:
        """Where an arrow key goes from (row, col); None at the grid's edge. Right leaves a merged
        cell by its right edge."""
        cell = self.cell(row, col)
        if step[1] > 0 and cell is not None:
            col = cell.col + cell.span - 1
        row, col = row + step[0], col + step[1]
        return (row, col) if 0 <= row < len(self.body) and 0 <= col < self.layout.column_count else None

    def walk(self, row: int, col: int, *, forward: bool, across: bool) -> Position | None:
        """Where Enter (down) or Tab (``across``) goes from (row, col): the next cell that can be
        filled (``forms.navigation``). Enter into a merged cell goes on from the column it came down."""
        walked = self._walked
        start = walked[1] if walked is not None and walked[0] == (row, col) else col
        target = next_editable(self.body, row, start, forward=forward, across=across)
        if target is None:
            return None
        row, anchor, column = target
        self._walked = ((row, anchor), column) if not across and column != anchor else None
        return row, anchor

    def reason_rows(self) -> dict[int, list[tuple[int, int]]]:
        """(column, span) of the 原因简析 cells by row: the only cells that set a row's height."""
        return {
            r: [(c.col, c.span) for c in row if c.role is Role.REASON]
            for r, row in enumerate(self.body)
            if any(c.role is Role.REASON for c in row)
        }

    def is_list(self) -> bool:
        return self.spec.rows is RowStyle.LIST

    def row_has_values(self, position: int) -> bool:
        return any(c.value is not None for c in self.body[position] if c.editable)

    def _shown(self, key: CellKey) -> vk.Stored:
        """What the grid shows under ``key``: what a change made here replaces."""
        where = self._where.get(key)
        return self._cells[where].value if where is not None else self._held().get(key)

    # --- findings and tooltips ------------------------------------------------------

    def _placed(self, findings: Iterable[Finding]) -> dict[Position, list[Finding]]:
        placed: dict[Position, list[Finding]] = {}
        for finding in findings:
            where = self.locate(finding.cell) if finding.cell is not None else None
            if where is not None:
                placed.setdefault(where, []).append(finding)
        return placed

    def set_findings(self, findings: Iterable[Finding]) -> list[Position]:
        """Put this form's findings on their cells; the positions whose findings changed."""
        before, self.findings = self.findings, self._placed(findings)
        return [p for p in before.keys() | self.findings.keys() if before.get(p) != self.findings.get(p)]

    def worst(self, row: int, col: int) -> Severity | None:
        """The gravest finding on a cell (its colour), None when it has none."""
        cell = self.cell(row, col)
        flagged = self.findings.get((row, cell.col)) if cell is not None else None
        if not flagged:
            return None
        return Severity.ERROR if any(f.severity is Severity.ERROR for f in flagged) else Severity.HINT

    def tooltip(self, row: int, col: int) -> str | None:
        """The cell's findings, then how it is computed or what it takes."""
        cell = self.cell(row, col)
        if cell is None:
            return None
        tip = names.tooltip(cell)
        flagged = self.findings.get((row, cell.col))
        if flagged:
            tip = "\n".join(f"【{f.severity}】{f.message}" for f in flagged) + (f"\n{tip}" if tip else "")
        return tip

    # --- edits -------------------------------------------------------------------------

    def commit(self, change: Change, origin: Origin, *, record: bool = True) -> Touched:
        """Apply ``change`` through storage, its cells logged with ``origin``; ``record=False`` for
        undo/redo, which the history moves itself."""
        try:
            touched = self._apply(change, origin)
        except Conflict:
            if self.history is not None:
                self.history.clear()
            raise
        if record and self.history is not None:
            self.history.record(change)
        return touched

    def _store(self, change: Change, origin: Origin, count: int = 1) -> Saved:
        return Saved(change, self.commit(change, origin), count)

    def set_values(
        self, values: dict[CellKey, vk.Stored], name: str, count: int = 1, origin: Origin = Origin.TYPED
    ) -> Saved:
        """Several values as one step (one undo): each replaces what the grid shows."""
        before = {key: self._shown(key) for key in values}
        return self._store(SetCells(self.spec.key, before, dict(values), name), origin, count)

    def edit(self, row: int, col: int, text: str) -> Saved | None:
        """A typed value, read by its cell's kind; None when there is nothing to store.
        Raises ``UserError`` (the reason, in Chinese) when refused: nothing changes then."""
        cell = self.cell(row, col)
        if cell is None or not cell.editable or cell.key is None:
            return None
        value = cell.kind.parse(text)
        if value == cell.value:
            return None
        return self.set_values({cell.key: value}, names.edit_name(self.spec.label, cell, value))

    def apply_text(self, key: CellKey, text: str) -> Saved:
        """An audit's fix: ``text`` read by its cell's kind, one undo step named as a fix and its cell."""
        value = cell_kind(self.spec, key.row, key.field).parse(text)
        where = self.locate(key)
        cell = self.cell(*where) if where is not None else None
        return self.set_values({key: value}, names.fix_name(self.spec.label, cell), origin=Origin.FIX)

    def clear(self, cells: Iterable[Position]) -> Saved | None:
        """Delete: every editable, filled cell among ``cells``, as one step; None when none is."""
        values: dict[CellKey, vk.Stored] = {}
        for row, col in cells:
            cell = self.cell(row, col)
            if cell is not None and cell.editable and cell.key is not None and cell.value is not None:
                values[cell.key] = None
        if not values:
            return None
        return self.set_values(values, names.clear_name(self.spec.label, len(values)), len(values), Origin.CLEARED)

    def copy(self, cells: Iterable[Position]) -> str:
        """The cells as tab-separated rows, as Excel and WPS put them on the clipboard: the
        unchosen and the covered part of a merged cell are empty."""
        chosen = set(cells)
        if not chosen:
            return ""
        rows = sorted({r for r, _ in chosen})
        cols = sorted({c for _, c in chosen})
        lines = []
        for r in rows:
            texts = []
            for c in range(cols[0], cols[-1] + 1):
                cell = self.cell(r, c)
                shown = cell is not None and cell.col == c and (r, c) in chosen
                texts.append(cell.text if shown and cell is not None else "")
            lines.append("\t".join(texts))
        return "\n".join(lines)

    def paste(self, row: int, col: int, text: str) -> Saved | None:
        """A block copied from Excel/WPS with its top left at (row, col), all or nothing; past the
        last row of a list table it adds rows, in the same step. None when nothing changes."""
        plan = plan_paste(self.body, row, col, parse_block(text), self._parse, new_row=self.layout.new_row())
        values = {k: v for k, v in plan.values.items() if self._shown(k) != v}
        count = len(values) + sum(len(row_values) for row_values in plan.new_rows)
        if not values and not plan.new_rows:
            return None
        name = names.paste_name(count, len(plan.new_rows))
        if not plan.new_rows:
            return self.set_values(values, name, count, Origin.PASTED)
        parts: list[SetCells | InsertRow] = []
        first = int(self._new_row_key()[1:])  # rows r{first}, r{first + 1}, … are all unused
        for n, row_values in enumerate(plan.new_rows):
            key = f"r{first + n}"
            cells = {CellKey(key, f, p): v for (f, p), v in row_values.items()}
            parts.append(InsertRow(self.spec.key, key, len(self.body) + n, name, cells))
        if values:
            parts.append(SetCells(self.spec.key, {k: self._shown(k) for k in values}, values, name))
        return self._store(Batch(self.spec.key, tuple(parts), name), Origin.PASTED, count)

    def block_area(self, row: int, col: int, text: str) -> Position:
        """The bottom row and right column a block pasted at (row, col) covers on the grid as it is."""
        block = parse_block(text)
        right = col + max((len(line) for line in block), default=1)
        return min(row + len(block), len(self.body)) - 1, min(right, self.layout.column_count) - 1

    def _parse(self, cell: Cell, text: str) -> vk.Stored:
        return cell.kind.parse(text)

    def insert_row(self, position: int) -> Saved:
        """A blank row of a list table at ``position`` (kept inside the table)."""
        position = max(0, min(position, len(self.body)))
        change = InsertRow(self.spec.key, self._new_row_key(), position, names.insert_name(self.spec.label, position))
        return self._store(change, Origin.ROW_ADDED)

    def remove_row(self, position: int) -> Saved:
        """The row the clerk chose, with the values it shows (undo brings them back)."""
        values = {c.key: c.value for c in self.body[position] if c.key is not None and c.value is not None}
        name = names.remove_name(self.spec.label, position)
        return self._store(RemoveRow(self.spec.key, self.rows[position], position, name, values), Origin.ROW_REMOVED)
