"""What the report page shows of its text: the figure a token shows in the editor, the section as it
prints (figures filled in, bold spans bold, the marks gone), and the characters a finding names."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QWidget

from forms.emphasis import spans
from forms.errors import UserError
from forms.figures import MISSING, TOKEN, describe, figure, parse_token, render
from forms.report import ReportData

# ``page`` is ui/report_page.py's ReportPage, not imported here (it imports this module).


def tables_now(page: QWidget) -> ReportData | None:
    """The tables are read once and again only after a table edit: typing never waits for the file."""
    if page._tables is None or page._tables.report.id != page.report.id:
        try:
            page._tables = page._read_tables()
        except UserError:
            return None  # the file is locked just now
    return page._tables


def figure_text(page: QWidget, token: str) -> str:
    """What a linked figure shows in the editor: its current value in the tables."""
    link = parse_token(token)
    if link is None:
        return token
    data = tables_now(page)
    return figure(link, data) if data is not None else MISSING


def update_preview(page: QWidget) -> None:
    data = tables_now(page)
    if data is None:
        return  # the last preview stays
    stored = page.body.toPlainText()
    page.preview.setText(
        "<br>".join(
            "".join(f"<b>{escape(t)}</b>" if bold else escape(t) for t, bold in spans(line))
            for line in render(stored, data).splitlines()
        )
    )
    links = [parse_token(t) for t in sorted({m[0] for m in TOKEN.finditer(stored)})]
    forms = tuple(form.spec for form in data.forms)  # the report's own template's
    page.body.setToolTip("\n".join(f"{describe(link, page.report.year, forms)}" for link in links if link) or "")


def show_span(page: QWidget, keys: list[str], key: str, span: tuple[int, int] | None, *, focus: bool) -> None:
    """Select a section and, in its text, the characters an audit finding names; ``focus``: the
    keyboard goes there too (a jump), else it stays where it was (a preview)."""
    if key not in keys:
        return
    page.sections.setCurrentRow(keys.index(key))
    if span is not None:
        cursor = page.body.textCursor()
        cursor.setPosition(page.body.shown_position(span[0]))
        cursor.setPosition(page.body.shown_position(span[1]), cursor.MoveMode.KeepAnchor)
        page.body.setTextCursor(cursor)
    if focus:
        page.body.setFocus()
