"""One tab: an attachment's title, its grid, and row buttons for 附件4/附件5."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QToolButton, QVBoxLayout, QWidget

from forms.history import Histories
from forms.report import Report
from forms.spec import FormSpec
from storage.open_report import OpenReport
from storage.store import Store
from ui.form_model import FormTableModel
from ui.form_view import FormTableView
from ui.settings import app_settings


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
        source: OpenReport | None = None,
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.model = FormTableModel(store, spec, report, self, histories=histories, source=source)
        self.view = FormTableView(self.model, self)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        self.notes_button = QToolButton()
        self.notes_button.setCheckable(True)
        self.notes_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.notes_button.toggled.connect(self._show_notes)
        top.addWidget(self.notes_button)
        if self.model.session.is_list():
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
        # On a low screen (1024×700) the notes would leave the grid one row: folded by default
        # there, and the clerk's choice is remembered.
        screen = QGuiApplication.primaryScreen()
        tall = screen is None or screen.availableGeometry().height() >= 900
        shown = app_settings().value("grid/notes_shown", "true" if tall else "false") == "true"
        self.notes_button.setChecked(shown)
        self._show_notes(shown, remember=False)
        self.model.saved.connect(self.message)
        self.view.message.connect(self.notice)  # a refusal: said, but nothing was saved
        self.view.menu_actions = self._commands()
        # Where the clerk was in each report's grid (scroll, current cell), while the program runs:
        # a report opened for the first time shows its top left, not the last report's bottom rows.
        self._places: dict[int, tuple[int, int, int, int]] = {}
        self._report_id = report.id
        self._show_title(report)

    def _commands(self) -> dict[str, QAction]:
        """The grid's context menu; the window's 编辑 menu calls the same methods. The keys are
        handled by the grid itself (a window-wide Ctrl+C would take it from the text editors)."""
        commands = {
            "cut": ("剪切\tCtrl+X", self.view.cut),
            "copy": ("复制\tCtrl+C", self.view.copy),
            "paste": ("粘贴\tCtrl+V", self.view.paste),
            "clear": ("清除内容\tDelete", self.view.clear),
            "history": ("修改记录…", self.show_history),
        }
        if self.model.session.is_list():
            commands["insert_row"] = ("插入行（在下方）", self.add_row)
            commands["remove_row"] = ("删除行", self.remove_row)
        actions = {}
        for name, (text, slot) in commands.items():
            action = QAction(text, self)
            action.triggered.connect(slot)
            actions[name] = action
        return actions

    def show_history(self) -> None:
        """The current cell's 修改记录 (every value it held, when, from where)."""
        from forms.value_log import NO_HISTORY, place
        from ui.value_history import ValueHistory

        current = self.view.currentIndex()
        cell = self.model.cell(current.row(), current.column()) if current.isValid() else None
        if cell is None or cell.key is None or not cell.editable:
            self.notice.emit(NO_HISTORY)
            return
        entries = self.model.store.value_log(self.model.report, form=self.spec.key, key=cell.key)
        where = place(self.spec, self.spec.key, cell.key)
        self.history_dialog = ValueHistory(self, where, entries, self.spec)  # kept for tests
        self.history_dialog.open()

    def _show_notes(self, shown: bool, *, remember: bool = True) -> None:
        self.notes.setVisible(shown)
        self.notes_button.setText("隐藏填表说明" if shown else "显示填表说明")
        if remember:
            app_settings().setValue("grid/notes_shown", "true" if shown else "false")

    def _show_title(self, report: Report) -> None:
        self.title.setText(f"{self.spec.label}　{self.spec.title_for(report.year)}")
        notes = self.spec.notes_for(report.year)
        self.notes.setText(self.spec.notes_heading + "\n".join(f"{i + 1}. {n}" for i, n in enumerate(notes)))
        self.notes_button.setToolTip(self.notes.text())

    def set_report(self, report: Report) -> None:
        view, current = self.view, self.view.currentIndex()
        h, v = view.horizontalScrollBar(), view.verticalScrollBar()
        self._places[self._report_id] = (h.value(), v.value(), current.row(), current.column())
        self.model.set_report(report)
        self._report_id = report.id
        self._show_title(report)
        left, top, row, col = self._places.get(report.id, (0, 0, -1, -1))
        view.setCurrentIndex(self.model.index(row, col))  # (-1, -1): none
        h.setValue(left)
        v.setValue(top)

    def add_row(self) -> None:
        current = self.view.currentIndex()
        position = current.row() + 1 if current.isValid() else self.model.rowCount()
        self.model.insert_list_row(position)
        self.view.setCurrentIndex(self.model.index(position, 1))

    def remove_row(self) -> None:
        current = self.view.currentIndex()
        if not current.isValid():
            self.notice.emit("请先选中要删除的行")
            return
        row = current.row()
        if self.model.session.row_has_values(row):
            answer = QMessageBox.question(
                self, "删除行", f"第 {row + 1} 行已填写数据。确定删除吗？\n（删除后可用“编辑 → 撤销”恢复）"
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.model.remove_list_row(row)
