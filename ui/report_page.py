"""报告正文: title, sections with their text, linked figures, attachments, signature and date.

Every change is written to SQLite (text after a short pause in typing, everything else at
once) and only then reported as saved.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from forms.audit import Finding
from forms.draft import draft_basic_situation
from forms.errors import UserError
from forms.figures import TOKEN, describe, parse_token, render
from forms.numbering import NUMBERINGS
from forms.outline import REPORT_KINDS, heading_numbers
from forms.report import Report, ReportData, ReportText, Section
from storage.report_text import ReportTexts
from storage.store import Store
from ui.figure_picker import FigurePicker

SAVE_DELAY_MS = 600


class TokenHighlighter(QSyntaxHighlighter):
    """Linked figures stand out from the prose, so nobody retypes over them."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.fmt = QTextCharFormat()
        self.fmt.setBackground(QColor("#dbeafe"))
        self.fmt.setForeground(QColor("#1d4ed8"))

    def highlightBlock(self, text: str) -> None:
        for match in TOKEN.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), self.fmt)


class ReportPage(QWidget):
    message = Signal(str)

    def __init__(self, store: Store, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tables: ReportData | None = None  # the tables behind the preview's figures
        self.store = store
        self.texts = ReportTexts(store)
        self.report = report
        self.current_key: str | None = None
        self._loading = False
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self._autosave)

        self.title = QLineEdit()
        self.kind = QComboBox()
        for kind in REPORT_KINDS:
            self.kind.addItem(kind.name, kind.key)
        self.signer = QLineEdit()
        self.sign_date = QDateEdit(calendarPopup=True)
        self.sign_date.setDisplayFormat("yyyy年M月d日")
        self.attachments: dict[str, QCheckBox] = {}
        attachment_row = QHBoxLayout()
        for spec in store.forms:
            box = QCheckBox(spec.label)
            box.toggled.connect(self._save_attachments)
            self.attachments[spec.key] = box
            attachment_row.addWidget(box)
        attachment_row.addWidget(QLabel("编号："))
        self.numbering = QComboBox()
        self.numbering.setToolTip("附件说明中的序号与附件页、Excel 工作表名称一致")
        for key, name in NUMBERINGS.items():
            self.numbering.addItem(name, key)
        self.numbering.activated.connect(lambda _index: self._save(attachment_numbering=self.numbering.currentData()))
        attachment_row.addWidget(self.numbering)
        attachment_row.addStretch(1)

        head = QFormLayout()
        head.addRow("报告标题：", self.title)
        head.addRow("报告类型：", self.kind)
        head.addRow("随文附件：", attachment_row)
        signature = QHBoxLayout()
        signature.addWidget(self.signer, 2)
        signature.addWidget(QLabel("成文日期："))
        signature.addWidget(self.sign_date)
        head.addRow("署名单位：", signature)

        self.sections = QListWidget()
        self.sections.currentRowChanged.connect(self._section_chosen)
        outline_buttons = QHBoxLayout()
        for text, slot in (
            ("添加", self.add_section),
            ("删除", self.remove_section),
            ("上移", lambda: self.move_section(-1)),
            ("下移", lambda: self.move_section(1)),
            ("升级", lambda: self.change_level(-1)),
            ("降级", lambda: self.change_level(1)),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            outline_buttons.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel("提纲"))
        left_layout.addWidget(self.sections, 1)
        left_layout.addLayout(outline_buttons)

        self.heading = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setPlaceholderText(
            "在此填写本节正文，每段一行。数据请用“插入数据”链接到附件表，导出时自动取最新数值。"
        )
        self.highlighter = TokenHighlighter(self.body.document())
        insert = QPushButton("插入数据…")
        insert.clicked.connect(self.insert_figure)
        draft = QPushButton("生成基本情况段落")
        draft.setToolTip("根据附件2、附件3的数据起草一段基本情况，插入到光标处，可再修改")
        draft.clicked.connect(self.insert_draft)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setStyleSheet("background: #f9fafb; padding: 6px; color: #374151;")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        heading_row = QHBoxLayout()
        heading_row.addWidget(QLabel("小标题："))
        heading_row.addWidget(self.heading, 1)
        right_layout.addLayout(heading_row)
        tools = QHBoxLayout()
        tools.addWidget(insert)
        tools.addWidget(draft)
        tools.addStretch(1)
        right_layout.addLayout(tools)
        right_layout.addWidget(self.body, 3)
        right_layout.addWidget(QLabel("导出效果预览（数据为当前表格中的数值）："))
        right_layout.addWidget(self.preview, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([320, 900])
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(splitter, 1)

        self.title.editingFinished.connect(lambda: self._save(title=self.title.text()))
        self.signer.editingFinished.connect(lambda: self._save(signer=self.signer.text()))
        self.sign_date.dateChanged.connect(lambda d: self._save(sign_date=d.toPython()))
        self.kind.activated.connect(self._kind_chosen)
        self.heading.editingFinished.connect(self._save_heading)
        self.body.textChanged.connect(self._body_changed)
        self.set_report(report)

    # --- loading ----------------------------------------------------------------

    def text(self) -> ReportText:
        return self.texts.get(self.report)

    def set_report(self, report: Report) -> None:
        self.flush()
        self.report = report
        # What the page shows as a default (today's 成文日期) is what is stored and exported.
        self._guarded(lambda: self.texts.ensure(report))
        self.current_key = None
        self._reload()

    def _reload(self, select: str | None = None) -> None:
        self._loading = True
        text = self.text()
        self.title.setText(text.title)
        self.kind.setCurrentIndex(max(0, self.kind.findData(text.kind)))
        self.signer.setText(text.signer)
        day = text.sign_date
        self.sign_date.setDate(QDate(day.year, day.month, day.day) if day else QDate.currentDate())
        for key, box in self.attachments.items():
            box.setChecked(key in text.attachments)
        self.numbering.setCurrentIndex(max(0, self.numbering.findData(text.attachment_numbering)))
        self.sections.clear()
        numbers = heading_numbers([s.level for s in text.sections])
        for number, section in zip(numbers, text.sections, strict=True):
            self.sections.addItem("　" * (section.level - 1) + number + section.heading)
        keys = [s.key for s in text.sections]
        self._loading = False
        target = select or self.current_key
        self.sections.setCurrentRow(keys.index(target) if target in keys else (0 if keys else -1))

    def _section(self, key: str | None) -> Section | None:
        return next((s for s in self.text().sections if s.key == key), None)

    def _section_chosen(self, row: int) -> None:
        if self._loading:
            return
        self.flush()
        sections = self.text().sections
        section = sections[row] if 0 <= row < len(sections) else None
        self.current_key = section.key if section else None
        self._loading = True
        self.heading.setText(section.heading if section else "")
        self.body.setPlainText(section.body if section else "")
        self._loading = False
        for widget in (self.heading, self.body):
            widget.setEnabled(section is not None)
        self._update_preview()

    # --- saving -----------------------------------------------------------------

    def _guarded(self, action) -> bool:
        try:
            action()
        except UserError as exc:
            QMessageBox.warning(self, "填报助手", exc.message)
            return False
        return True

    def _save(self, **changes) -> None:
        if self._loading:
            return
        if self._guarded(lambda: self.texts.update(self.report, **changes)):
            self.message.emit("已保存 报告正文")

    def _save_attachments(self) -> None:
        self._save(attachments=tuple(k for k, box in self.attachments.items() if box.isChecked()))

    def _save_heading(self) -> None:
        section = self._section(self.current_key)
        if section is None or self.heading.text().strip() == section.heading:
            return
        if self._guarded(lambda: self.texts.update_section(self.report, section.key, heading=self.heading.text())):
            self._reload()
            self.message.emit("已保存 小标题")

    def _body_changed(self) -> None:
        if not self._loading:
            self._timer.start()
            self._update_preview()

    def flush(self) -> None:
        """Write the section text now (section switch, export): a failure is shown in a dialog."""
        problem = self.save_pending()
        if problem is not None:
            QMessageBox.warning(self, "填报助手", problem)

    def _autosave(self) -> None:
        # On a pause in typing: a failure goes to the status bar, not a dialog after every pause.
        # The text stays in the editor and is tried again on the next pause and on close.
        problem = self.save_pending()
        if problem is not None:
            self.message.emit(f"正文未能保存（将自动重试）：{problem}")

    def save_pending(self) -> str | None:
        """Save the text being edited, if it changed; the reason when it could not be saved."""
        self._timer.stop()
        try:
            section = self._section(self.current_key)
            if section is None or self.body.toPlainText().strip() == section.body:
                return None
            self.texts.update_section(self.report, section.key, body=self.body.toPlainText())
        except UserError as exc:
            return exc.message
        self.message.emit(f"已保存 {section.heading}")
        return None

    def forget_editing(self) -> None:
        """Drop the editor's unsaved state (before a restore replaces the file)."""
        self._timer.stop()
        self.current_key = None

    def pending_text(self) -> str:
        """The text in the editor, for a clerk who copies it out when it cannot be saved."""
        return self.body.toPlainText()

    def refresh_figures(self) -> None:
        """A table changed: the preview's linked figures follow."""
        self._tables = None
        self._update_preview()

    def _update_preview(self) -> None:
        # The tables are read once and again only after a table edit: typing never waits for the file.
        if self._tables is None or self._tables.report != self.report:
            try:
                self._tables = self.store.report_data(self.report, with_text=False)  # the figures only
            except UserError:
                return  # the file is locked just now: the last preview stays
        data = self._tables
        self.preview.setText(render(self.body.toPlainText(), data))
        tokens = {m[0] for m in TOKEN.finditer(self.body.toPlainText())}
        links = [parse_token(t) for t in sorted(tokens)]
        self.body.setToolTip(
            "\n".join(f"{link.token()} = {describe(link, self.report.year)}" for link in links if link) or ""
        )

    # --- outline ----------------------------------------------------------------

    def _kind_chosen(self, index: int) -> None:
        key = self.kind.itemData(index)
        if key == self.text().kind:
            return
        answer = QMessageBox.question(
            self, "更换报告类型", "更换报告类型会换成该类型的默认提纲，已写的正文将被清空。确定更换吗？"
        )
        if answer != QMessageBox.StandardButton.Yes:
            self.kind.setCurrentIndex(self.kind.findData(self.text().kind))
            return
        self.flush()
        if self._guarded(lambda: self.texts.reset(self.report, key)):
            self.current_key = None
            self._reload()
            self.message.emit(f"已换成{self.kind.currentText()}的默认提纲")

    def add_section(self) -> None:
        self.flush()
        heading, ok = QInputDialog.getText(self, "添加小节", "小标题：")
        if not ok or not heading.strip():
            return
        current = self._section(self.current_key)
        level = current.level if current else 1
        position = self.sections.currentRow() + 1
        key = None

        def add() -> None:
            nonlocal key
            key = self.texts.add_section(self.report, position, level, heading)

        if self._guarded(add):
            self._reload(select=key)
            self.message.emit(f"已添加小节：{heading.strip()}")

    def remove_section(self) -> None:
        section = self._section(self.current_key)
        if section is None:
            return
        if section.body.strip() or self.body.toPlainText().strip():
            answer = QMessageBox.question(
                self, "删除小节", f"“{section.heading}”已有正文，删除后不能恢复。确定删除吗？"
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._timer.stop()
        if self._guarded(lambda: self.texts.remove_section(self.report, section.key)):
            self.current_key = None
            self._reload()
            self.message.emit(f"已删除小节：{section.heading}")

    def move_section(self, delta: int) -> None:
        if self.current_key is None:
            return
        self.flush()
        if self._guarded(lambda: self.texts.move_section(self.report, self.current_key, delta)):
            self._reload()

    def change_level(self, delta: int) -> None:
        section = self._section(self.current_key)
        if section is None:
            return
        level = min(4, max(1, section.level + delta))
        self.flush()
        if self._guarded(lambda: self.texts.update_section(self.report, section.key, level=level)):
            self._reload()

    def show_span(self, key: str, span: tuple[int, int] | None) -> None:
        """Select a section and, in its text, the characters an audit finding names."""
        keys = [s.key for s in self.text().sections]
        if key not in keys:
            return
        self.sections.setCurrentRow(keys.index(key))
        if span is not None:
            cursor = self.body.textCursor()
            cursor.setPosition(span[0])
            cursor.setPosition(span[1], cursor.MoveMode.KeepAnchor)
            self.body.setTextCursor(cursor)
        self.body.setFocus()

    def apply_fix(self, finding: Finding) -> None:
        """Put the linked figure where a hand-typed number contradicted the table."""
        if finding.key is None or finding.span is None or not finding.fix:
            return
        self.flush()
        section = self._section(finding.key.row)
        if section is None:
            return
        start, end = finding.span
        body = section.body[:start] + finding.fix + section.body[end:]
        if self._guarded(lambda: self.texts.update_section(self.report, section.key, body=body)):
            self.show_span(section.key, None)
            self._loading = True
            self.body.setPlainText(body)
            self._loading = False
            self._update_preview()
            self.message.emit("已改为链接的表格数据")

    # --- figures ----------------------------------------------------------------

    def insert_figure(self) -> None:
        try:
            tables = self.store.report_data(self.report, with_text=False)
        except UserError as exc:
            QMessageBox.warning(self, "填报助手", exc.message)
            return
        picker = FigurePicker(tables, self)
        if picker.exec() and (link := picker.link()) is not None:
            self.body.insertPlainText(link.token())
            self.flush()

    def insert_draft(self) -> None:
        try:
            draft = draft_basic_situation(self.store.report_data(self.report, with_text=False))
        except UserError as exc:
            QMessageBox.warning(self, "填报助手", exc.message)
            return
        cursor = self.body.textCursor()
        if cursor.positionInBlock() > 0:
            draft = "\n" + draft
        self.body.insertPlainText(draft)
        self.flush()
        self.message.emit("已生成基本情况段落，可直接修改文字；蓝色部分为链接的表格数据")
