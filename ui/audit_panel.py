"""审核 panel: findings in the clerk's words, grouped by table with counts, filtered by 错误/提示.

Walking the list with the arrow keys (or a click) shows each finding's cell without taking the
keyboard away from the list; Enter or a double click jumps there to type. A refresh keeps the
selection, the scroll position and the groups the clerk folded. Folded (``set_folded``), the panel
is its one summary line with the counts; a click on it opens the list again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from forms.finding_groups import FILTERS, FIX
from forms.rules import Severity

if TYPE_CHECKING:  # the audit's modules load with the first audit, after the first paint
    from forms.findings import Finding
    from forms.report import ReportData

ERROR_COLOUR = QColor("#fecaca")
HINT_COLOUR = QColor("#fef3c7")


def severity_colour(severity: Severity) -> QColor:
    return ERROR_COLOUR if severity is Severity.ERROR else HINT_COLOUR


def _identity(finding: Finding) -> tuple:
    """What names a finding across refreshes (its message changes with the figures)."""
    return (finding.where, finding.code)


class AuditPanel(QWidget):
    jump = Signal(object)  # Finding: go there to type (Enter, double click)
    show_place = Signal(object)  # Finding: show its cell, the keyboard stays in the list
    fix = Signal(object)  # Finding with a fix to put in place (a linked figure, a 校对 correction)
    fix_all = Signal(object)  # list[Finding]: one 校对 check's fixes in the text, put in place as one step
    fold_chosen = Signal(bool)  # the clerk folded (True) or opened the list

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.findings: list[Finding] = []
        self._shown: tuple | None = None  # what the list shows, to skip needless rebuilds
        self._folded: set[str] = set()  # groups the clerk collapsed
        self._data: ReportData | None = None
        self._untouched = False
        self.summary = QLabel()
        self.filter = QComboBox()
        self.filter.addItems(FILTERS)  # before the connection: the first item is no choice to rebuild for
        self.filter.setToolTip("只看错误、只看提示，或只看校对（正文、原因简析和联系人中的错字与标点）")
        self.filter.currentIndexChanged.connect(lambda _: self._rebuild())
        self.fix_button = QPushButton(FIX)
        self.fix_button.setEnabled(False)
        self.fix_button.clicked.connect(self._fix)
        self.fix_all_button = QPushButton("同类全部改正")
        self.fix_all_button.setEnabled(False)
        self.fix_all_button.clicked.connect(self._fix_all)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["类别", "位置", "说明"])
        self.tree.setColumnWidth(0, 170)
        self.tree.setColumnWidth(1, 250)
        self.tree.itemActivated.connect(self._activated)  # Enter, double click
        self.tree.itemClicked.connect(lambda item, _col: self._show(item))
        self.tree.currentItemChanged.connect(lambda item, _: self._selected(item))
        self.tree.itemCollapsed.connect(lambda item: self._folded.add(item.data(0, Qt.ItemDataRole.UserRole + 1)))
        self.tree.itemExpanded.connect(lambda item: self._folded.discard(item.data(0, Qt.ItemDataRole.UserRole + 1)))
        self.folded = False
        self.fold_button = QToolButton()
        self.fold_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.fold_button.clicked.connect(lambda: self.fold_chosen.emit(not self.folded))
        self.summary.installEventFilter(self)  # folded, a click on the counts opens the list
        self.filter_label = QLabel("显示：")
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.filter_label)
        top.addWidget(self.filter)
        top.addWidget(self.fix_button)
        top.addWidget(self.fix_all_button)
        top.addWidget(self.fold_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.tree)

    def set_folded(self, folded: bool) -> None:
        """One line (the counts) or the whole list."""
        self.folded = folded
        for widget in (self.tree, self.filter_label, self.filter, self.fix_button, self.fix_all_button):
            widget.setVisible(not folded)
        self.fold_button.setText("展开审核 ▲" if folded else "收起 ▼")
        self.fold_button.setToolTip("列出每一条错误和提示" if folded else "只显示一行条数，把地方留给表格或正文")
        self.summary.setCursor(Qt.CursorShape.PointingHandCursor if folded else Qt.CursorShape.ArrowCursor)
        self.setMaximumHeight(
            self.layout().contentsMargins().top() * 2 + self.fold_button.sizeHint().height() if folded else 16777215
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.summary and self.folded and event.type() == QEvent.Type.MouseButtonRelease:
            self.fold_chosen.emit(False)
            return True
        return super().eventFilter(watched, event)

    def show_findings(self, findings: list[Finding], data: ReportData, *, untouched: bool = False) -> None:
        """``untouched``: nobody has typed into this report yet; its many blank-cell hints are
        one folded line instead of a list that hides what matters."""
        from forms.finding_groups import UNTOUCHED, place, summary_line

        shown = (tuple((f, place(f, data)) for f in findings), untouched)
        if shown == self._shown:  # most edits change no finding: leave the list as it is
            return
        if untouched and not self._untouched:
            self._folded.add(UNTOUCHED)  # summarised: folded until the clerk opens it
        self._shown = shown
        self.findings = findings
        self._data = data
        self._untouched = untouched
        self.summary.setText(summary_line(findings))
        self._rebuild()

    def _rebuild(self) -> None:
        if self._data is None:
            return
        from forms.finding_groups import group_findings, group_heading, place, shown_by

        findings = shown_by(self.findings, FILTERS[self.filter.currentIndex()])
        selected = self.finding(self.tree.currentItem())
        keep = _identity(selected) if selected is not None else None
        scroll = self.tree.verticalScrollBar().value()
        self.tree.setUpdatesEnabled(False)
        self.tree.blockSignals(True)
        self.tree.clear()
        current = None
        specs = [form.spec for form in self._data.forms]
        for group in group_findings(findings, specs, untouched=self._untouched):
            heading = QTreeWidgetItem([group_heading(group)])
            heading.setData(0, Qt.ItemDataRole.UserRole + 1, group.key)
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            self.tree.addTopLevelItem(heading)
            heading.setFirstColumnSpanned(True)
            for finding in group.findings:
                item = QTreeWidgetItem(heading, [str(finding.severity), place(finding, self._data), finding.message])
                item.setData(0, Qt.ItemDataRole.UserRole, finding)
                item.setBackground(0, QBrush(severity_colour(finding.severity)))
                item.setToolTip(2, finding.message)
                if keep is not None and _identity(finding) == keep:
                    current = item
            heading.setExpanded(group.key not in self._folded)
        if current is not None:
            self.tree.setCurrentItem(current)
        self.tree.blockSignals(False)
        self.tree.setUpdatesEnabled(True)
        self.tree.verticalScrollBar().setValue(scroll)
        self._update_buttons(self.finding(self.tree.currentItem()))  # kept, not chosen: the window stays where it is

    def finding(self, item: QTreeWidgetItem | None) -> Finding | None:
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _selected(self, item: QTreeWidgetItem | None) -> None:
        finding = self.finding(item)
        self._update_buttons(finding)
        if finding is not None and self.tree.hasFocus():
            self.show_place.emit(finding)

    def _update_buttons(self, finding: Finding | None) -> None:
        from forms.finding_groups import check_name, fix_all_label, fix_label, same_fixes

        self.fix_button.setEnabled(bool(finding and finding.fix))
        self.fix_button.setText(fix_label(finding))
        same = same_fixes(self.findings, finding)
        self.fix_all_button.setEnabled(len(same) > 1)
        self.fix_all_button.setText(fix_all_label(self.findings, finding))
        tip = f"把报告正文中 {len(same)} 处“{check_name(same[0].code)}”都按建议改正（一步，可撤销）" if same else ""
        self.fix_all_button.setToolTip(tip or "选中一条校对提示：同类的都按建议改正")

    def _show(self, item: QTreeWidgetItem) -> None:
        finding = self.finding(item)
        if finding is not None:
            self.show_place.emit(finding)

    def _activated(self, item: QTreeWidgetItem) -> None:
        finding = self.finding(item)
        if finding is not None:
            self.jump.emit(finding)

    def _fix_all(self) -> None:
        from forms.finding_groups import same_fixes

        same = same_fixes(self.findings, self.finding(self.tree.currentItem()))
        if len(same) > 1:
            self.fix_all.emit(same)

    def _fix(self) -> None:
        finding = self.finding(self.tree.currentItem())
        if finding is not None and finding.fix:
            self.fix.emit(finding)
