"""Every figure's history: each change a cell went through, when, from what to what, and from where.

Storage keeps one entry per cell a change moved (storage/value_log.py, in the database file, so a
restore brings the backup's log); this module says what an entry is, which entries a change makes,
and how an entry reads in the window and on the command line (the value kinds format the values).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from forms.changes import Batch, Change, InsertRow, RemoveRow, SetCells
from forms.kinds import Stored
from forms.report import REASON_ROW, CellKey
from forms.spec import FormSpec, RowStyle


class Origin(Enum):
    """Where a value came from, as the clerk names it."""

    TYPED = "输入"
    PASTED = "粘贴"
    CLEARED = "清空"
    ROW_ADDED = "插入行"
    ROW_REMOVED = "删除行"
    FIX = "审核建议"
    UNDO = "撤销"
    REDO = "重做"
    IMPORT = "导入"
    AGGREGATE = "汇总"
    CARRIED = "上年数结转"
    FILLER = "填报单位"
    WRITTEN = "程序写入"  # the sample, the command line's blind writes


def cell_moves(change: Change) -> Iterator[tuple[CellKey, Stored, Stored]]:
    """(cell, before, after) for each cell ``change`` gives another value, in the change's order."""
    if isinstance(change, Batch):
        for part in change.parts:
            yield from cell_moves(part)
    elif isinstance(change, SetCells):
        for key, after in change.after.items():
            before = change.before.get(key)
            if before != after:
                yield key, before, after
    elif isinstance(change, InsertRow):
        yield from ((key, None, value) for key, value in change.values.items() if value is not None)
    elif isinstance(change, RemoveRow):
        yield from ((key, value, None) for key, value in change.values.items() if value is not None)


def replaced(before: dict[CellKey, Stored], after: dict[CellKey, Stored]) -> list[tuple[CellKey, Stored, Stored]]:
    """(cell, before, after) for each cell a whole-table replacement (an import) gives another value."""
    keys = list(after) + [key for key in before if key not in after]
    return [(key, before.get(key), after.get(key)) for key in keys if before.get(key) != after.get(key)]


@dataclass(frozen=True)
class Entry:
    """One change of one cell, as kept: ``before``/``after`` are values (None: blank)."""

    at: str  # local time, ISO (storage.connection.now)
    form: str
    key: CellKey
    before: Stored
    after: Stored
    origin: Origin
    source: str = ""  # the file an import or 汇总 read, else ""

    def where(self, spec: FormSpec | None) -> str:
        return place(spec, self.form, self.key)

    def line(self, spec: FormSpec | None) -> str:
        """One line of the history: 2026-12-02 08:10:00  附件2 行政处罚(件)（2024）  78 → 80  输入."""
        when, before, after, how = history_rows([self], spec)[0]
        return f"{when}  {self.where(spec)}  {before} → {after}  {how}"


def place(spec: FormSpec | None, form: str, key: CellKey) -> str:
    """附件2 行政处罚(件)（2024）, a 原因简析 or a row of a list table; the keys when the template lacks it."""
    if spec is None:
        return f"{form} {key.field}"
    try:
        name = spec.field(key.field).label
    except KeyError:
        name = key.field  # a field a later template dropped
    if key.row == REASON_ROW:
        name += " 原因简析"
    elif key.period:
        name += f"（{key.period}）"
    if spec.rows is RowStyle.LIST:
        name = f"第 {key.row.removeprefix('r')} 号行 {name}"
    return f"{spec.label} {name}"


def shown(spec: FormSpec | None, key: CellKey, value: Stored) -> str:
    """A value as the grid shows it (its kind formats it); a blank reads （空）."""
    if value is None:
        return "（空）"
    if spec is None or key.row == REASON_ROW:
        return str(value)
    try:
        return spec.field(key.field).kind.text(value)
    except KeyError:
        return str(value)


HISTORY_COLUMNS = ("时间", "改前", "改后", "来源")
NO_HISTORY = "这一格自动计算或不可填写，没有修改记录"


def history_rows(entries: list[Entry], spec: FormSpec | None) -> list[tuple[str, str, str, str]]:
    """One cell's history as the window's table shows it, newest first (``HISTORY_COLUMNS``)."""
    return [
        (
            e.at.replace("T", " "),
            shown(spec, e.key, e.before),
            shown(spec, e.key, e.after),
            e.origin.value + (f" {e.source}" if e.source else ""),
        )
        for e in reversed(entries)
    ]
