"""Report-text edits in a stored report by the window's own path: an edit of ``forms.text_edits``
made on the text the file holds, then applied compare-and-set (``storage.text_changes.apply_text``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from forms import text_edits as edits
from forms.report import Report
from forms.text_changes import TextChange
from storage.connection import Database
from storage.report_text import ReportTexts
from storage.text_changes import apply_text


def edit_text(
    db: Database, report: Report, edit: Callable[..., TextChange], *args: Any, kind: str | None = None
) -> TextChange:
    """``edit(text, *args)`` on the stored text of ``kind`` (None: the open one), written to the file."""
    texts = ReportTexts(db)
    change = edit(texts.get(report, kind), *args)
    apply_text(texts, report, change)
    return change


def attach(db: Database, report: Report, *chosen: str, kind: str | None = None) -> TextChange:
    """附件 ticked as the page does: checked against, and put in the order of, the file's template."""
    return edit_text(db, report, edits.set_attachments, chosen, [s.key for s in db.forms], kind=kind)


def add_section_at(
    db: Database, report: Report, position: int, level: int, heading: str, *, kind: str | None = None
) -> str:
    """A new section at ``position`` (clamped to the outline) of ``level``, as 添加 after 导语, then
    降级 and 下移 make it; its key."""
    key = edit_text(db, report, edits.add_section, edits.LEAD, heading, kind=kind).key
    assert key is not None
    edit_text(db, report, edits.shift_level, key, level - 1, kind=kind)
    edit_text(db, report, edits.move_section, key, position, kind=kind)
    return key
