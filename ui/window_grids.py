"""The grids in the window's tabs (built when first shown, one per attachment of the open report's
own template), the 编辑 menu on them, 撤销/重做."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forms.changes import Change
from forms.errors import UserError
from forms.findings import of_form
from forms.history import History, Step
from forms.text_changes import ContactChange, TextChange
from forms.value_log import Origin

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from forms.report import Report
    from forms.spec import FormSpec
    from ui.form_page import FormPage


class GridTabs:
    """Part of ``MainWindow`` (ui/main_window.py): its grids and the undo driver over all its pages."""

    shown_forms: tuple[FormSpec, ...] = ()  # the attachments the tabs are of: the open report's template's

    # --- the tabs of the open report's template -------------------------------------

    def _forms_for(self, report: Report) -> tuple[FormSpec, ...]:
        self.shown_forms = self.store.forms_of(report)
        return self.shown_forms

    def _show_forms(self, report: Report) -> None:
        """Tabs for the attachments of ``report``'s template: when it is another template than the
        tabs show, its grids are dropped (each built again when shown) and the tabs made anew."""
        from PySide6.QtWidgets import QWidget

        if self.store.forms_of(report) == self.shown_forms:
            return
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        for page in self._grids.values():
            page.model.detach()
        self._grids.clear()
        while self.tabs.count() > 1:  # after 报告正文
            dropped = self.tabs.widget(1)
            self.tabs.removeTab(1)
            dropped.deleteLater()
        for spec in self._forms_for(report):
            self.tabs.addTab(QWidget(), spec.label)
        self.tabs.setCurrentIndex(min(current, self.tabs.count() - 1))
        self.tabs.blockSignals(False)
        if self.tabs.currentIndex() >= 1:
            self._tab_shown(self.tabs.currentIndex())

    # --- the 编辑 menu and the grid's context menu -------------------------------------

    def _page_key(self) -> str:
        index = self.tabs.currentIndex()
        return "text" if index <= 0 else self.shown_forms[index - 1].key

    def current_grid(self) -> FormPage | None:
        widget = self.tabs.currentWidget() if self.stack.currentIndex() == 1 else None
        return next((page for page in self._built_pages() if page is widget), None)

    def _update_edit_actions(self) -> None:
        if not hasattr(self, "edit_actions"):
            return
        page = self.current_grid()
        for name, action in self.edit_actions.items():
            action.setEnabled(page is not None and name in page.view.menu_actions)

    def _grid_command(self, name: str) -> None:
        page = self.current_grid()
        if page is not None and name in page.view.menu_actions:
            page.view.menu_actions[name].trigger()

    # --- the grids, built on demand ------------------------------------------------

    @property
    def pages(self) -> list[FormPage]:
        """The four grids in tab order (building any not built yet)."""
        return [self._form_page(position) for position in range(len(self.shown_forms))]

    def _built_pages(self) -> list[FormPage]:
        return [self._grids[position] for position in sorted(self._grids)]

    def _form_page(self, position: int) -> FormPage:
        if position in self._grids:
            return self._grids[position]
        from ui.form_page import FormPage  # the grids' modules load with the first grid

        assert self.report is not None
        tab = position + 1  # after 报告正文
        spec = self.shown_forms[position]
        page = FormPage(self.store, spec, self.report, self, histories=self.histories, source=self.open)
        page.message.connect(self.after_save)
        page.notice.connect(self.show_message)
        page.model.reread.connect(self._reread)
        page.model.set_findings(of_form(self.findings, spec.key))
        self._grids[position] = page
        self._put_in_tab(tab, page, spec.label)
        self.tabs.setTabToolTip(tab, spec.title_for(self.report.year))
        return page

    def _put_in_tab(self, tab: int, page: QWidget, label: str) -> None:
        """``page`` in place of the placeholder at ``tab``, the tab shown staying shown."""
        placeholder = self.tabs.widget(tab)
        tip = self.tabs.tabToolTip(tab)
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        self.tabs.removeTab(tab)
        self.tabs.insertTab(tab, page, label)
        self.tabs.setTabToolTip(tab, tip)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        placeholder.deleteLater()

    def _tab_shown(self, index: int) -> None:
        try:
            if index >= 1 and self.open is not None:
                self.open.sync()  # one pragma; what another program wrote meanwhile shows now
            if index >= 1 and index - 1 not in self._grids:
                self._form_page(index - 1)
        except UserError as exc:  # the file is locked just now: say so; the tab builds next time
            self.show_message(exc.message)
        self._update_edit_actions()

    # --- undo -------------------------------------------------------------------

    def _update_undo_actions(self) -> None:
        self.steps.show()

    def _history(self) -> History | None:
        return self.histories.of(self.report.id) if self.report else None

    def _page_of(self, form_key: str) -> FormPage:
        return self._form_page(next(i for i, spec in enumerate(self.shown_forms) if spec.key == form_key))

    def undo(self) -> None:
        self._step(undo=True)

    def redo(self) -> None:
        self._step(undo=False)

    def _step(self, *, undo: bool) -> None:
        from forms.editing_labels import undone_line

        if self.report is None:
            return
        self._save_contact()  # typing not saved yet is the last step
        self._save_report_text()
        history = self.histories.of(self.report.id)
        origin = Origin.UNDO if undo else Origin.REDO
        step = (history.undo if undo else history.redo)(lambda s: self._apply_step(s, origin))
        if step is not None:
            self.show_message(undone_line(step.label, undo=undo))
        self._update_undo_actions()

    def _apply_step(self, step: Step, origin: Origin) -> bool:
        """Apply an undo or redo step where it belongs, by its type (a text or contact change
        gets its branch here); False when it was refused."""
        if isinstance(step, Change):  # a grid's: shown on its page, at the first cell it changed
            page = self._page_of(step.form)
            self.tabs.setCurrentWidget(page)
            if not page.model.commit(step, origin, record=False):
                return False
            if (at := page.model.session.first_changed(step)) is not None:
                page.view.move_to(*at)
            return True
        if isinstance(step, ContactChange):
            return self._apply_contact(step)
        if isinstance(step, TextChange) and self.report_page is not None:
            self.tabs.setCurrentWidget(self.report_page)
            return self.report_page.apply_change(step)
        raise TypeError(f"no place to apply {type(step).__name__}")
