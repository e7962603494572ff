"""报告正文: title, sections with their text, linked figures, attachments, signature and date.

Every change is written to SQLite (text after a short pause in typing, everything else at
once) and only then reported as saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from forms import outline_list
from forms import text_edits as edits
from forms.errors import UserError
from forms.findings import Finding
from forms.history import Histories, History
from forms.outline_list import changed_at, outline_entry, outline_keys, outline_labels, row_to_show
from forms.report import Report, ReportData, ReportText, Section
from forms.text_changes import TextChange
from storage.report_text import ReportTexts
from storage.store import Store
from storage.text_changes import TextConflict, apply_text
from ui import text_fixes, text_inserts, text_preview
from ui.report_widgets import setup_ui
from ui.undo_keys import forget_own_steps

SAVE_DELAY_MS = 600


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

        setup_ui(self)
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

    @contextmanager
    def _filling(self) -> Iterator[None]:
        """The widgets are set from the file: nothing is saved meanwhile, and a read that fails
        inside leaves the page editable (``_loading`` is never left set)."""
        loading, self._loading = self._loading, True
        try:
            yield
        finally:
            self._loading = loading

    def _reload(self, select: str | None = None) -> None:
        self._tables = None  # the tables may have changed since the figures were shown
        self._kind = self.texts.open_kind(self.report)  # the reads first: one that fails changes nothing
        text = self.text()
        with self._filling():
            self._show_text(text)
        keys = outline_keys(text)
        row = row_to_show(keys, select or self.current_key)
        self.sections.setCurrentRow(row)
        if self.sections.currentRow() == row and self.current_key != keys[row]:
            self._section_chosen(row)

    def _show_text(self, text: ReportText) -> None:
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
        self.sections.addItems(outline_labels(text))

    def _section(self, key: str | None, text: ReportText | None = None) -> Section | None:
        """The section ``key``; 导语 and 结束语 as sections without a heading."""
        return outline_entry(text or self.text(), key)

    def _section_chosen(self, row: int) -> None:
        if self._loading:
            return
        self.flush()
        keys = outline_keys(self.text())
        section = self._section(keys[row]) if 0 <= row < len(keys) else None
        self.current_key = section.key if section else None
        is_heading = section is not None and outline_list.is_heading(section.key)
        with self._filling():
            self.heading.setText(section.heading if is_heading else "")
            self.body.setPlainText(section.body if section else "")
        self._unsaved = False
        self.heading.setEnabled(is_heading)
        self.heading_options.show_section(section if is_heading else None)
        self.body.setEnabled(section is not None)
        text_preview.update_preview(self)

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

    def _write(self, change: TextChange) -> bool:
        """Write ``change``, or say in a dialog why not. On a conflict (another window wrote first)
        the page shows the file, and the report's steps, which no longer match it, go (as a grid's)."""
        try:
            apply_text(self.texts, self.report, change)
        except UserError as exc:
            QMessageBox.warning(self, "填报助手", exc.message)
            if isinstance(exc, TextConflict):
                self._history().clear()
                self.current_key = None
                self._guarded(self._reload)
                self.message.emit("报告正文已按文件中的最新内容显示")  # the window's 撤销 follows the cleared history
            return False
        return True

    def _edit(
        self, make: Callable[[ReportText], TextChange], message: str | None = None, *, flush: bool = False
    ) -> TextChange | None:
        """Make a change of the text as the file holds it now and write it as one undo step.
        ``message``: the status line when it was saved. ``flush``: the typing is saved first, as
        its own step (not for a field's edit: saving re-reads the file into the fields)."""
        if self._loading:
            return None
        if flush:
            self.flush()
        try:
            change = make(self.text())
        except UserError as exc:
            QMessageBox.warning(self, "填报助手", exc.message)
            return None
        if change.after == change.before or not self._write(change):
            return None
        self._history().record(change)
        if message is not None:
            self.message.emit(message)
        return change

    def apply_change(self, change: TextChange) -> bool:
        """Undo or redo a step (the window's history, which records it itself), and show where."""
        self._timer.stop()
        if not self._write(change):
            return False
        if change.after.kind != self._kind:
            self._guarded(lambda: self.texts.open(self.report, change.after.kind))
        where = change.key or self.current_key  # a title's or signer's step keeps the section in view
        self.current_key = None  # shown again from the file
        self._guarded(lambda: self._reload(select=where))  # written: a failed read only delays the showing
        self.caret_at_change(change)
        self.message.emit("已保存 报告正文")
        return True

    def caret_at_change(self, change: TextChange) -> None:
        """The caret where a step changed the section shown, as the editor's own undo leaves it."""
        at = changed_at(change, self.current_key)
        if at is not None:
            cursor = self.body.textCursor()
            cursor.setPosition(self.body.shown_position(at))
            self.body.setTextCursor(cursor)

    def put_whole(self, label: str, put: Callable[[], str]) -> str | None:
        """A whole text written by ``put`` (a paste, which says what it did) as one undo step."""
        self.flush()
        try:
            with self.store.write():  # before and after read in the same transaction as the put
                before, said, after = self.text(), put(), self.text()
        except UserError as exc:
            QMessageBox.warning(self, "填报助手", exc.message)
            return None
        self._history().record(TextChange(before, after, label))
        self.current_key = None
        self._reload()
        return said

    def _save(self, make: Callable[[ReportText], TextChange], field: QWidget | None = None) -> None:
        if self._edit(make, "已保存 报告正文") and field is not None:
            forget_own_steps(field)  # what it holds is a step of the window's history now

    def _save_title(self) -> None:
        if not self._loading and self.title.text().strip() != self.text().title:
            self._save(lambda t: edits.set_title(t, self.title.text()), self.title)

    def _save_attachments(self) -> None:
        chosen = [k for k, box in self.attachments.items() if box.isChecked()]
        self._save(lambda t: edits.set_attachments(t, chosen, [s.key for s in self.store.forms_of(self.report)]))

    def _save_heading_options(self, numbered: bool, run_in: bool | None) -> None:
        key = self.current_key
        if not outline_list.is_heading(key):
            return
        if self._edit(lambda t: edits.set_heading_options(t, key, numbered, run_in), "已保存 标题设置"):
            self._reload()

    def _save_heading(self) -> None:
        section = self._section(self.current_key)
        if (
            section is None
            or not outline_list.is_heading(section.key)
            or self.heading.text().strip() == section.heading
        ):
            return
        if self._edit(lambda t: edits.set_heading(t, section.key, self.heading.text()), "已保存 小标题"):
            self._reload()

    def save_fields(self) -> str | None:
        """The one-line fields (title, unit line, signer, heading) save on ``editingFinished``, which a
        click on the toolbar or a menu never sends: undo, export and close save them here first, each
        changed one a step; the reason when one could not be saved (no dialog: log-off calls this)."""
        if self._loading:
            return None
        key = self.current_key
        fields = [
            (self.title, lambda t: edits.set_title(t, self.title.text())),
            (self.unit_line, lambda t: edits.set_unit_line(t, self.unit_line.text())),
            (self.signer, lambda t: edits.set_signer(t, self.signer.text())),
        ]
        if outline_list.is_heading(key) and self._section(key) is not None:
            fields.append((self.heading, lambda t: edits.set_heading(t, key, self.heading.text())))
        saved = False
        try:
            for field, make in fields:
                if field.isModified():  # only what the clerk typed: another window's change stays
                    if self._commit(make(self.text())):
                        saved = True
                        forget_own_steps(field)
                    field.setModified(False)
        except UserError as exc:
            return exc.message
        if saved:
            item = self.sections.currentItem()
            if item is not None:  # a saved heading shows in the outline at once
                item.setText(outline_labels(self.text())[self.sections.currentRow()])
            self.message.emit("已保存 报告正文")
        return None

    def _body_changed(self) -> None:
        if not self._loading:
            self._unsaved = True
            self._timer.start()
            text_preview.update_preview(self)

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
            if self._commit(edits.set_body(text, section.key, typed)):
                forget_own_steps(self.body)  # a step of the window's history now (ui/undo_keys.py)
        except UserError as exc:
            return exc.message
        self._unsaved = False
        self.message.emit(f"已保存 {section.heading}")
        return None

    def follow_file(self) -> None:
        """The file's report text changed (another program, or this window's own save): show the
        file's where it differs. Typing not saved yet stays, with the caret, and is saved at the
        next pause as it would have been."""
        if self._loading:  # asked while the editor is being filled (a figure read the file again): after that
            QTimer.singleShot(0, self.follow_file)
            return
        text, key = self.text(), self.current_key
        section = self._section(key)
        labels = [self.sections.item(i).text() for i in range(self.sections.count())]
        typed, caret = self.body.toPlainText(), self.body.textCursor().position()
        same = section is not None and (self._unsaved or typed.strip() == section.body)
        if same and labels == outline_labels(text) and self.title.text().strip() == text.title:
            return
        unsaved, self.current_key = self._unsaved, None  # the section is shown again from the file
        self._reload(select=key)
        if self.current_key == key and (unsaved or self.body.toPlainText() == typed):
            with self._filling():
                self.body.setPlainText(typed)
                cursor = self.body.textCursor()
                cursor.setPosition(min(caret, len(typed)))
                self.body.setTextCursor(cursor)
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
        if self._loading:  # never inside the filling of the editor (see follow_file)
            QTimer.singleShot(0, lambda: self.refresh_figures(tables))
            return
        self._tables = tables
        if not self.isVisible():
            self._figures_stale = True
            return
        self._figures_stale = False
        with self._filling():  # not an edit of the text: nothing to save
            linked = self.body.refresh_figures()
        if linked:  # without a linked figure the preview does not depend on the tables
            text_preview.update_preview(self)

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
        if section is None or not outline_list.is_heading(section.key):
            return
        if self._edit(lambda t: edits.remove_section(t, section.key), flush=True):
            self.current_key = None
            self._reload()
            self.message.emit(f"已删除小节：{section.heading}")

    def move_section(self, delta: int) -> None:
        key = self.current_key
        if not outline_list.is_heading(key):
            return
        if self._edit(lambda t: edits.move_section(t, key, delta), flush=True):
            self._reload()
            self.message.emit("已移动小节")  # the window refreshes 撤销 and the audit on each saved step

    def change_level(self, delta: int) -> None:
        key = self.current_key
        if not outline_list.is_heading(key):
            return
        if self._edit(lambda t: edits.shift_level(t, key, delta), flush=True):
            self._reload()
            self.message.emit("已改变标题级别")

    def paste_report(self) -> None:
        text_inserts.paste_report(self)

    def show_span(self, key: str, span: tuple[int, int] | None, *, focus: bool = True) -> None:
        text_preview.show_span(self, outline_keys(self.text()), key, span, focus=focus)

    def apply_fix(self, finding: Finding) -> None:
        text_fixes.apply_fix(self, finding)

    def apply_fixes(self, findings: list[Finding]) -> None:
        text_fixes.apply_fixes(self, findings)

    # --- figures ----------------------------------------------------------------

    def insert_figure(self) -> None:
        text_inserts.insert_figure(self)

    def insert_draft(self) -> None:
        text_inserts.insert_draft(self)
