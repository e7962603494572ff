"""The 审核 panel's fix in the report text: the finding's fix put at its place in a section's text, as one
step of the page's undo history (a linked figure where a hand-typed number contradicted the table, a
校对 correction)."""

from __future__ import annotations

from typing import Any

from forms import text_edits as edits
from forms.findings import Finding, TextLocation
from ui import text_preview

# ``page`` is ui/report_page.py's ReportPage, not imported here (it imports this module).


def apply_fix(page: Any, finding: Finding) -> None:
    from forms.finding_groups import fix_label

    at = finding.where
    if not isinstance(at, TextLocation) or at.span is None or not finding.fix:
        return
    key, span, fix, what, part = at.section, at.span, finding.fix, fix_label(finding), at.part
    if part in ("body", "heading") and page._section(key) is None:
        return  # gone meanwhile
    change = page._edit(lambda t: edits.apply_fix(t, key, span, fix, what, part), flush=True)
    if change is None:
        return
    if part == "body":
        page.show_span(key, None)
        section = page._section(key)
        with page._filling():
            page.body.setPlainText(section.body)
        page.caret_at_change(change)
        text_preview.update_preview(page)
    else:  # a heading, the title, the unit line, the 署名: their fields shown again from the file
        page._reload(select=key or None)
    page.message.emit(f"已{change.label}")  # where, as a cell's fix says it


def apply_fixes(page: Any, findings: list[Finding]) -> None:
    """全部改正: every fix of one 校对 check in the text, as one step of the page's undo history."""
    from forms.finding_groups import check_name

    fixes = [
        (at.section, at.part, at.span, f.fix)
        for f in findings
        if isinstance(at := f.where, TextLocation) and at.span is not None and f.fix
    ]
    if not fixes:
        return
    what = f"改正{check_name(findings[0].code)}"
    done = 0

    def make(text: Any) -> Any:
        nonlocal done
        change, done = edits.apply_fixes(text, fixes, what)
        return change

    shown = page.current_key  # the section the clerk looks at stays in view
    if page._edit(make, flush=True) is None:
        return
    page.current_key = None  # every field shown again from the file
    page._reload(select=shown)
    page.message.emit(f"已{what} {done} 处")
