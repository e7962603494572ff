"""Edits as values: what a clerk did to a report, applied by storage in one transaction.

Every change names cells and rows by stable keys (form, row, field, period), never by grid
position, so it can be undone after rows were inserted or removed elsewhere. Each carries what
it replaced: storage refuses it when the file no longer holds that (another window or program
wrote in between), instead of silently overwriting a newer value. Its ``inverse()`` is undo.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from forms.report import CellKey
from forms.values import Value

Cells = Mapping[CellKey, Value]


@dataclass(frozen=True)
class Touched:
    """What a change moved, so that views refresh exactly that."""

    form: str
    keys: frozenset[CellKey] = frozenset()
    rows: bool = False  # rows were inserted or removed: the grid's shape changed


@dataclass(frozen=True)
class SetCells:
    """An edit, a paste or a clear: ``after`` replaces ``before`` (None = blank)."""

    form: str
    before: Cells
    after: Cells
    label: str

    def inverse(self) -> SetCells:
        return SetCells(self.form, self.after, self.before, self.label)

    def touched(self) -> Touched:
        return Touched(self.form, frozenset(self.after))


@dataclass(frozen=True)
class InsertRow:
    """A row of a list table (附件4/附件5) inserted at ``position``, holding ``values``."""

    form: str
    row: str
    position: int
    label: str
    values: Cells = field(default_factory=dict)

    def inverse(self) -> RemoveRow:
        return RemoveRow(self.form, self.row, self.position, self.label, self.values)

    def touched(self) -> Touched:
        return Touched(self.form, frozenset(self.values), rows=True)


@dataclass(frozen=True)
class RemoveRow:
    """A row removed with the values it held (kept, so undo brings them back)."""

    form: str
    row: str
    position: int
    label: str
    values: Cells = field(default_factory=dict)

    def inverse(self) -> InsertRow:
        return InsertRow(self.form, self.row, self.position, self.label, self.values)

    def touched(self) -> Touched:
        return Touched(self.form, frozenset(self.values), rows=True)


@dataclass(frozen=True)
class Batch:
    """Several changes to one form applied as one (a paste that also adds rows)."""

    form: str
    parts: tuple[SetCells | InsertRow | RemoveRow, ...]
    label: str

    def inverse(self) -> Batch:
        return Batch(self.form, tuple(p.inverse() for p in reversed(self.parts)), self.label)

    def touched(self) -> Touched:
        keys = frozenset().union(*(p.touched().keys for p in self.parts))
        return Touched(self.form, keys, rows=any(p.touched().rows for p in self.parts))


Change = SetCells | InsertRow | RemoveRow | Batch
