"""The audit's wiring in the window: refreshing the findings, showing a place, putting a fix."""

from __future__ import annotations

from forms.errors import UserError
from forms.findings import ContactLocation, Finding, TextLocation, of_form
from forms.report import ReportData


class AuditWiring:
    """Part of ``MainWindow`` (ui/main_window.py): the audit panel's jump, show and fix, and the refresh."""

    def _audit_hidden_by_clerk(self) -> bool:
        return self.audit_closed

    def _audit_toggled(self, checked: bool) -> None:
        self.audit_closed = not checked

    # --- audit ------------------------------------------------------------------

    def refresh_audit(self, *, check_file: bool = True) -> list[Finding]:
        """Audit the report as the file holds it and show the findings everywhere. The window's
        copy is read again only when the file changed otherwise than through it (``check_file``
        False: a grid has just committed a change, which checked that), and only the rules whose
        tables changed run again (storage/open_report.py, forms.audit.Auditor). When the file
        cannot be read just now (locked elsewhere), the last findings stay on screen."""
        from forms.progress import untouched

        if self.report is None or self.open is None:
            return []
        pages = self._built_pages()
        try:
            findings = self.open.findings(check=check_file)
            data = self.open.data
            for page in pages:
                page.model.follow()  # when the copy was read again
        except UserError as exc:
            self.show_message(f"审核暂未更新：{exc.message}")
            return self.findings
        self.findings = findings
        self.audited = True
        shown = (findings, untouched(data), self.open.reshaped)  # reshaped: rows or report changed, so places did
        if shown == self._audit_shown:  # most edits change no finding
            return findings
        self._audit_shown = shown
        self.audit_panel.show_findings(findings, data, untouched=shown[1])
        for page in pages:
            page.model.set_findings(of_form(findings, page.spec.key))
        return findings

    def _tables_for_text(self) -> ReportData:
        """The tables as the file holds them, for the report text's linked figures."""
        assert self.open is not None
        self.open.sync()
        return self.open.data

    def _reread(self) -> None:
        """A grid met a change written elsewhere and the report was read again: show it all
        (its undo history was dropped)."""
        self._update_undo_actions()
        self.refresh_audit()
        if self.built_report_page is not None:
            self.built_report_page.refresh_figures()

    def after_save(self, text: str) -> None:
        from_grid = self.sender() in self._grids.values()  # through OpenReport.apply
        self.show_message(text)
        self._update_undo_actions()
        self.refresh_audit(check_file=not from_grid)
        if from_grid and self.built_report_page is not None and self.open is not None:
            # The preview shows the tables' new figures (when shown), from the copy just audited.
            self.report_page.refresh_figures(self.open.held)

    def _preview(self, finding: Finding) -> None:
        from forms.finding_groups import place

        # A click only shows the place (the keyboard stays in the list): say how to go there to type.
        self.jump_to(finding, focus=False)
        if self.open is not None:
            self.show_message(f"{place(finding, self.open.data)}：回车或双击转到该处")

    def jump_to(self, finding: Finding, *, focus: bool = True) -> None:
        """Show a finding's place; ``focus`` (Enter in the list) also puts the keyboard there."""
        at = finding.where
        if isinstance(at, ContactLocation):
            if focus:
                self._contact_edits()[at.field].setFocus()
            return
        if isinstance(at, TextLocation):
            if self.report_page is not None:
                self.tabs.setCurrentWidget(self.report_page)
                span = at.span if at.part == "body" else None  # a heading's or the title's: shown in its field
                self.report_page.show_span(at.section, span, focus=focus)
            return
        for page in self.pages:
            if page.spec.key == at.form:
                self.tabs.setCurrentWidget(page)
                where = page.model.locate(at.key)
                if where is not None:
                    index = page.model.index(*where)
                    page.view.setCurrentIndex(index)
                    page.view.scrollTo(index)
                    if focus:
                        page.view.setFocus()

    def set_fonts(self, name: str) -> None:
        """设置 → Word 报告字体, or the 校对 fix of a character the official fonts cannot print: the
        report's font choice, and the audit again (what the fonts print changed)."""
        from forms.font_cover import SHOWN

        self._guarded(lambda: self.store.set_font_set(name))
        self.font_actions[self.store.font_set()].setChecked(True)
        if self.open is not None and self.open.held is not None:
            self.open.held.fonts = self.store.fonts()
        self.refresh_audit()
        self.show_message(f"Word 报告字体：{SHOWN.get(self.store.font_set(), '')}")

    def apply_fixes(self, findings: list[Finding]) -> None:
        """全部改正: one 校对 check's fixes in the report text, one undo step."""
        if self.report_page is not None:
            self.report_page.apply_fixes(findings)

    def apply_fix(self, finding: Finding) -> None:
        """Put a finding's fix where it belongs: a cell (one undo step), a contact line, the report text;
        a character the fonts cannot print: the switch to the Windows fonts."""
        from forms.font_cover import FONT_CODE

        if finding.code == FONT_CODE:
            if finding.fix:
                self.set_fonts(finding.fix)
            return
        at = finding.where
        if isinstance(at, ContactLocation):
            self._contact_edits()[at.field].setText(finding.fix)
            self._save_contact()
            return
        if isinstance(at, TextLocation):
            if self.report_page is not None:
                self.report_page.apply_fix(finding)
            return
        page = next((p for p in self.pages if p.spec.key == at.form), None)
        if page is not None:
            key = at.key
            self._guarded(lambda: page.model.apply_text(key, finding.fix))
