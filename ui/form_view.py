"""The grid widget: spreadsheet keys (type to edit, Enter down, Tab right, Delete clears)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFontMetrics, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from forms.kinds import Kind
from ui.form_model import FormTableModel
from ui.header_view import MergedHeaderView

EDIT_ROW_LINES = 1
REASON_ROW_LINES = 5


class CellDelegate(QStyledItemDelegate):
    """是/否 fields get a choice list; everything else a line edit. The model validates."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        model = index.model()
        cell = model.cell(index.row(), index.column()) if isinstance(model, FormTableModel) else None
        if cell is not None and cell.kind is Kind.YESNO:
            combo = QComboBox(parent)
            combo.addItems(["", "是", "否"])
            return combo
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole) or "")
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class FormTableView(QTableView):
    message = Signal(str)  # for the status bar

    def __init__(self, model: FormTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeader(MergedHeaderView(model.layout, self))
        self.setModel(model)
        self.setItemDelegate(CellDelegate(self))
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAlternatingRowColors(False)
        model.rejected.connect(self._show_rejection)
        model.modelReset.connect(self.apply_layout)
        model.rowsInserted.connect(self.apply_layout)
        model.rowsRemoved.connect(self.apply_layout)
        self.last_rejection = ""
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
        line = QFontMetrics(self.font()).height()
        for row in range(model.rowCount()):
            is_reason = any(c.editable and c.kind is Kind.TEXT and c.span > 1 for c in model.body[row])
            lines = REASON_ROW_LINES if is_reason else EDIT_ROW_LINES
            self.setRowHeight(row, line * lines + 12)

    def _show_rejection(self, row: int, col: int, message: str) -> None:
        self.last_rejection = message
        rect = self.visualRect(self.model().index(row, col))
        QToolTip.showText(self.viewport().mapToGlobal(rect.bottomLeft()), message, self.viewport(), rect, 6000)
        self.message.emit(message)

    def paste(self) -> None:
        current = self.currentIndex()
        if not current.isValid():
            return
        self.form_model().paste_text(current.row(), current.column(), QGuiApplication.clipboard().text())

    def _move_down(self) -> None:
        current = self.currentIndex()
        below = self.model().index(current.row() + 1, current.column())
        if below.isValid():
            self.setCurrentIndex(below)

    # --- Qt overrides -----------------------------------------------------------

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        # Enter commits with SubmitModelCache; like a spreadsheet, it then moves down.
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self._move_down()
            return
        super().closeEditor(editor, hint)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Copy):
                QGuiApplication.clipboard().setText(self.form_model().copy_text(self.selectedIndexes()))
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.form_model().clear_cells(self.selectedIndexes() or [self.currentIndex()])
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._move_down()
                return
        super().keyPressEvent(event)
