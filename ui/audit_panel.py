"""审核 panel: findings in the clerk's words; activating one jumps to its cell or sentence."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from forms.audit import Finding, errors, place
from forms.report import ReportData
from forms.rules import Severity

ERROR_COLOUR = QColor("#fecaca")
HINT_COLOUR = QColor("#fef3c7")


def severity_colour(severity: Severity) -> QColor:
    return ERROR_COLOUR if severity is Severity.ERROR else HINT_COLOUR


class AuditPanel(QWidget):
    jump = Signal(object)  # Finding
    fix = Signal(object)  # Finding with a linked-figure token to put in place

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.findings: list[Finding] = []
        self._rows: list[tuple[Finding, str]] | None = None  # what the list shows
        self.summary = QLabel()
        self.fix_button = QPushButton("改为链接的表格数据")
        self.fix_button.setEnabled(False)
        self.fix_button.clicked.connect(self._fix)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["类别", "位置", "说明"])
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnWidth(0, 60)
        self.tree.setColumnWidth(1, 260)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        self.tree.currentItemChanged.connect(lambda item, _: self._selected(item))
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.fix_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.tree)

    def show_findings(self, findings: list[Finding], data: ReportData) -> None:
        rows = [(finding, place(finding, data)) for finding in findings]
        if rows == self._rows:  # most edits change no finding: keep the list (and the clerk's selection)
            return
        self._rows = rows
        self.findings = findings
        self.tree.clear()
        for finding, where in rows:
            item = QTreeWidgetItem([str(finding.severity), where, finding.message])
            item.setData(0, Qt.ItemDataRole.UserRole, finding)
            item.setBackground(0, QBrush(severity_colour(finding.severity)))
            item.setToolTip(2, finding.message)
            self.tree.addTopLevelItem(item)
        wrong = len(errors(findings))
        if findings:
            self.summary.setText(f"审核：错误 {wrong} 条（必须改正），提示 {len(findings) - wrong} 条（请核对或说明）")
        else:
            self.summary.setText("审核：未发现问题")
        self.fix_button.setEnabled(False)

    def finding(self, item: QTreeWidgetItem | None) -> Finding | None:
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _selected(self, item: QTreeWidgetItem | None) -> None:
        finding = self.finding(item)
        self.fix_button.setEnabled(bool(finding and finding.fix))

    def _activated(self, item: QTreeWidgetItem) -> None:
        finding = self.finding(item)
        if finding is not None:
            self.jump.emit(finding)

    def _fix(self) -> None:
        finding = self.finding(self.tree.currentItem())
        if finding is not None and finding.fix:
            self.fix.emit(finding)
