"""The reason a typed value or a paste was refused, in a bubble next to the cell.

The bubble never covers the rows it refers to (the refused cell's row, or every row of a refused block, and in
附件2/附件3 the 同比增减 row computed from them, just below):
it goes below them when the grid has room there, else above them, else over the header band, inside the
grid's frame, so inside the window. It is a child of the view, not of its viewport, so that it can use the
header band when the rows fill the viewport, and it follows the rows when the grid scrolls or is resized.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLabel, QTableView

from forms.grid import Cell, Role

GAP = 2  # pixels between the rows and the bubble
MIN_WIDTH, MAX_WIDTH = 260, 420


def refused_rows(body: Sequence[Sequence[Cell]], first: int, last: int) -> tuple[int, int]:
    """The rows a refusal of rows ``first``–``last`` refers to: those, and a 同比增减 row right below them (the
    change of the figures refused, which the clerk is looking at)."""
    while last + 1 < len(body) and any(cell.role is Role.YOY for cell in body[last + 1]):
        last += 1
    return first, last


def note_top(rows: tuple[int, int], height: int, band: tuple[int, int], frame: tuple[int, int]) -> int:
    """Where a bubble ``height`` tall starts, so that it does not cover ``rows`` (top and bottom, inclusive).

    ``band`` is the viewport's (top, bottom) and ``frame`` the view's, all in the view's coordinates: below the
    rows inside the viewport, else above them inside it, else above them in the frame (over the header), else
    below them in the frame; when there is no room anywhere (rows taller than the grid), at the frame's top.
    """
    top, bottom = rows
    below, above = bottom + 1 + GAP, top - GAP - height
    if below + height <= band[1] + 1:
        return below
    if above >= band[0]:
        return above
    if above >= frame[0]:
        return above
    if below + height <= frame[1] + 1:
        return below
    return frame[0]


class RefusalNote(QLabel):
    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self.rows: tuple[int, int] | None = None  # the refused rows, first and last
        self.column = 0
        self.covered = QRect()  # what else must stay visible (an editor taller than its row), viewport coordinates
        self.setWordWrap(True)
        self.setStyleSheet(
            "QLabel { background: #fee2e2; color: #991b1b; border: 1px solid #f87171; padding: 3px 6px; }"
        )
        self.hide()
        view.verticalScrollBar().valueChanged.connect(self.place)
        view.horizontalScrollBar().valueChanged.connect(self.place)

    def show_for(self, rows: tuple[int, int], column: int, message: str, covered: QRect | None = None) -> None:
        self.rows, self.column, self.covered = rows, column, covered or QRect()
        self.setText(message)
        self.place()
        self.show()
        self.raise_()

    def rows_rect(self) -> QRect:
        """The refused rows across the viewport (and what else must stay visible), in viewport coordinates."""
        if self.rows is None:
            return QRect()
        first, last = self.rows
        top = self.view.rowViewportPosition(first)
        bottom = self.view.rowViewportPosition(last) + self.view.rowHeight(last) - 1
        return QRect(0, top, self.view.viewport().width(), bottom - top + 1).united(self.covered)

    def place(self) -> None:
        if self.rows is None:
            return
        viewport = self.view.viewport().geometry()  # in the view's coordinates
        model = self.view.model()
        index = model.index(self.rows[0], self.column) if model is not None else None
        cell = self.view.visualRect(index) if index is not None and index.isValid() else QRect()
        width = min(max(cell.width(), MIN_WIDTH), MAX_WIDTH, self.view.width())
        self.setFixedWidth(width)
        self.adjustSize()
        rows = self.rows_rect().translated(viewport.topLeft())
        top = note_top(
            (rows.top(), rows.bottom()), self.height(), (viewport.top(), viewport.bottom()), (0, self.view.height() - 1)
        )
        left = min(max(cell.left() + viewport.left(), 0), max(self.view.width() - width, 0))
        self.move(left, top)

    def forget(self) -> None:
        self.rows = None
        self.hide()
