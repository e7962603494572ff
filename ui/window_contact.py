"""The contact line above the tabs (填报单位, 联系人, 联系方式): saved when a box is left, undoable."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit

from forms.errors import UserError
from forms.report import Report
from forms.text_changes import Contact, ContactChange
from forms.text_edits import contact_unchanged, edit_contact, followed_box, unsaved_contact_text
from storage.text_changes import ContactConflict, apply_contact
from ui.undo_keys import window_steps_when_empty


class ContactLine:
    """Part of ``MainWindow`` (ui/main_window.py): the contact boxes and their saving."""

    def _build_contact_line(self, bar: QHBoxLayout) -> None:
        self.filler = QLineEdit()
        self.person = QLineEdit()
        self.phone = QLineEdit()
        for label, edit in (("填报单位：", self.filler), ("联系人：", self.person), ("联系方式：", self.phone)):
            edit.editingFinished.connect(self._save_contact)
            bar.addWidget(QLabel(label))
            bar.addWidget(edit, 1)
        window_steps_when_empty(self, self.filler, self.person, self.phone)

    def _save_contact(self) -> str | None:
        """Save the contact line if it changed; the reason when it could not be saved."""
        if self.report is None:
            return None
        filler, person, phone = self.filler.text(), self.person.text(), self.phone.text()
        r = self.report
        if contact_unchanged(Contact.of(r), filler, person, phone):
            return None
        try:
            # Against the file as it is now: the line is written whole, as it always was.
            change = edit_contact(Contact.of(self.store.report(r.id)), filler, person, phone)
            self.report = apply_contact(self.store, r.id, change)
        except UserError as exc:
            self.show_message(f"填报单位和联系人未能保存：{exc.message}")
            return exc.message
        self.histories.of(r.id).record(change)
        self._contact_saved()
        self.after_save("已保存 填报单位和联系人")
        return None

    def _contact_saved(self) -> None:
        if self.open is not None:
            self.open.open(self.report)  # the audit reads the new contact line
            for page in self._built_pages():
                page.model.follow()  # 附件2's 行政执法单位名称 follows the 填报单位

    def _apply_contact(self, change: ContactChange) -> bool:
        """Undo or redo a contact line step; a conflict drops the history, as a grid's does."""
        assert self.report is not None
        try:
            self.report = apply_contact(self.store, self.report.id, change)
        except UserError as exc:
            if isinstance(exc, ContactConflict):
                self.histories.of(self.report.id).clear()
                self.report = self.store.report(self.report.id)
                self._show_contact()
                self._contact_saved()
            self.show_message(exc.message)
            return False
        self._show_contact()
        self._contact_saved()
        self.after_save("已保存 填报单位和联系人")
        return True

    def _show_contact(self) -> None:
        """The boxes show the report's line as saved."""
        assert self.report is not None
        self.filler.setText(self.report.filler)
        self.person.setText(self.report.contact_person)
        self.phone.setText(self.report.contact_phone)

    def _unsaved_contact(self) -> str:
        return unsaved_contact_text(self.filler.text(), self.person.text(), self.phone.text())

    def _follow_contact(self, before: Report, after: Report) -> None:
        """The file's line changed elsewhere: the boxes show it, except what the clerk typed unsaved."""
        for edit, old, new in (
            (self.filler, before.filler, after.filler),
            (self.person, before.contact_person, after.contact_person),
            (self.phone, before.contact_phone, after.contact_phone),
        ):
            edit.setText(followed_box(edit.text(), old, new))

    def _contact_edits(self) -> dict[str, QLineEdit]:
        """The contact line's boxes by the name a finding gives them (``Report``'s attributes)."""
        return {"filler": self.filler, "contact_person": self.person, "contact_phone": self.phone}
