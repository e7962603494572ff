"""One tab: an attachment's title, its grid, and row buttons for 附件4/附件5."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from forms.history import Histories
from forms.report import Report
from forms.spec import FormSpec
from storage.store import Store
from ui.form_model import FormTableModel
from ui.form_view import FormTableView


class FormPage(QWidget):
    message = Signal(str)  # something was saved
    notice = Signal(str)  # something was refused

    def __init__(
        self,
        store: Store,
        spec: FormSpec,
        report: Report,
        parent: QWidget | None = None,
        *,
        histories: Histories | None = None,
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.model = FormTableModel(store, spec, report, self, histories=histories)
        self.view = FormTableView(self.model, self)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        if self.model.is_list():
            self.add_button = QPushButton("插入行")
            self.add_button.setToolTip("在当前行下方插入一行")
            self.add_button.clicked.connect(self.add_row)
            self.remove_button = QPushButton("删除行")
            self.remove_button.clicked.connect(self.remove_row)
            top.addWidget(self.add_button)
            top.addWidget(self.remove_button)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #4b5563;")
        layout.addWidget(self.notes)
        self.model.saved.connect(self.message)
        self.view.message.connect(self.notice)  # a refusal: said, but nothing was saved
        self._show_title(report)

    def _show_title(self, report: Report) -> None:
        self.title.setText(f"{self.spec.label}　{self.spec.title_for(report.year)}")
        notes = self.spec.notes_for(report.year)
        self.notes.setText(self.spec.notes_heading + "\n".join(f"{i + 1}. {n}" for i, n in enumerate(notes)))

    def set_report(self, report: Report) -> None:
        self.model.set_report(report)
        self._show_title(report)

    def add_row(self) -> None:
        current = self.view.currentIndex()
        position = current.row() + 1 if current.isValid() else self.model.rowCount()
        self.model.insert_list_row(position)
        self.view.setCurrentIndex(self.model.index(position, 1))

    def remove_row(self) -> None:
        current = self.view.currentIndex()
        if not current.isValid():
            self.message.emit("请先选中要删除的行")
            return
        row = current.row()
        if self.model.row_has_values(row):
            answer = QMessageBox.question(self, "删除行", f"第 {row + 1} 行已填写数据，删除后不能恢复。确定删除吗？")
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.model.remove_list_row(row)
