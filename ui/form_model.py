"""A table model over one attachment of one report. Cells come from ``forms.grid.Layout`` (the same cells the
exports print). An accepted edit is parsed by the spec's value kind, committed to SQLite, and only then shown;
a refused one leaves the stored value and says why through ``rejected``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from forms import kinds as vk
from forms.audit import Finding
from forms.changes import Batch, Change, InsertRow, RemoveRow, SetCells, Touched
from forms.errors import UserError
from forms.grid import Cell, Layout, Role
from forms.history import Histories
from forms.paste import parse_block, plan_paste
from forms.report import CellKey, FormData, Report, cell_kind
from forms.rules import Severity
from forms.spec import FormSpec, RowStyle
from storage.open_report import OpenReport, Reread
from storage.store import ChangeConflict, Store
from ui.audit_panel import severity_colour

Index = QModelIndex | QPersistentModelIndex
READ_ONLY_BACKGROUND = QColor("#f3f4f6")
LABEL_BACKGROUND = QColor("#eef2f7")
# What a change of findings repaints: the colour and the tooltip, never the text (rows keep their height).
FINDING_ROLES = [int(Qt.ItemDataRole.BackgroundRole), int(Qt.ItemDataRole.ToolTipRole)]


class FormTableModel(QAbstractTableModel):
    rejected = Signal(int, int, str)  # row, column, message for the clerk
    saved = Signal(str)  # what was saved, for the status bar
    reread = Signal()  # a conflict made the window's copy of the report be read from the file again

    def __init__(
        self,
        store: Store,
        spec: FormSpec,
        report: Report,
        parent: QObject | None = None,
        *,
        histories: Histories | None = None,
        source: OpenReport | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.spec = spec
        self.histories = histories  # passed in: the window's undo history, one per report
        # The report's values in memory, shared with the window (its audit, the other grids);
        # a grid on its own keeps its own. The window opens the shared one on each report switch.
        self._own_source = source is None
        self.source = source if source is not None else OpenReport(store, report)
        self.findings: dict[tuple[int, int], list[Finding]] = {}
        self._rebuilding = False
        self._load(report)
        self.source.listeners.append(self._copy_read)

    # --- domain side -----------------------------------------------------------

    @property
    def form(self) -> FormData:
        return self.source.form(self.spec.key)

    def _load(self, report: Report) -> None:
        self.report = report
        if self._own_source:
            self.source.open(report)
        self.layout = Layout(self.spec, report.year)
        self._rebuild()

    def _rebuild(self) -> None:
        self._rebuilding = True  # a read of the copy from here is what this rebuild shows
        try:
            data = self.source.data  # read first when stale, then everything from that read
            form = data.form(self.spec.key)
            self._seen = self.source.loads
            self._rows = list(form.rows)
            self.body = self.layout.body(form, data.places)
        finally:
            self._rebuilding = False
        findings = [f for found in self.findings.values() for f in found]
        self._cells: dict[tuple[int, int], Cell] = {}
        self._where: dict[CellKey, tuple[int, int]] = {}
        for r, row in enumerate(self.body):
            for cell in row:
                self._place(r, cell)
        # Findings are kept by key: after rows came or went their colours move with their cells.
        self.findings = {}
        for finding in findings:
            where = self.locate(finding.cell) if finding.cell is not None else None
            if where is not None:
                self.findings.setdefault(where, []).append(finding)

    def _copy_read(self, _what: Reread) -> None:
        """The window's copy was read again (another writer): show it now, before any edit."""
        if not self._rebuilding and self.source.report.id == self.report.id:
            self._try(self.follow)

    def _shown(self, key: CellKey) -> vk.Stored:
        """What the grid shows under ``key``: what a change made here replaces (compare-and-set
        against the file, so a value the clerk did not see is never overwritten)."""
        where = self._where.get(key)
        return self._cells[where].value if where is not None else self.form.get(key)

    def _place(self, r: int, cell: Cell) -> None:
        for c in range(cell.col, cell.col + cell.span):
            self._cells[(r, c)] = cell
        if cell.key is not None:
            self._where[cell.key] = (r, cell.col)

    def set_report(self, report: Report) -> None:
        self.beginResetModel()
        self._load(report)
        self.endResetModel()

    def refresh(self) -> None:
        """Recompute after a setting that changes every 同比 cell (decimal places)."""
        self.source.sync()
        self.follow(force=True)

    def follow(self, *, force: bool = False) -> None:
        """Show the window's copy of the report after it was read again (another window or
        program wrote the file): every cell, or a new grid when rows came or went."""
        if not force and self._seen == self.source.loads:
            return
        if self.form.rows != self._rows:
            self.reload()
            return
        self._rebuild()
        if self.body:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.body) - 1, self.layout.column_count - 1))

    def locate(self, key: CellKey) -> tuple[int, int] | None:
        """(row, column) of the cell stored under ``key``."""
        return self._where.get(key)

    def set_findings(self, findings: list[Finding]) -> None:
        """Colour the cells the audit names (this form's findings only); only the cells whose
        findings changed are repainted."""
        before = self.findings
        self.findings = {}
        for finding in findings:
            where = self.locate(finding.cell) if finding.cell is not None else None
            if where is not None:
                self.findings.setdefault(where, []).append(finding)
        for row, col in before.keys() | self.findings.keys():
            if before.get((row, col)) != self.findings.get((row, col)):
                self._emit_cell(row, col, FINDING_ROLES)

    def cell(self, row: int, col: int) -> Cell | None:
        return self._cells.get((row, col))

    def spans(self) -> list[tuple[int, int, int]]:
        """(row, column, column span) of every merged body cell."""
        return [(r, cell.col, cell.span) for r, row in enumerate(self.body) for cell in row if cell.span > 1]

    def is_list(self) -> bool:
        return self.spec.rows is RowStyle.LIST

    def edit_cell(self, row: int, col: int, text: str) -> bool:
        """Parse, store, show. Returns False (and emits ``rejected``) when refused."""
        cell = self.cell(row, col)
        if cell is None or not cell.editable or cell.key is None:
            return False
        try:
            value = self._parse(cell, text)
        except UserError as exc:
            self.rejected.emit(row, col, exc.message)
            return False
        if value == cell.value:
            return True
        return self.apply({cell.key: value}, self._describe(cell, value), at=(row, col))

    def _parse(self, cell: Cell, text: str) -> vk.Stored:
        return cell.kind.parse(text)

    def apply_text(self, key: CellKey, text: str) -> bool:
        """Store ``text`` read by its cell's kind (an audit's fix): one undo step, like typing it."""
        where = self.locate(key) or (-1, -1)
        value, cell = cell_kind(self.spec, key.row, key.field).parse(text), self.cell(*where)
        return self.apply({key: value}, self._describe(cell, value) if cell else "已保存 审核建议的修改", at=where)

    def apply(self, changes: dict[CellKey, vk.Stored], label: str, *, at: tuple[int, int] = (-1, -1)) -> bool:
        """Store several values as one change (one undo step). Nothing changes if refused."""
        before = {key: self._shown(key) for key in changes}
        return self.commit(SetCells(self.spec.key, before, dict(changes), label), at=at)

    def commit(self, change: Change, *, at: tuple[int, int] = (-1, -1), record: bool = True) -> bool:
        """Apply a change through storage, then show what it touched. ``record=False`` is for
        undo/redo, which the window records itself."""
        try:
            touched = self.source.apply(change)
        except ChangeConflict as exc:
            # Another window or program wrote first: show the file as it is now, and drop the
            # history of this report, whose steps no longer match the file.
            if self.histories is not None:
                self.histories.of(self.report.id).clear()
            self.rejected.emit(*at, exc.message)
            self._try(self._reread)
            return False
        except UserError as exc:  # StorageError: the file is locked, full, gone
            self.rejected.emit(*at, exc.message)
            return False
        if record and self.histories is not None:
            self.histories.of(self.report.id).record(change)
        self.saved.emit(change.label)
        self._try(lambda: self.show_touched(touched))
        return True

    def _try(self, refresh: Callable[[], None]) -> None:
        # Reading the file back can fail in the instant after a write (another program took it):
        # what was saved stays saved; the grid says so and shows the file's values on the next edit.
        try:
            refresh()
        except UserError as exc:
            self.rejected.emit(-1, -1, f"已保存，但表格暂时无法刷新：{exc.message}")

    def _reread(self) -> None:
        self.source.sync()
        self.reload()
        self.reread.emit()

    def reload(self) -> None:
        """Show this form again as the window's copy holds it (rows came or went, a conflict)."""
        self.beginResetModel()
        try:
            self._rebuild()
        finally:
            self.endResetModel()

    def show_touched(self, touched: Touched) -> None:
        if self._seen != self.source.loads:  # read again: someone else wrote the file too
            self.follow()
            return
        if touched.rows:
            self.reload()
            return
        # Only the cells the change wrote and the 同比增减 they feed are recomputed and repainted.
        for r, i in self.layout.update(self.body, self.form, self.source.data.places, touched.keys):
            cell = self.body[r][i]
            self._place(r, cell)
            self._emit_cell(r, cell.col)

    def _describe(self, cell: Cell, value: vk.Stored) -> str:
        name = cell.field.label if cell.field is not None else ""
        if cell.role is Role.REASON:
            name += " 原因简析"
        elif cell.key is not None and cell.key.period:
            name += f"（{cell.key.period}）"
        shown = cell.kind.text(value) if value is not None else "（清空）"
        return f"已保存 {self.spec.label} {name}：{shown}"

    def _emit_cell(self, row: int, col: int, roles: list[int] | None = None) -> None:
        cell = self.cell(row, col)
        span = cell.span if cell is not None else 1
        first = cell.col if cell is not None else col
        self.dataChanged.emit(self.index(row, first), self.index(row, first + span - 1), roles or [])

    def clear_cells(self, indexes: list[QModelIndex]) -> int:
        """Delete: every editable, filled cell of the selection, as one command."""
        changes = {}
        for index in indexes:
            cell = self.cell(index.row(), index.column())
            if cell is not None and cell.editable and cell.key is not None and cell.value is not None:
                changes[cell.key] = None
        if changes and self.apply(changes, f"已清空 {self.spec.label} {len(changes)} 个单元格"):
            return len(changes)
        return 0

    def copy_text(self, indexes: list[QModelIndex]) -> str:
        """The selection as tab-separated rows, as Excel and WPS put it on the clipboard."""
        if not indexes:
            return ""
        rows = sorted({i.row() for i in indexes})
        cols = sorted({i.column() for i in indexes})
        chosen = {(i.row(), i.column()) for i in indexes}
        lines = []
        for r in rows:
            texts = []
            for c in range(cols[0], cols[-1] + 1):
                cell = self.cell(r, c)
                covered = cell is not None and cell.col != c
                texts.append("" if covered or (r, c) not in chosen or cell is None else cell.text)
            lines.append("\t".join(texts))
        return "\n".join(lines)

    def paste_text(self, row: int, col: int, text: str) -> int:
        """Paste a block copied from Excel/WPS (tab-separated, quoted cells) with its top left at
        (row, col), all or nothing; past the last row of a list table it adds rows, in the same
        undo step. Returns how many cells changed."""
        try:
            plan = plan_paste(self.body, row, col, parse_block(text), self._parse, new_row=self.layout.new_row())
        except UserError as exc:
            self.rejected.emit(row, col, exc.message)
            return 0
        changes = {k: v for k, v in plan.values.items() if self._shown(k) != v}
        count = len(changes) + sum(len(values) for values in plan.new_rows)
        if not changes and not plan.new_rows:
            return 0
        label = f"已粘贴 {count} 个单元格" + (f"（新增 {len(plan.new_rows)} 行）" if plan.new_rows else "")
        if not plan.new_rows:
            return count if self.apply(changes, label, at=(row, col)) else 0
        parts: list[SetCells | InsertRow] = []
        first = int(self.store.new_row_key(self.report.id, self.spec)[1:])
        for n, values in enumerate(plan.new_rows):
            key = f"r{first + n}"
            cells = {CellKey(key, f, p): v for (f, p), v in values.items()}
            parts.append(InsertRow(self.spec.key, key, len(self.body) + n, label, cells))
        if changes:
            parts.append(SetCells(self.spec.key, {k: self._shown(k) for k in changes}, changes, label))
        return count if self.commit(Batch(self.spec.key, tuple(parts), label), at=(row, col)) else 0

    def insert_list_row(self, position: int) -> bool:
        position = max(0, min(position, len(self.body)))
        key = self.store.new_row_key(self.report.id, self.spec)
        return self.commit(InsertRow(self.spec.key, key, position, f"已在{self.spec.label}插入第 {position + 1} 行"))

    def remove_list_row(self, position: int) -> bool:
        row_key = self._rows[position]  # the row the clerk chose, with the values it shows
        values = {c.key: c.value for c in self.body[position] if c.key is not None and c.value is not None}
        label = f"已删除{self.spec.label}第 {position + 1} 行"
        return self.commit(RemoveRow(self.spec.key, row_key, position, label, values))

    def row_has_values(self, position: int) -> bool:
        return any(c.value is not None for c in self.body[position] if c.editable)

    # --- Qt overrides -----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.body)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.layout.column_count

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        cell = self.cell(index.row(), index.column())
        if cell is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return cell.text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if cell.role is Role.VALUE and cell.kind.align == "right":
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if cell.role is Role.REASON:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignCenter)
        flagged = self.findings.get((index.row(), cell.col))
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._tooltip(cell)
            if flagged:
                tip = "\n".join(f"【{f.severity}】{f.message}" for f in flagged) + (f"\n{tip}" if tip else "")
            return tip
        if role == Qt.ItemDataRole.BackgroundRole:
            if flagged:
                worst = Severity.ERROR if any(f.severity is Severity.ERROR for f in flagged) else Severity.HINT
                return QBrush(severity_colour(worst))
            if cell.role in (Role.YOY, Role.INDEX, Role.BLANK):
                return QBrush(READ_ONLY_BACKGROUND)
            if cell.role is Role.LABEL:
                return QBrush(LABEL_BACKGROUND)
        return None

    def _tooltip(self, cell: Cell) -> str | None:
        if cell.role is Role.YOY and cell.yoy is not None:
            if cell.yoy.percent is None:
                return f"{cell.field.label if cell.field else ''}：{cell.yoy.reason}"
            return f"同比增减 = (本年 − 上年) ÷ 上年，自动计算：{cell.yoy.text()}"
        if cell.role is Role.REASON:
            return cell.text or "请简要分析数据变化原因（数据为 0 或无变化的也要分析）"
        if cell.role is Role.VALUE and cell.field is not None:
            return f"{cell.field.label}：{cell.field.kind.hint}"
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        return self.edit_cell(index.row(), index.column(), "" if value is None else str(value))

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        cell = self.cell(index.row(), index.column())
        if cell is not None and cell.editable:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        column = self.layout.columns[section]
        if column.field is None:
            return "序号"
        return f"{column.field.label} {column.period}" if column.period else column.field.label
