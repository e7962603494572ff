"""报告正文: title, sections with their text, linked figures, attachments, signature and date.

Every change is written to SQLite (text after a short pause in typing, everything else at
once) and only then reported as saved.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
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
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from forms import text_edits as edits
from forms.audit import Finding
from forms.draft import draft_basic_situation
from forms.emphasis import spans
from forms.errors import UserError
from forms.figures import MISSING, TOKEN, describe, figure, parse_token, render
from forms.history import Histories, History
from forms.numbering import NUMBERINGS
from forms.outline import REPORT_KINDS
from forms.report import Report, ReportData, ReportText, Section
from forms.text_changes import TextChange
from forms.text_edits import CLOSING, LEAD
from storage.report_text import ReportTexts
from storage.store import Store
from storage.text_changes import TextConflict, apply_text
from ui.figure_edit import FigureEdit
from ui.figure_picker import FigurePicker
from ui.figure_selection import selected_link
from ui.outline_options import HeadingOptions, LevelOptions
from ui.text_layout import text_tabs

SAVE_DELAY_MS = 600
LEAD_LABEL = "（导语：标题下、“一、”之前的段落）"
CLOSING_LABEL = "（结束语：最后一节之后的段落）"


class TitleEdit(QPlainTextEdit):
    """The title, on as many lines as the clerk breaks it into (Enter); saved on leaving it."""

    editingFinished = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setTabChangesFocus(True)
        self.setToolTip("标题过长时按回车在词语之间换行；不换行时导出按词组自动分行")
        line = self.fontMetrics().lineSpacing()
        self.setFixedHeight(int(line * 2.2) + 8)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(text)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()


class ReportPage(QWidget):
    message = Signal(str)

    def __init__(
        self,
        store: Store,
        report: Report,
        parent: QWidget | None = None,
        *,
        tables: Callable[[], ReportData] | None = None,
        histories: Histories | None = None,
    ) -> None:
        super().__init__(parent)
        # The window's undo history of each report (the grids' too): a text edit is one step in it.
        self.histories = histories if histories is not None else Histories()
        self._tables: ReportData | None = None  # the tables behind the preview's figures
        # Where they come from: the window's copy of the report, else the file.
        self._read_tables = tables or (lambda: self.store.report_data(self.report, with_text=False))
        self._figures_stale = False  # a table changed while the page was hidden: refreshed when shown
        self.store = store
        self.texts = ReportTexts(store)
        self.report = report
        self.current_key: str | None = None
        self._kind: str | None = None  # the report kind the page shows
        self._loading = False
        self._unsaved = False  # the editor holds typing not yet written to the file
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self._autosave)

        self.title = TitleEdit()
        self.unit_line = QLineEdit()
        self.unit_line.setPlaceholderText("可不填；填写后单独一行印在标题上方，如“某某市应急管理局”")
        self.kind = QComboBox()
        self.kind.setToolTip("每个单位每年可分别撰写两种报告，各有自己的提纲、正文和附件，分别导出")
        for kind in REPORT_KINDS:
            self.kind.addItem(kind.name, kind.key)
        self.levels = LevelOptions()
        self.levels.changed.connect(lambda styles, run_in: self._save(lambda t: edits.set_levels(t, styles, run_in)))
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
        self.numbering.activated.connect(
            lambda _index: self._save(lambda t: edits.set_numbering(t, self.numbering.currentData()))
        )
        attachment_row.addWidget(self.numbering)
        self.attachment_note = QCheckBox("印附件说明")
        self.attachment_note.setToolTip("正文后印“附件：1.……”（GB/T 9704 要求）；不勾选则不印，附件页照常")
        self.attachment_note.toggled.connect(lambda on: self._save(lambda t: edits.set_attachment_note(t, on)))
        attachment_row.addWidget(self.attachment_note)

        # Four compact rows, so the text editor below keeps the room (1024×700 included).
        head = QFormLayout()
        head.setVerticalSpacing(4)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind)
        kind_row.addWidget(QLabel("署名单位："))
        kind_row.addWidget(self.signer, 2)
        kind_row.addWidget(QLabel("成文日期："))
        kind_row.addWidget(self.sign_date)
        head.addRow("当前报告：", kind_row)
        head.addRow("标题上方单位：", self.unit_line)
        head.addRow("报告标题：", self.title)
        attachment_row.addStretch(1)
        head.addRow("随文附件：", attachment_row)
        head.addRow("标题编号：", self.levels)

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
            button = QToolButton(text=text)  # a push button is at least 80 px wide: six of them kept 1024 px out
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(slot)
            outline_buttons.addWidget(button)
        paste = QPushButton("粘贴整篇报告…")
        paste.setToolTip("把 Word/WPS 中的报告全文复制后点这里：自动识别标题、导语、各级标题（含编号样式）、加粗和正文")
        paste.clicked.connect(self.paste_report)
        from_word = QPushButton("导入 Word 报告…")
        from_word.setToolTip("选择一份 .docx 报告（如去年的），与粘贴整篇报告相同：识别标题、正文和加粗")
        from_word.clicked.connect(self.import_word_report)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        outline_head = QHBoxLayout()
        outline_head.addWidget(QLabel("提纲"))
        outline_head.addStretch(1)
        outline_head.addWidget(paste)
        outline_head.addWidget(from_word)
        left_layout.addLayout(outline_head)
        left_layout.addWidget(self.sections, 1)
        left_layout.addLayout(outline_buttons)

        self.heading = QLineEdit()
        self.body = FigureEdit(self._figure_text)
        self.body.setPlaceholderText(
            "在此填写本节正文，每段一行。数据请用“插入数据”链接到附件表（蓝色），导出时自动取最新数值；"
            "选中文字按 Ctrl+B 加粗。"
        )
        self.body.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        insert = QPushButton("插入数据…")
        insert.clicked.connect(self.insert_figure)
        draft = QPushButton("生成基本情况段落")
        draft.setToolTip("根据附件2、附件3的数据起草一段基本情况，插入到光标处，可再修改")
        draft.clicked.connect(self.insert_draft)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setStyleSheet("background: #f9fafb; padding: 6px; color: #374151;")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        heading_row = QHBoxLayout()
        heading_row.addWidget(QLabel("小标题："))
        heading_row.addWidget(self.heading, 1)
        self.heading_options = HeadingOptions()
        self.heading_options.changed.connect(self._save_heading_options)
        heading_row.addWidget(self.heading_options)
        heading_row.addWidget(insert)
        heading_row.addWidget(draft)
        right_layout.addLayout(heading_row)
        # The editor takes the page's height (1366×768 first); the preview is the tab beside it.
        self.text_tabs = text_tabs(self.body, self.preview)
        right_layout.addWidget(self.text_tabs, 1)

        splitter = QSplitter()
        splitter.setObjectName("outline")  # a stable settings key (the preview's splitter is gone)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([320, 900])
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(splitter, 1)

        self.title.editingFinished.connect(self._save_title)
        self.unit_line.editingFinished.connect(
            lambda: self._save(lambda t: edits.set_unit_line(t, self.unit_line.text()))
        )
        self.signer.editingFinished.connect(lambda: self._save(lambda t: edits.set_signer(t, self.signer.text())))
        self.sign_date.dateChanged.connect(lambda d: self._save(lambda t: edits.set_sign_date(t, d.toPython())))
        self.kind.activated.connect(self._kind_chosen)
        self.heading.editingFinished.connect(self._save_heading)
        self.body.textChanged.connect(self._body_changed)
        self.set_report(report)

    # --- loading ----------------------------------------------------------------

    def text(self) -> ReportText:
        """The text of the report shown: the kind loaded last, whatever opens meanwhile."""
        return self.texts.get(self.report, self._kind)

    def set_report(self, report: Report) -> None:
        self.flush()
        self.report = report
        # What the page shows as a default (today's 成文日期) is what is stored and exported.
        self._guarded(lambda: self.texts.ensure(report))
        self.current_key = None
        self._reload()

    def _keys(self, text: ReportText) -> list[str]:
        """The outline's entries: 导语, the sections, 结束语."""
        return [LEAD, *(s.key for s in text.sections), CLOSING]

    def _reload(self, select: str | None = None) -> None:
        self._loading = True
        self._tables = None  # the tables may have changed since the figures were shown
        self._kind = self.texts.open_kind(self.report)
        text = self.text()
        self.title.setText(text.title)
        self.unit_line.setText(text.unit_line)
        self.kind.setCurrentIndex(max(0, self.kind.findData(text.kind)))
        self.signer.setText(text.signer)
        day = text.sign_date
        self.sign_date.setDate(QDate(day.year, day.month, day.day) if day else QDate.currentDate())
        for key, box in self.attachments.items():
            box.setChecked(key in text.attachments)
        self.levels.show_text(text)
        self.attachment_note.setChecked(text.attachment_note)
        self.numbering.setCurrentIndex(max(0, self.numbering.findData(text.attachment_numbering)))
        self.sections.clear()
        self.sections.addItems(self._labels(text))
        keys = self._keys(text)
        self._loading = False
        target = select or self.current_key
        first = 1 if len(keys) > 2 else 0
        row = keys.index(target) if target in keys else first
        self.sections.setCurrentRow(row)
        if self.sections.currentRow() == row and self.current_key != keys[row]:
            self._section_chosen(row)

    def _labels(self, text: ReportText) -> list[str]:
        numbers = text.numbers()
        headings = ["　" * (s.level - 1) + n + s.heading for n, s in zip(numbers, text.sections, strict=True)]
        return [LEAD_LABEL, *headings, CLOSING_LABEL]

    def _section(self, key: str | None, text: ReportText | None = None) -> Section | None:
        """The section ``key``; 导语 and 结束语 as sections without a heading."""
        text = text or self.text()
        if key == LEAD:
            return Section(LEAD, 0, "导语", text.lead)
        if key == CLOSING:
            return Section(CLOSING, 0, "结束语", text.closing)
        return next((s for s in text.sections if s.key == key), None)

    def _section_chosen(self, row: int) -> None:
        if self._loading:
            return
        self.flush()
        keys = self._keys(self.text())
        section = self._section(keys[row]) if 0 <= row < len(keys) else None
        self.current_key = section.key if section else None
        self._loading = True
        is_heading = section is not None and section.key not in (LEAD, CLOSING)
        self.heading.setText(section.heading if is_heading else "")
        self.body.setPlainText(section.body if section else "")
        self._loading = False
        self._unsaved = False
        self.heading.setEnabled(is_heading)
        self.heading_options.show_section(section if is_heading else None)
        self.body.setEnabled(section is not None)
        self._update_preview()

    def _figure_text(self, token: str) -> str:
        """What a linked figure shows in the editor: its current value in the tables."""
        link = parse_token(token)
        if link is None:
            return token
        data = self._tables_now()
        return figure(link, data) if data is not None else MISSING

    # --- saving -----------------------------------------------------------------

    def _guarded(self, action) -> bool:
        try:
            action()
        except UserError as exc:
            QMessageBox.warning(self, "填报助手", exc.message)
            return False
        return True

    def _history(self) -> History:
        return self.histories.of(self.report.id)

    def _commit(self, change: TextChange) -> bool:
        """Write a change made here and record it as one undo step; False if nothing changed."""
        if change.after == change.before:
            return False
        apply_text(self.texts, self.report, change)
        self._history().record(change)
        return True

    def _edit(self, make: Callable[[ReportText], TextChange], message: str | None = None) -> TextChange | None:
        """Make a change of the text as the file holds it now and write it; a refusal in a dialog.
        ``message``: the status line when it was saved (else none: nothing changed)."""
        if self._loading:
            return None
        self.flush()
        try:
            change = make(self.text())
            if not self._commit(change):
                return None
        except TextConflict as exc:
            self._conflict(exc)
            return None
        except UserError as exc:
            QMessageBox.warning(self, "填报助手", exc.message)
            return None
        if message is not None:
            self.message.emit(message)
        return change

    def _conflict(self, exc: UserError) -> None:
        # Another window wrote first: its steps no longer match the file (as a grid's conflict).
        self._history().clear()
        QMessageBox.warning(self, "填报助手", exc.message)
        self.current_key = None
        self._reload()

    def apply_change(self, change: TextChange) -> bool:
        """Undo or redo a step (the window's history, which records it itself), and show where."""
        self._timer.stop()
        try:
            apply_text(self.texts, self.report, change)
        except TextConflict as exc:
            self._conflict(exc)
            return False
        except UserError as exc:
            QMessageBox.warning(self, "填报助手", exc.message)
            return False
        if change.after.kind != self._kind:
            self._guarded(lambda: self.texts.open(self.report, change.after.kind))
        self.current_key = None  # shown again from the file
        self._reload(select=change.key)
        self.message.emit("已保存 报告正文")
        return True

    def _save(self, make: Callable[[ReportText], TextChange]) -> None:
        self._edit(make, "已保存 报告正文")

    def _save_title(self) -> None:
        if not self._loading and self.title.text().strip() != self.text().title:
            self._save(lambda t: edits.set_title(t, self.title.text()))

    def _save_attachments(self) -> None:
        chosen = [k for k, box in self.attachments.items() if box.isChecked()]
        self._save(lambda t: edits.set_attachments(t, chosen, [s.key for s in self.store.forms]))

    def _save_heading_options(self, numbered: bool, run_in: bool | None) -> None:
        key = self.current_key
        if key is None or key in (LEAD, CLOSING):
            return
        if self._edit(lambda t: edits.set_heading_options(t, key, numbered, run_in), "已保存 标题设置"):
            self._reload()

    def _save_heading(self) -> None:
        section = self._section(self.current_key)
        if section is None or section.key in (LEAD, CLOSING) or self.heading.text().strip() == section.heading:
            return
        if self._edit(lambda t: edits.set_heading(t, section.key, self.heading.text()), "已保存 小标题"):
            self._reload()

    def _body_changed(self) -> None:
        if not self._loading:
            self._unsaved = True
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
        typed = self.body.toPlainText()
        try:  # the text goes to the report it was typed in (self._kind), one undo step per pause
            text = self.text()
            section = self._section(self.current_key, text)
            if section is None or typed.strip() == section.body:
                self._unsaved = False
                return None
            self._commit(edits.set_body(text, section.key, typed))
        except UserError as exc:
            return exc.message
        self._unsaved = False
        self.message.emit(f"已保存 {section.heading}")
        return None

    def follow_file(self) -> None:
        """The file's report text changed (another program, or this window's own save): show the
        file's where it differs. Typing not saved yet stays, with the caret, and is saved at the
        next pause as it would have been."""
        text, key = self.text(), self.current_key
        section = self._section(key)
        labels = [self.sections.item(i).text() for i in range(self.sections.count())]
        typed, caret = self.body.toPlainText(), self.body.textCursor().position()
        same = section is not None and (self._unsaved or typed.strip() == section.body)
        if same and labels == self._labels(text) and self.title.text().strip() == text.title:
            return
        unsaved, self.current_key = self._unsaved, None  # the section is shown again from the file
        self._reload(select=key)
        if self.current_key == key and (unsaved or self.body.toPlainText() == typed):
            self._loading = True
            self.body.setPlainText(typed)
            cursor = self.body.textCursor()
            cursor.setPosition(min(caret, len(typed)))
            self.body.setTextCursor(cursor)
            self._loading = False
            self._unsaved = unsaved
            if unsaved:
                self._timer.start()

    def forget_editing(self) -> None:
        """Drop the editor's unsaved state (before a restore replaces the file)."""
        self._timer.stop()
        self.current_key = None

    def pending_text(self) -> str:
        """The text in the editor, for a clerk who copies it out when it cannot be saved."""
        return self.body.toPlainText()

    def refresh_figures(self, tables: ReportData | None = None) -> None:
        """A table changed: the editor's and the preview's linked figures follow, now when the
        page is shown, else when it is next shown (``showEvent``). ``tables``: the tables as they
        are now, when the caller has them at hand (else they are read)."""
        self._tables = tables
        if not self.isVisible():
            self._figures_stale = True
            return
        self._figures_stale = False
        loading, self._loading = self._loading, True  # not an edit of the text: nothing to save
        linked = self.body.refresh_figures()
        self._loading = loading
        if linked:  # without a linked figure the preview does not depend on the tables
            self._update_preview()

    def _tables_now(self) -> ReportData | None:
        # The tables are read once and again only after a table edit: typing never waits for the file.
        if self._tables is None or self._tables.report.id != self.report.id:
            try:
                self._tables = self._read_tables()
            except UserError:
                return None  # the file is locked just now
        return self._tables

    def _update_preview(self) -> None:
        data = self._tables_now()
        if data is None:
            return  # the last preview stays
        # As printed: figures filled in, bold spans bold, the marks gone.
        stored = self.body.toPlainText()
        self.preview.setText(
            "<br>".join(
                "".join(f"<b>{escape(t)}</b>" if bold else escape(t) for t, bold in spans(line))
                for line in render(stored, data).splitlines()
            )
        )
        tokens = {m[0] for m in TOKEN.finditer(stored)}
        links = [parse_token(t) for t in sorted(tokens)]
        self.body.setToolTip("\n".join(f"{describe(link, self.report.year)}" for link in links if link) or "")

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._figures_stale:
            self.refresh_figures()

    # --- which report, outline --------------------------------------------------------

    def _kind_chosen(self, index: int) -> None:
        """Open the other report of this unit and year; each keeps its own text."""
        key = self.kind.itemData(index)
        if key == self.text().kind:
            return
        self.flush()
        if self._guarded(lambda: self.texts.open(self.report, key)):
            self.current_key = None
            self._reload()
            self.message.emit(f"已打开 {self.report.name}{self.kind.currentText()}")

    def kind_name(self) -> str:
        """The name of the report that is open (行政执法工作报告), for the window and file names."""
        return self.kind.currentText()

    def add_section(self) -> None:
        """A sibling of the current heading, after its last sub-heading (导语: first; 结束语: last)."""
        self.flush()
        heading, ok = QInputDialog.getText(self, "添加小节", "小标题：")
        if not ok or not heading.strip():
            return
        change = self._edit(lambda t: edits.add_section(t, self.current_key, heading))
        if change is not None:
            self._reload(select=change.key)
            self.message.emit(f"已添加小节：{heading.strip()}")

    def remove_section(self) -> None:
        """No question asked: 撤销 brings the section back with its text."""
        section = self._section(self.current_key)
        if section is None or section.key in (LEAD, CLOSING):
            return
        if self._edit(lambda t: edits.remove_section(t, section.key)):
            self.current_key = None
            self._reload()
            self.message.emit(f"已删除小节：{section.heading}")

    def move_section(self, delta: int) -> None:
        key = self.current_key
        if key in (None, LEAD, CLOSING):
            return
        if self._edit(lambda t: edits.move_section(t, key, delta)):
            self._reload()

    def change_level(self, delta: int) -> None:
        key = self.current_key
        if key in (None, LEAD, CLOSING):
            return
        if self._edit(lambda t: edits.shift_level(t, key, delta)):
            self._reload()

    def paste_report(self) -> None:
        """A report copied from Word/WPS (its HTML flavour keeps the bold and its paragraphs; else the
        plain text, whose lines a PDF may have broken) becomes this (empty) report's text."""
        from forms.rich_text import html_to_marked  # the paste's modules load when a paste happens, not at start

        mime = QGuiApplication.clipboard().mimeData()
        if mime.hasHtml():
            self._put_report("粘贴整篇报告", lambda: (html_to_marked(mime.html()), False))
        else:
            self._put_report("粘贴整篇报告", lambda: (mime.text(), True))

    def import_word_report(self) -> None:
        """The same from a .docx (last year's report), read behind the guarded boundary."""
        from PySide6.QtWidgets import QFileDialog

        from importers.word_report import read_report_file

        path, _ = QFileDialog.getOpenFileName(self, "导入 Word 报告", "", "Word 文档 (*.docx)")
        if path:
            self._put_report("导入 Word 报告", lambda: read_report_file(Path(path)))

    def _put_report(self, title: str, read: Callable[[], tuple[str, bool]]) -> None:
        """The one path of the paste (storage.pasted_text): a report with text is refused there."""
        from forms.paste_report import parse_pasted
        from storage.pasted_text import put_pasted

        self.flush()
        said: list[str] = []

        def put() -> None:
            text, wrapped = read()
            said.append(put_pasted(self.texts, self.report, parse_pasted(text, wrapped=wrapped)))

        if self._guarded(put):
            self.current_key = None
            self._reload()
            self.message.emit(f"已{title.removesuffix('…')}：{said[0]}")

    def show_span(self, key: str, span: tuple[int, int] | None, *, focus: bool = True) -> None:
        """Select a section and, in its text, the characters an audit finding names; ``focus``: the
        keyboard goes there too (a jump), else it stays where it was (a preview)."""
        keys = self._keys(self.text())
        if key not in keys:
            return
        self.sections.setCurrentRow(keys.index(key))
        if span is not None:
            cursor = self.body.textCursor()
            cursor.setPosition(self.body.shown_position(span[0]))
            cursor.setPosition(self.body.shown_position(span[1]), cursor.MoveMode.KeepAnchor)
            self.body.setTextCursor(cursor)
        if focus:
            self.body.setFocus()

    def apply_fix(self, finding: Finding) -> None:
        """Put the linked figure where a hand-typed number contradicted the table."""
        if finding.key is None or finding.span is None or not finding.fix:
            return
        key, span, fix = finding.key.row, finding.span, finding.fix
        if key in (LEAD, CLOSING) or self._section(key) is None:
            return
        change = self._edit(lambda t: edits.apply_fix(t, key, span, fix))
        if change is not None:
            self.show_span(key, None)
            self._loading = True
            self.body.setPlainText(self._section(key).body)
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
        picker = FigurePicker(tables, self, selected=selected_link(self.body))
        if picker.exec() and (link := picker.link()) is not None:
            self._tables = None
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
        self._tables = None
        self.body.insertPlainText(draft)
        self.flush()
        self.message.emit("已生成基本情况段落，可直接修改文字；蓝色部分为链接的表格数据")
