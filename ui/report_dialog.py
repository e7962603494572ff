"""新建报表: unit, year and the contact line printed above every table.

The dialog checks as the clerk types: 创建 stays disabled until the unit is named and the
(unit, year) report does not exist yet, and the reason is shown inside the dialog, so nothing
typed is lost to an error afterwards. When the file holds the unit's report of the year
before, the dialog says that its figures and contact line will be carried over. The units the
file already holds are offered (↓, or as the clerk types), so a second year's report is not
retyped, where one character off would make a unit of its own.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from forms.errors import UserError
from forms.hygiene import UNIT_MAX, clean_limited
from forms.years import YEAR_MAX, YEAR_MIN
from storage.prefill import previous_report
from storage.store import Store


class NewReportDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("新建报表")
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("如：某某县应急管理局")
        self.units = sorted({report.unit for report in store.reports()})
        self.completer = QCompleter(self.units, self)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.unit.setCompleter(self.completer)
        self.unit.installEventFilter(self)
        if self.units:
            self.unit.setPlaceholderText("按 ↓ 选择本文件已有的单位，或输入新单位名称")
            self.unit.setToolTip("本文件已有：" + "、".join(self.units))
        self.year = QSpinBox()
        self.year.setRange(YEAR_MIN, YEAR_MAX)
        self.year.setValue(date.today().year - 1)  # reports are written early in the following year
        self.person = QLineEdit()
        self.phone = QLineEdit()
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b91c1c;")
        self.problem.setWordWrap(True)
        self.carried = QLabel()
        self.carried.setStyleSheet("color: #166534;")
        self.carried.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("单位名称：", self.unit)
        form.addRow("报告年度：", self.year)
        form.addRow("联系人：", self.person)
        form.addRow("联系方式：", self.phone)
        form.addRow(self.problem)
        form.addRow(self.carried)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("创建")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.setMinimumWidth(460)
        self.unit.textChanged.connect(self.check)
        self.year.valueChanged.connect(self.check)
        self.check()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # ↓ lists the units the file holds (those matching what is typed), as a combo box would.
        down = watched is self.unit and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down
        if down and self.units and not self.completer.popup().isVisible():
            self.completer.setCompletionPrefix(self.unit.text())
            self.completer.complete()
            return True
        return super().eventFilter(watched, event)

    def check(self) -> bool:
        """Enable 创建 only for a report that can be created; say why not, next to the fields."""
        problem = ""
        previous = None
        try:
            unit = clean_limited(self.unit.text(), "单位名称", UNIT_MAX)
        except UserError as exc:
            unit, problem = "", exc.message
        year = self.year.value()
        if not problem and unit:
            if self.store.find_report(unit, year) is not None:
                problem = f"{unit} {year}年的报表已存在，请在窗口上方的“报表”中选择它，或改一个年度"
            else:
                previous = previous_report(self.store, unit, year)
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        if previous is not None:
            self.carried.setText(f"将带入 {previous.name}报表的数字（作为 {year - 1} 年数）和联系人")
            self.person.setPlaceholderText(previous.contact_person)
            self.phone.setPlaceholderText(previous.contact_phone)
        else:
            self.carried.setText("")
            self.person.setPlaceholderText("")
            self.phone.setPlaceholderText("")
        self.carried.setVisible(previous is not None)
        valid = bool(unit) and not problem
        self.ok.setEnabled(valid)
        self.ok.setToolTip("" if valid else (problem or "请填写单位名称"))
        return valid

    def accept(self) -> None:
        if self.check():  # Enter in a field with 创建 disabled must not slip through
            super().accept()
