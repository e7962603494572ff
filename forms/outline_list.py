"""The report text's outline as the list beside the editor shows it: 导语, the headings, 结束语."""

from __future__ import annotations

from forms.report import ReportText, Section
from forms.text_changes import TextChange
from forms.text_edits import CLOSING, LEAD

LEAD_LABEL = "（导语：标题下、“一、”之前的段落）"
CLOSING_LABEL = "（结束语：最后一节之后的段落）"


def outline_labels(text: ReportText) -> list[str]:
    """The outline list's entries: 导语, each heading indented by its level and numbered, 结束语."""
    numbers = text.numbers()
    headings = ["　" * (s.level - 1) + n + s.heading for n, s in zip(numbers, text.sections, strict=True)]
    return [LEAD_LABEL, *headings, CLOSING_LABEL]


def outline_keys(text: ReportText) -> list[str]:
    """The keys of the outline's entries, in the list's order: 导语, the sections, 结束语."""
    return [LEAD, *(s.key for s in text.sections), CLOSING]


def outline_entry(text: ReportText, key: str | None) -> Section | None:
    """The entry ``key``: a section, or 导语 and 结束语 as sections without a heading."""
    if key == LEAD:
        return Section(LEAD, 0, "导语", text.lead)
    if key == CLOSING:
        return Section(CLOSING, 0, "结束语", text.closing)
    return next((s for s in text.sections if s.key == key), None)


def is_heading(key: str | None) -> bool:
    """Whether the entry is a section with a heading (one that can be renamed, moved, shifted, removed)."""
    return key is not None and key not in (LEAD, CLOSING)


def row_to_show(keys: list[str], wanted: str | None) -> int:
    """The entry shown after a reload: the one wanted, else the first section (else 导语)."""
    return keys.index(wanted) if wanted in keys else (1 if len(keys) > 2 else 0)


def changed_at(change: TextChange, key: str | None) -> int | None:
    """Where the caret goes once a step of entry ``key``'s text is shown (an undo, a redo, a fix): the
    end of what the step put there, as an editor leaves it after typing (the start of what it took
    away); None where the text did not change."""
    before, after = outline_entry(change.before, key), outline_entry(change.after, key)
    if before is None or after is None or before.body == after.body:
        return None
    a, b = before.body, after.body
    same = min(len(a), len(b))
    start = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), same)
    tail = next((i for i in range(same - start) if a[len(a) - 1 - i] != b[len(b) - 1 - i]), same - start)
    return len(b) - tail
