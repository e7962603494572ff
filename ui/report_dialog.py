"""新建报表: unit, year and the contact line printed above every table."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QSpinBox, QWidget


class NewReportDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建报表")
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("如：某某县应急管理局")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year - 1)  # reports are written early in the following year
        self.person = QLineEdit()
        self.phone = QLineEdit()
        form = QFormLayout(self)
        form.addRow("单位名称：", self.unit)
        form.addRow("报告年度：", self.year)
        form.addRow("联系人：", self.person)
        form.addRow("联系方式：", self.phone)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(420)
