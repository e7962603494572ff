"""序号 and the unit/row-label column stay in view while the grid scrolls right.

Qt's frozen-column pattern: a second QTableView over the left edge of the grid, on the same
model and selection, showing only those columns. It appears only while the grid is scrolled
right (unscrolled, the grid shows the same cells itself), takes no keyboard focus, and a click
on it selects the cell in the grid, which scrolls back so that the cell can be edited there.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QTableView

from forms.spec import FormSpec
from ui.header_view import MergedHeaderView

# ``grid`` is a FormTableView (ui/form_view.py, which imports this module): a QTableView with ``form_model()``.


def frozen_count(spec: FormSpec) -> int:
    """序号, and the row-label column the spec names (附件2, 3, 5: 行政执法单位名称)."""
    return spec.label_columns()


class FrozenColumns(QTableView):
    def __init__(self, grid: QTableView) -> None:
        super().__init__(grid)
        self.grid = grid
        model = grid.form_model()
        self.count = frozen_count(model.spec)
        header = MergedHeaderView(model.layout, self)
        grid_header = grid.horizontalHeader()
        assert isinstance(grid_header, MergedHeaderView)
        header.heights_from = grid_header  # its own hidden columns would make every label wrap
        self.setHorizontalHeader(header)
        self.setModel(model)
        self.setSelectionModel(grid.selectionModel())
        # Its own delegate of the grid's kind, painting as the grid's does: a view hears its delegate's
        # editor signals, and the grid's editors, heard here too, made Qt warn at every commit
        self.setItemDelegate(type(grid.itemDelegate())(grid))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(grid.verticalScrollMode())
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet("QTableView { border-right: 2px solid #9ca3af; }")
        grid.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(grid.verticalScrollBar().setValue)
        grid.horizontalScrollBar().valueChanged.connect(lambda _: self.place())
        grid.horizontalHeader().sectionResized.connect(lambda *_: self.place())
        self.hide()

    def match(self) -> None:
        """Copy the grid's spans, widths and heights (after a layout change)."""
        grid = self.grid
        model = grid.form_model()
        header = self.horizontalHeader()
        assert isinstance(header, MergedHeaderView)
        header.set_layout(model.layout)
        self.clearSpans()
        for row, col, span in model.spans():
            if col < self.count:
                self.setSpan(row, col, 1, min(span, self.count - col))
        for col in range(model.columnCount()):
            self.setColumnHidden(col, col >= self.count)
            if col < self.count:
                self.setColumnWidth(col, grid.columnWidth(col))
        for row in range(model.rowCount()):
            self.setRowHeight(row, grid.rowHeight(row))
        self.place()

    def width_needed(self) -> int:
        return sum(self.grid.columnWidth(c) for c in range(self.count))

    def place(self) -> None:
        grid = self.grid
        scrolled = grid.horizontalScrollBar().value() > 0
        self.setVisible(scrolled)
        if not scrolled:
            return
        frame = grid.frameWidth()
        header = grid.horizontalHeader().height()
        self.horizontalHeader().setFixedHeight(header)
        self.setGeometry(frame, frame, self.width_needed() + 2, grid.viewport().height() + header)
        self.verticalScrollBar().setValue(grid.verticalScrollBar().value())
        self.raise_()

    # --- Qt overrides -----------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index: QModelIndex = self.indexAt(event.position().toPoint())
        if index.isValid():
            self.grid.setFocus()
            self.grid.move_to(index.row(), index.column())  # scrolls back: the cell is edited in the grid
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.mousePressEvent(event)
