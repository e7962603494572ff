"""文件 → 各单位报送情况…: the city's board as a table (forms/board.py says what each cell reads,
storage/board.py gathers the rows), with the member list's 加入/移出 and 导出… to the small workbook
the city mails up. A thin shell: every rule is in storage/members.py and storage/board.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from forms.board import COLUMNS, COUNT_COLUMNS, MemberRow, summary, title
from forms.errors import UserError
from forms.years import YEAR_MAX, YEAR_MIN
from storage import board, members
from storage.store import Store
from ui import file_dialogs
from ui.app_title import APP_TITLE
from ui.settings import remember_folder

WARN = QColor("#b00020")  # 未报送 and a 错误 count: what the city must chase
EMPTY = "还没有成员单位：在下方输入单位名称后点“加入”，或用 文件 → 导入/汇总… 生成汇总"


class BoardDialog(QDialog):
    def __init__(self, store: Store, city: str, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.rows: list[MemberRow] = []
        self.setWindowTitle("各单位报送情况")
        self.resize(1100, 520)

        self.city = QComboBox()
        self.city.setEditable(True)
        self.city.setMinimumWidth(260)
        self.city.addItems(list(dict.fromkeys([c for c in [city, *members.cities(store)] if c])))
        self.city.setCurrentText(city)
        self.city.currentTextChanged.connect(self.refresh)
        self.year = QSpinBox()
        self.year.setRange(YEAR_MIN, YEAR_MAX)
        self.year.setValue(year)
        self.year.setSuffix(" 年")
        self.year.valueChanged.connect(self.refresh)
        top = QHBoxLayout()
        for label, widget in (("汇总单位：", self.city), ("年度：", self.year)):
            top.addWidget(QLabel(label))
            top.addWidget(widget)
        top.addStretch(1)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for col in range(len(COLUMNS)):
            mode = QHeaderView.ResizeMode.Stretch if col in (6, 7) else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(col, mode)
        # Rows fit their wrapped texts at the widths shown, not at those before the dialog was laid out:
        # once the layout has settled (a child timer, gone with the dialog).
        self.fit_rows = QTimer(self)
        self.fit_rows.setSingleShot(True)
        self.fit_rows.setInterval(0)
        self.fit_rows.timeout.connect(self.table.resizeRowsToContents)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)

        self.unit = QLineEdit()
        self.unit.setPlaceholderText("成员单位名称，如：某某县应急管理局")
        self.unit.returnPressed.connect(self.add_member)
        self.add_button = QPushButton("加入")
        self.add_button.clicked.connect(self.add_member)
        self.remove_button = QPushButton("移出所选单位")
        self.remove_button.clicked.connect(self.remove_member)
        self.export_button = QPushButton("导出…")
        self.export_button.clicked.connect(self.export)
        close = QPushButton("关闭")
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        for button in (self.add_button, self.remove_button, self.export_button):
            button.setAutoDefault(False)  # Enter in the name box adds; it never closes or exports
        buttons = QHBoxLayout()
        buttons.addWidget(self.unit, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._enable)
        self.refresh()

    def showEvent(self, event) -> None:  # Qt override
        super().showEvent(event)
        self.fit_rows.start()

    def resizeEvent(self, event) -> None:  # Qt override
        super().resizeEvent(event)
        self.fit_rows.start()

    def current_city(self) -> str:
        return self.city.currentText().strip()

    def refresh(self) -> None:
        """The board of the city and year shown, afresh from the file."""
        try:
            self.rows = board.board(self.store, self.current_city(), self.year.value())
        except UserError as exc:
            self.rows = []
            self.summary.setText(exc.message)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for col, text in enumerate(row.cells()):
                self.table.setItem(r, col, self._item(row, col, text))
        self.table.clearSelection()  # after a removal the next row must not stand selected for the next click
        self.table.resizeRowsToContents()
        self.summary.setText(summary(self.rows) if self.rows else EMPTY)
        self._enable()

    def _item(self, row: MemberRow, col: int, text: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        if col in COUNT_COLUMNS:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if col == 7 and row.moves:  # the cell names a few moves; the tooltip all of them
            item.setToolTip("\n".join(row.moves))
        elif col == 6 and row.reasons:
            item.setToolTip("\n".join(row.reasons))
        if (col == 1 and not row.reported) or (col == 4 and row.reported and row.errors):
            item.setForeground(QBrush(WARN))
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)
        return item

    def _enable(self) -> None:
        self.remove_button.setEnabled(bool(self.table.selectedItems()))
        self.export_button.setEnabled(bool(self.rows))

    def _guarded(self, action) -> bool:
        try:
            action()
        except UserError as exc:
            QMessageBox.warning(self, APP_TITLE, exc.message)
            return False
        return True

    def add_member(self) -> None:
        def add() -> None:
            added = members.add(self.store, self.current_city(), self.unit.text())
            self.unit.clear()
            if self.city.findText(self.current_city()) < 0:
                self.city.addItem(self.current_city())
            self.refresh()
            self.summary.setText(f"已加入：{added}。{self.summary.text()}")

        self._guarded(add)

    def remove_member(self) -> None:
        selected = self.table.selectedItems()
        if not selected:
            return
        unit = self.rows[selected[0].row()].unit

        def remove() -> None:
            members.remove(self.store, self.current_city(), unit)
            self.refresh()
            self.summary.setText(f"已移出：{unit}（其报表仍在，可再加入）。{self.summary.text()}")

        self._guarded(remove)

    def export(self) -> None:
        city, year = self.current_city(), self.year.value()
        default = file_dialogs.export_folder() / f"{title(city, year)}.xlsx"
        path = file_dialogs.save_file_name(self, "导出报送情况", default, "Excel 文件 (*.xlsx)")
        if not path:
            return
        from exporters.board_xlsx import write_board_xlsx  # loaded when first used

        if self._guarded(lambda: write_board_xlsx(Path(path), city, year, self.rows)):
            remember_folder(file_dialogs.EXPORT, Path(path).parent)
            self.summary.setText(f"已导出：{path}。{summary(self.rows)}")


def open_board(window) -> None:
    """From the main window: the board of the open report's unit when it has members (a city), else of
    the first city with a member list, for the open report's year."""
    store: Store = window.store
    report = window.report
    cities = members.cities(store)
    city = report.unit if report is not None and report.unit in cities else (cities[0] if cities else "")
    if not city and report is not None:
        city = report.unit
    year = report.year if report is not None else date.today().year - 1  # reports are of the year before
    year = max(YEAR_MIN, min(YEAR_MAX, year))
    BoardDialog(store, city, year, window).exec()
