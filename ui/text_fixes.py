"""The 审核 panel's fix in the report text: the finding's fix put at its place in a section's text, as one
step of the page's undo history (a linked figure where a hand-typed number contradicted the table, a
校对 correction)."""

from __future__ import annotations

from typing import Any

from forms import outline_list
from forms import text_edits as edits
from forms.findings import Finding, TextLocation
from ui import text_preview

# ``page`` is ui/report_page.py's ReportPage, not imported here (it imports this module).


def apply_fix(page: Any, finding: Finding) -> None:
    from forms.finding_groups import fix_label

    at = finding.where
    if not isinstance(at, TextLocation) or at.span is None or not finding.fix:
        return
    key, span, fix, what = at.section, at.span, finding.fix, fix_label(finding)
    if not outline_list.is_heading(key) or page._section(key) is None:
        return
    change = page._edit(lambda t: edits.apply_fix(t, key, span, fix, what), flush=True)
    if change is not None:
        page.show_span(key, None)
        section = page._section(key)
        assert section is not None
        with page._filling():
            page.body.setPlainText(section.body)
        text_preview.update_preview(page)
        page.message.emit(f"已{what}")
