"""The grid widget, with the keys of Excel/WPS (what each key does: ``forms.editing_keys``).

A value the cell refuses stays in the open editor with the reason shown next to it until it is
corrected or Esc restores the stored value.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPen,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from forms.editing_keys import Act, Editor, Move, editor_key, grid_key
from forms.grid import Role
from forms.kinds import Kind
from ui.form_model import FormTableModel
from ui.frozen_columns import FrozenColumns
from ui.header_view import MergedHeaderView
from ui.refusal_note import RefusalNote, refused_rows

EDIT_ROW_LINES = 1
REASON_ROW_LINES = 5
FRAME_COLOUR = QColor("#1d6f42")  # Excel's green current-cell frame
NAMED = ("Up", "Down", "Left", "Right", "Tab", "Backtab", "F2", "Escape", "Delete", "Backspace")
KEYS = {getattr(Qt.Key, f"Key_{name}"): name.lower() for name in NAMED} | {
    Qt.Key.Key_Return: "enter",
    Qt.Key.Key_Enter: "enter",
}
MODIFIERS = {
    Qt.KeyboardModifier.ShiftModifier: "shift",
    Qt.KeyboardModifier.AltModifier: "alt",
    Qt.KeyboardModifier.ControlModifier: "ctrl",
    Qt.KeyboardModifier.MetaModifier: "meta",
}
EDITORS = ((QComboBox, Editor.CHOICE), (QPlainTextEdit, Editor.TEXT))  # else a line edit


def key_of(event: QKeyEvent) -> tuple[str, frozenset[str]]:
    """The key and its modifiers by name (the keypad's flag aside), for ``forms.editing_keys``."""
    mods = event.modifiers()
    return KEYS.get(event.key(), ""), frozenset(name for flag, name in MODIFIERS.items() if mods & flag)


class CellDelegate(QStyledItemDelegate):
    """是/否 fields get a choice list, 原因简析 a multi-line editor, the rest a line edit.
    The model validates; the view decides what the keys do (see ``editor_key``)."""

    def __init__(self, view: FormTableView) -> None:
        super().__init__(view)
        self.view = view

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        self.view.editing_started(index)
        cell = self.view.form_model().session.cell(index.row(), index.column())
        if cell is not None and cell.kind is Kind.YESNO:
            combo = QComboBox(parent)
            combo.addItems(["", "是", "否"])
            return combo
        if cell is not None and cell.role is Role.REASON:
            editor = QPlainTextEdit(parent)
            editor.setTabChangesFocus(True)
            return editor
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        if self.view.keep_editor_text(editor):
            return  # a refused value stays as typed
        if isinstance(editor, QComboBox):
            editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole) or "")
            return
        super().setEditorData(editor, index)
        if isinstance(editor, QPlainTextEdit):
            # Typing replaces the text, as in a line edit; F2 / double click edit at its end.
            if self.view.typing:
                editor.selectAll()
            else:
                editor.moveCursor(QTextCursor.MoveOperation.End)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
            return
        if isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        if index == self.view.currentIndex() and self.view.state() != QAbstractItemView.State.EditingState:
            painter.save()
            painter.setPen(QPen(FRAME_COLOUR, 2))
            painter.drawRect(QRect(option.rect).adjusted(1, 1, -1, -1))
            painter.restore()

    # --- Qt overrides -----------------------------------------------------------

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, QWidget):
            assert isinstance(event, QKeyEvent)
            if self.view.editor_key(editor, event):
                return True
        return super().eventFilter(editor, event)


class FormTableView(QTableView):
    message = Signal(str)  # for the status bar

    def __init__(self, model: FormTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.last_rejection = ""
        self.typing = True  # 输入模式 (arrows leave the cell) vs 编辑模式 after F2 / double click
        self._held: QWidget | None = None  # the editor holding a refused value: it stays open, as typed
        self._committing: QWidget | None = None
        self._editing = QPersistentModelIndex()  # the cell the open editor belongs to
        self.note = RefusalNote(self)  # the reason a value was refused, next to its cell, never over its rows
        self._pasted_rows: tuple[int, int] | None = None  # the rows of the block being pasted
        self.menu_actions: dict[str, QAction] = {}  # filled by FormPage: the same actions as 编辑
        self.setHorizontalHeader(MergedHeaderView(model.layout, self))
        self.setModel(model)
        self.setItemDelegate(CellDelegate(self))
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAlternatingRowColors(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        model.rejected.connect(self._show_rejection)
        model.modelReset.connect(self.apply_layout)
        model.rowsInserted.connect(self.apply_layout)
        model.rowsRemoved.connect(self.apply_layout)
        self._reasons: dict[int, list[tuple[int, int]]] = {}  # set by apply_layout
        model.dataChanged.connect(self._data_changed)
        self.frozen = FrozenColumns(self)
        self.horizontalScrollBar().valueChanged.connect(self._scrolled)
        self.apply_layout()

    def form_model(self) -> FormTableModel:
        model = self.model()
        assert isinstance(model, FormTableModel)
        return model

    def apply_layout(self) -> None:
        """Spans, column widths and row heights from the spec (CJK characters are wide)."""
        model = self.form_model()
        header = self.horizontalHeader()
        assert isinstance(header, MergedHeaderView)
        header.set_layout(model.layout)
        self.clearSpans()
        for row, col, span in model.spans():
            self.setSpan(row, col, 1, span)
        em = QFontMetrics(self.font()).horizontalAdvance("中")
        for col, chars in enumerate(model.layout.column_chars()):
            self.setColumnWidth(col, int(chars * em) + 12)
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Every row's height (a new layout); the frozen columns copy it."""
        model = self.form_model()
        self._reasons = model.session.reason_rows()
        for row in range(model.rowCount()):
            self._fit_row(row)
        if hasattr(self, "frozen"):
            self.frozen.match()

    def _data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Sequence[int] = ()) -> None:
        """Only a changed 原因简析 text can change a row's height: those rows are measured again."""
        if roles and not {int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.EditRole)} & set(roles):
            return  # a colour or a tooltip
        left, right = top_left.column(), bottom_right.column()
        for row in range(top_left.row(), bottom_right.row() + 1):
            reasons = self._reasons.get(row, ())
            if any(col <= right and col + span > left for col, span in reasons) and self._fit_row(row):
                self.frozen.setRowHeight(row, self.rowHeight(row))

    def _fit_row(self, row: int) -> bool:
        """Rows are as tall as their longest 原因简析 (at least five lines), so no text is cut.
        True when the height changed."""
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        height = line * EDIT_ROW_LINES
        for cell in self.form_model().session.body[row]:
            if cell.role is Role.REASON:
                width = sum(self.columnWidth(c) for c in range(cell.col, cell.col + cell.span)) - 10
                flags = int(Qt.TextFlag.TextWordWrap)
                needed = metrics.boundingRect(QRect(0, 0, max(width, 20), 100_000), flags, cell.text).height()
                height = max(height, line * REASON_ROW_LINES, needed)
        if self.rowHeight(row) == height + 12:
            return False
        self.setRowHeight(row, height + 12)
        return True

    def _scrolled(self, value: int) -> None:
        # Spanning header labels stay readable right of the frozen columns (see MergedHeaderView).
        header = self.horizontalHeader()
        assert isinstance(header, MergedHeaderView)
        header.left_margin = self.frozen.width_needed() if value > 0 else 0
        header.viewport().update()

    # --- moving like Excel ---------------------------------------------------------

    def move_to(self, row: int, col: int) -> None:
        model = self.form_model()
        cell = model.session.cell(row, col)
        index = model.index(row, cell.col if cell is not None else col)
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def step(self, forward: bool, *, across: bool) -> None:
        """Enter (down) or Tab (right, ``across``) to the next cell that can be filled; Shift goes back."""
        current = self.currentIndex()
        session = self.form_model().session
        if current.isValid() and (
            target := session.walk(current.row(), current.column(), forward=forward, across=across)
        ):
            self.move_to(*target)

    def go(self, move: Move) -> None:
        """An arrow's step, or Enter's / Tab's walk."""
        if move.arrow is None:
            self.step(move.forward, across=move.across)
            return
        current = self.currentIndex()
        target = self.form_model().session.arrow(current.row(), current.column(), move.arrow)
        if target is not None:
            self.move_to(*target)

    # --- the editor's keys -----------------------------------------------------------

    def editor_key(self, editor: QWidget, event: QKeyEvent) -> bool:
        """Keys pressed in a cell editor that the view handles; True when handled."""
        key, mods = key_of(event)
        kind = next((kind for cls, kind in EDITORS if isinstance(editor, cls)), Editor.LINE)
        act = editor_key(key, mods, typing=self.typing, editor=kind)
        if act is Act.TOGGLE_MODE:
            self.typing = not self.typing
            self.message.emit("输入模式：方向键确认并移动" if self.typing else "编辑模式：方向键在单元格内移动光标")
        elif act is Act.REVERT:
            self._held = None
            self.note.forget()
            return False  # the delegate reverts and closes
        elif act is Act.LINE_BREAK and isinstance(editor, QPlainTextEdit):
            editor.insertPlainText("\n")
        elif isinstance(act, Move) and self.commit(editor):
            self.go(act)
        return act is not Act.PASS

    def commit(self, editor: QWidget) -> bool:
        """Store the editor's value and close it; a refused value leaves it open. True when closed."""
        self.commitData(editor)
        if self._held is editor:
            return False
        self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        return True

    def keep_editor_text(self, editor: QWidget) -> bool:
        return editor is self._held

    def editing_started(self, index: QModelIndex) -> None:
        self._editing = QPersistentModelIndex(index)

    def _show_rejection(self, row: int, col: int, message: str) -> None:
        self.last_rejection = message
        covered = None
        if self._committing is not None:  # refused while committing an editor: it stays open
            self._held = self._committing
            covered = self._committing.geometry()  # it may be taller than its row
        if row >= 0:
            rows = refused_rows(self.form_model().session.body, *(self._pasted_rows or (row, row)))
            self.note.show_for(rows, col, message, covered)
        self.message.emit(message)

    def hide_note(self) -> None:
        self.note.forget()

    # --- clipboard and commands (the 编辑 menu and the context menu call these) -----

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.form_model().copy_text(self.selected_or_current()))

    def cut(self) -> None:
        self.copy()
        self.clear()

    def clear(self) -> None:
        self.form_model().clear_cells(self.selected_or_current())

    def paste(self) -> None:
        """Paste at the current cell; the pasted block is selected afterwards, as in Excel."""
        current = self.currentIndex()
        if not current.isValid():
            return
        self.hide_note()
        text = QGuiApplication.clipboard().text()
        row, col = current.row(), current.column()
        model = self.form_model()
        self._pasted_rows = (row, max(model.session.block_area(row, col, text)[0], row))  # a refusal's rows
        try:
            if not model.paste_text(row, col, text):
                return
        finally:
            self._pasted_rows = None
        bottom, right = model.session.block_area(row, col, text)  # rows may have been added
        self.setCurrentIndex(model.index(row, col))
        selection = QItemSelection(model.index(row, col), model.index(bottom, right))
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def selected_or_current(self) -> list[QModelIndex]:
        return self.selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid() else [])

    def _context_menu(self, pos) -> None:
        index = self.indexAt(pos)
        if index.isValid() and index not in self.selectedIndexes():
            self.setCurrentIndex(index)
        menu = QMenu(self)
        for name in ("cut", "copy", "paste", "clear", None, "insert_row", "remove_row", None, "history"):
            if name is None:
                menu.addSeparator()
            elif name in self.menu_actions:
                menu.addAction(self.menu_actions[name])
        menu.popup(self.viewport().mapToGlobal(pos))
        self.context_menu = menu  # kept for tests and until it closes

    # --- Qt overrides -----------------------------------------------------------

    def commitData(self, editor: QWidget) -> None:
        self._held = None
        self._committing = editor
        try:
            super().commitData(editor)
        finally:
            self._committing = None
        if self._held is not editor:
            self.hide_note()

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        if self._held is editor and hint != QAbstractItemDelegate.EndEditHint.RevertModelCache:
            # Refused on focus loss or a click elsewhere: the editor stays, showing what was typed.
            index = QModelIndex(self._editing)
            if index.isValid() and self.currentIndex() != index:
                self.setCurrentIndex(index)
            focus = QApplication.focusWidget()
            if focus is None or focus is self or self.isAncestorOf(focus):
                editor.setFocus()  # a click on another cell: back to the value to correct
            return
        self._held = None
        if hint == QAbstractItemDelegate.EndEditHint.RevertModelCache:
            self.hide_note()
        # Enter/Tab are handled in editor_key; anything else just closes, never opening the next editor.
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        self.typing = True

    def scrollTo(self, index: QModelIndex, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        super().scrollTo(index, hint)
        if not index.isValid():
            return
        bar = self.horizontalScrollBar()
        if index.column() < self.frozen.count:
            bar.setValue(0)  # 序号 / the unit name: edited in the grid itself, unscrolled
            return
        hidden = self.frozen.width_needed() - self.visualRect(index).left()
        if bar.value() > 0 and hidden > 0:
            bar.setValue(bar.value() - hidden)  # not behind the frozen columns

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.frozen.place()
        self.note.place()

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:
        super().currentChanged(current, previous)
        if self.state() != QAbstractItemView.State.EditingState:
            self.hide_note()

    def mouseDoubleClickEvent(self, event) -> None:
        self.typing = False  # editing in the cell: arrows move the caret
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        act = grid_key(*key_of(event))
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
        elif event.matches(QKeySequence.StandardKey.Cut):
            self.cut()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif act == "clear":
            self.clear()
        elif act == "empty":
            self._edit_empty()
        elif act == "edit":
            self.typing = False
            if self.form_model().flags(self.currentIndex()) & Qt.ItemFlag.ItemIsEditable:  # else Qt warns
                self.edit(self.currentIndex())
        elif isinstance(act, Move):
            self.go(act)
        else:
            self.typing = True
            self.hide_note()
            super().keyPressEvent(event)

    def _edit_empty(self) -> None:
        index = self.currentIndex()
        if not index.isValid() or not self.form_model().flags(index) & Qt.ItemFlag.ItemIsEditable:
            return
        self.typing = True
        self.edit(index)
        editor = self.focusWidget()
        if isinstance(editor, (QLineEdit, QPlainTextEdit)):
            editor.clear()

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab inside the grid moves between cells (handled in keyPressEvent / editor_key).
        if self.state() == QAbstractItemView.State.EditingState:
            return False
        return super().focusNextPrevChild(next)
