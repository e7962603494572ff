"""A cell's 修改记录: every value it held, when and from where (forms/value_log.py), in a small table."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from forms.spec import FormSpec
from forms.value_log import HISTORY_COLUMNS, Entry, history_rows


class ValueHistory(QDialog):
    def __init__(self, parent, where: str, entries: list[Entry], spec: FormSpec) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"修改记录 — {where}")
        self.resize(760, 360)
        rows = history_rows(entries, spec)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(f"{where}：共 {len(rows)} 次修改，最近的在最上面" if rows else f"{where}：还没有修改记录")
        )
        self.table = QTableWidget(len(rows), len(HISTORY_COLUMNS))
        self.table.setHorizontalHeaderLabels(HISTORY_COLUMNS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # a long 原因简析 reads whole under the pointer
                self.table.setItem(r, c, item)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
