"""A table model over one attachment of one report: the Qt face of ``forms.editing.EditSession``
(what each cell shows, its colour and tooltip, and signals). An accepted edit is committed to
SQLite and only then shown; a refused one leaves the stored value and says why through ``rejected``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from forms.changes import Change, Touched
from forms.editing import Conflict, EditSession, Saved
from forms.editing_labels import alignment, column_title, saved_line
from forms.errors import UserError
from forms.findings import Finding
from forms.grid import Cell, Role
from forms.history import Histories
from forms.report import CellKey, FormData, Report, cell_kind
from forms.spec import FormSpec
from forms.value_log import Origin
from storage.open_report import OpenReport, Reread
from storage.store import ChangeConflict, Store
from ui.audit_panel import severity_colour

Index = QModelIndex | QPersistentModelIndex
READ_ONLY_BACKGROUND = QColor("#f3f4f6")
LABEL_BACKGROUND = QColor("#eef2f7")
SHADES = {role: READ_ONLY_BACKGROUND for role in (Role.YOY, Role.INDEX, Role.BLANK)} | {Role.LABEL: LABEL_BACKGROUND}
ALIGNMENTS = {
    "right": Qt.AlignmentFlag.AlignRight,
    "left": Qt.AlignmentFlag.AlignLeft,
    "center": Qt.AlignmentFlag.AlignHCenter,
}
# What a change of findings repaints: the colour and the tooltip, never the text (rows keep their height).
FINDING_ROLES = [int(Qt.ItemDataRole.BackgroundRole), int(Qt.ItemDataRole.ToolTipRole)]
NOWHERE = (-1, -1)  # a refusal not at a cell


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
        self.store, self.spec, self._histories = store, spec, histories  # the window's: one history per report
        # The report's values in memory, shared with the window (its audit, the other grids);
        # a grid on its own keeps its own. The window opens the shared one on each report switch.
        self._own_source = source is None
        self.source = source if source is not None else OpenReport(store, report)
        self._rebuilding = False
        self.session: EditSession | None = None
        self._load(report)
        self.source.listeners.append(self._copy_read)

    @property
    def histories(self) -> Histories | None:
        return self._histories

    @histories.setter
    def histories(self, histories: Histories | None) -> None:  # a restored file: new histories
        self._histories = histories
        self.session.history = histories.of(self.report.id) if histories is not None else None

    @property
    def form(self) -> FormData:
        return self.source.form(self.spec.key)

    def _load(self, report: Report) -> None:
        self.report = report
        if self._own_source:
            self.source.open(report)
        before = self.session.findings if self.session is not None else {}
        self.session = EditSession(
            self.spec,
            report.year,
            apply=self._write,
            held=lambda: self.form,
            new_row_key=lambda: self.store.new_row_key(report.id, self.spec),
            history=self._histories.of(report.id) if self._histories is not None else None,
        )
        self.session.findings = before
        self.layout = self.session.layout
        self._rebuild()

    def _write(self, change: Change, origin: Origin) -> Touched:
        try:
            return self.source.apply(change, origin)
        except ChangeConflict as exc:
            raise Conflict(exc.message) from exc

    def _rebuild(self) -> None:
        self._rebuilding = True  # a read of the copy from here is what this rebuild shows
        try:
            data = self.source.data  # read first when stale, then everything from that read
            self._seen = self.source.loads
            self.session.show(data.form(self.spec.key), data.places)
        finally:
            self._rebuilding = False

    def _copy_read(self, _what: Reread) -> None:
        """The window's copy was read again (another writer): show it now, before any edit."""
        if not self._rebuilding and self.source.report.id == self.report.id:
            self._try(self.follow)

    def detach(self) -> None:
        """The grid is dropped (a report of another template was opened): it follows the copy no more."""
        if self._copy_read in self.source.listeners:
            self.source.listeners.remove(self._copy_read)

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
        if self.form.rows != self.session.rows:
            self.reload()
            return
        self._rebuild()
        if self.session.body:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.session.body) - 1, self.layout.column_count - 1)
            )

    def reload(self) -> None:
        """Show this form again as the window's copy holds it (rows came or went, a conflict)."""
        self.beginResetModel()
        try:
            self._rebuild()
        finally:
            self.endResetModel()

    # --- the session's rules, with what the grid says --------------------------------

    @property
    def body(self) -> list[list[Cell]]:
        return self.session.body

    def cell(self, row: int, col: int) -> Cell | None:
        return self.session.cell(row, col)

    def locate(self, key: CellKey) -> tuple[int, int] | None:
        return self.session.locate(key)

    def spans(self) -> list[tuple[int, int, int]]:
        return self.session.spans()

    def set_findings(self, findings: list[Finding]) -> None:
        """Colour the cells the audit names; only those whose findings changed are repainted."""
        for row, col in self.session.set_findings(findings):
            self._emit_cell(row, col, FINDING_ROLES)

    def edit_cell(self, row: int, col: int, text: str) -> bool:
        """Parse, store, show. False (and ``rejected``) when refused."""
        cell = self.session.cell(row, col)
        if cell is None or not cell.editable:
            return False
        return self._do(lambda: self.session.edit(row, col, text), (row, col)) is not False

    def apply_text(self, key: CellKey, text: str) -> bool:
        """An audit's fix (one undo step, like typing it). A text its cell refuses raises, for the window."""
        cell_kind(self.spec, key.row, key.field).parse(text)
        return bool(self._do(lambda: self.session.apply_text(key, text), self.locate(key) or NOWHERE))

    def clear_cells(self, indexes: list[QModelIndex]) -> int:
        """Delete: every editable, filled cell of the selection, as one step; how many."""
        saved = self._do(lambda: self.session.clear([(i.row(), i.column()) for i in indexes]), NOWHERE)
        return saved.count if saved else 0

    def copy_text(self, indexes: list[QModelIndex]) -> str:
        return self.session.copy([(i.row(), i.column()) for i in indexes])

    def paste_text(self, row: int, col: int, text: str) -> int:
        """Paste a block copied from Excel/WPS at (row, col); how many cells changed."""
        saved = self._do(lambda: self.session.paste(row, col, text), (row, col))
        return saved.count if saved else 0

    def insert_list_row(self, position: int) -> bool:
        return bool(self._do(lambda: self.session.insert_row(position), NOWHERE))

    def remove_list_row(self, position: int) -> bool:
        return bool(self._do(lambda: self.session.remove_row(position), NOWHERE))

    def commit(self, change: Change, origin: Origin, *, record: bool = True) -> bool:
        """Apply a change as it is (undo/redo, ``record=False``: the history moves itself)."""
        return bool(self._do(lambda: Saved(change, self.session.commit(change, origin, record=record)), NOWHERE))

    def _do(self, step: Callable[[], Saved | None], at: tuple[int, int]) -> Saved | bool | None:
        """Run a session step: show what it saved; False, saying why, when it was refused."""
        try:
            saved = step()
        except Conflict as exc:  # another window or program wrote first: show the file as it is now
            self.rejected.emit(*at, exc.message)
            self._try(self._reread)
            return False
        except UserError as exc:  # a value the cell refuses; the file is locked, full, gone
            self.rejected.emit(*at, exc.message)
            return False
        if saved is not None:
            self.saved.emit(saved_line(saved.change.label))
            self._try(lambda: self.show_touched(saved.touched))
        return saved

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

    def show_touched(self, touched: Touched) -> None:
        if self._seen != self.source.loads:  # read again: someone else wrote the file too
            self.follow()
        elif touched.rows:
            self.reload()
        else:  # only the cells written and the 同比增减 they feed are recomputed and repainted
            for row, col in self.session.update(self.form, self.source.data.places, touched.keys):
                self._emit_cell(row, col)

    def _emit_cell(self, row: int, col: int, roles: list[int] | None = None) -> None:
        cell = self.session.cell(row, col)
        span = cell.span if cell is not None else 1
        first = cell.col if cell is not None else col
        self.dataChanged.emit(self.index(row, first), self.index(row, first + span - 1), roles or [])

    # --- Qt overrides -----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.session.body)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.layout.column_count

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        cell = self.session.cell(index.row(), index.column()) if index.isValid() else None
        if cell is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return cell.text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(ALIGNMENTS[alignment(cell)] | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.session.tooltip(index.row(), index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            worst = self.session.worst(index.row(), index.column())
            colour = severity_colour(worst) if worst is not None else SHADES.get(cell.role)
            return QBrush(colour) if colour is not None else None
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        return self.edit_cell(index.row(), index.column(), "" if value is None else str(value))

    def flags(self, index: Index) -> Qt.ItemFlag:
        cell = self.session.cell(index.row(), index.column())
        editable = cell is not None and cell.editable
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable if editable else super().flags(index)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return column_title(self.layout.columns[section])
