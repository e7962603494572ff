"""The report text's outline as the list beside the editor shows it: 导语, the headings, 结束语."""

from __future__ import annotations

from forms.report import ReportText

LEAD_LABEL = "（导语：标题下、“一、”之前的段落）"
CLOSING_LABEL = "（结束语：最后一节之后的段落）"


def outline_labels(text: ReportText) -> list[str]:
    """The outline list's entries: 导语, each heading indented by its level and numbered, 结束语."""
    numbers = text.numbers()
    headings = ["　" * (s.level - 1) + n + s.heading for n, s in zip(numbers, text.sections, strict=True)]
    return [LEAD_LABEL, *headings, CLOSING_LABEL]
