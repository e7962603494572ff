"""Findings about the report text itself, apart from its figures."""

from __future__ import annotations

from forms.findings import Finding, TextLocation
from forms.report import ReportText
from forms.rules import Severity

EMPTY_SECTION = "TEXT_EMPTY_SECTION"


def check_empty_sections(text: ReportText | None) -> list[Finding]:
    """A heading with neither text nor sub-headings under it would print alone: a 提示. A heading
    whose sub-headings carry the text (一、 over its （一）…) is fine without text of its own."""
    if text is None:
        return []
    sections = text.sections
    found = []
    for i, section in enumerate(sections):
        has_children = i + 1 < len(sections) and sections[i + 1].level > section.level
        if section.body.strip() or has_children:
            continue
        message = f"“{section.heading}”下还没有正文，请填写或删除这一节"
        found.append(Finding(TextLocation(section.key), Severity.HINT, message, EMPTY_SECTION))
    return found
