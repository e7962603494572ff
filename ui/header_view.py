"""A horizontal header that draws the paper form's merged two- and three-level headers."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget

from forms.grid import HeaderCell, Layout

PADDING = 6


class MergedHeaderView(QHeaderView):
    def __init__(self, layout: Layout, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(False)
        self.setHighlightSections(False)
        self.left_margin = 0  # pixels hidden behind frozen columns: labels are drawn right of them
        self.heights_from: MergedHeaderView | None = None  # the frozen columns' header copies the grid's
        self.set_layout(layout)
        self.sectionResized.connect(lambda *_: self.updateGeometry())

    def set_layout(self, layout: Layout) -> None:
        self.grid = layout
        self._covering: dict[int, list[HeaderCell]] = {}
        for cell in layout.header:
            for col in range(cell.col, cell.col + cell.colspan):
                self._covering.setdefault(col, []).append(cell)
        self.updateGeometry()
        self.viewport().update()

    def _span_width(self, cell: HeaderCell) -> int:
        return sum(self.sectionSize(c) for c in range(cell.col, cell.col + cell.colspan))

    def level_heights(self) -> list[int]:
        """Each header level is as tall as its most wrapped single-level label."""
        if self.heights_from is not None:
            return self.heights_from.level_heights()
        metrics = self.fontMetrics()
        line = metrics.height() + PADDING
        heights = [line] * self.grid.depth
        for cell in self.grid.header:
            if cell.rowspan != 1:
                continue
            bound = metrics.boundingRect(
                QRect(0, 0, max(self._span_width(cell) - PADDING, 10), 1000), Qt.TextFlag.TextWordWrap, cell.text
            )
            heights[cell.row] = max(heights[cell.row], bound.height() + PADDING)
        return heights

    def cell_rect(self, cell: HeaderCell) -> QRect:
        heights = self.level_heights()
        top = sum(heights[: cell.row])
        height = sum(heights[cell.row : cell.row + cell.rowspan])
        return QRect(self.sectionViewportPosition(cell.col), top, self._span_width(cell), height)

    # --- Qt overrides -----------------------------------------------------------

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        hint.setHeight(sum(self.level_heights()))
        return hint

    def paintSection(self, painter: QPainter, rect: QRect, logical_index: int) -> None:
        # Every section repaints the whole of each merged cell above it; the pixels agree,
        # so partial repaints and horizontal scrolling stay correct.
        for cell in self._covering.get(logical_index, []):
            box = self.cell_rect(cell)
            option = QStyleOptionHeader()
            self.initStyleOption(option)
            option.rect = box
            option.section = logical_index
            option.position = QStyleOptionHeader.SectionPosition.Middle
            painter.save()
            self.style().drawControl(QStyle.ControlElement.CE_HeaderSection, option, painter, self)
            painter.setPen(self.palette().color(self.foregroundRole()))
            painter.drawRect(box.adjusted(0, 0, -1, -1))
            # A wide label is drawn in the part of its cell that is in view, so scrolling right
            # never hides what a column group is.
            shown = box.adjusted(PADDING // 2, 2, -PADDING // 2, -2)
            if cell.col > 0 or self.left_margin == 0:
                left = max(shown.left(), self.left_margin)
                right = min(shown.right(), self.viewport().width())
                if right - left > self.fontMetrics().horizontalAdvance("中") * 2:
                    shown.setLeft(left)
                    shown.setRight(right)
            painter.drawText(
                shown,
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                cell.text,
            )
            painter.restore()
