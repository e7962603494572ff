"""Stored text that no document may hold (control characters an older version or a hand edit left in
the file): the exports drop them (``forms.hygiene.printable``), the audit names each place with the
text it would print. Cells are named by the value kinds (``Invalid``, an 错误 with its fix); here are
the contact line and the report text."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from forms.findings import CONTACT_NAMES, PART_NAMES, ContactLocation, Finding, TextLocation, TextPart
from forms.hygiene import clean_text, echo_at, first_forbidden, forbidden, printable
from forms.kinds import Invalid, TextKind
from forms.report import FormData, ReportData, ReportText, cell_kind
from forms.rules import Severity

_TEXT: tuple[TextPart, ...] = ("title", "unit_line", "signer", "lead", "closing")


def _message(what: str, stored: str, fix: str) -> str:
    at = first_forbidden(stored)
    said, fixed = echo_at(stored, at), echo_at(fix, at)  # the same stretch of both, where it goes wrong
    return f"{what}“{said}”含有文档中不能保存的控制字符（{forbidden(stored)}），导出时会去掉；应为“{fixed}”"


_MULTILINE = ("title", "lead", "closing")  # a title breaks where the clerk pressed Enter


def check_stored_chars(data: ReportData) -> list[Finding]:
    found = []
    report = data.report
    for line, what in CONTACT_NAMES.items():
        stored = getattr(report, line)
        if forbidden(stored):
            fix = clean_text(stored)
            message = _message(what, stored, fix)
            found.append(Finding(ContactLocation(line), Severity.HINT, message, "CONTACT_CHARS", fix))
    text = data.text
    if text is None:
        return found
    for part in _TEXT:
        stored = getattr(text, part)
        if forbidden(stored):
            fix = printable(stored, multiline=part in _MULTILINE)
            # the fix is named, not offered: the window applies text fixes to a section's body only
            message = _message(PART_NAMES[part], stored, fix)
            found.append(Finding(TextLocation("", part), Severity.HINT, message, "TEXT_CHARS"))
    for section in text.sections:
        if forbidden(section.heading):
            message = _message("标题", section.heading, printable(section.heading, multiline=False))
            found.append(Finding(TextLocation(section.key, "heading"), Severity.HINT, message, "TEXT_CHARS"))
        if forbidden(section.body):
            fix = printable(section.body)
            at = TextLocation(section.key, "body", (0, len(section.body)))
            found.append(Finding(at, Severity.HINT, _message("正文", section.body, fix), "TEXT_CHARS", fix))
    return found


def printable_data(data: ReportData) -> ReportData:
    """``data`` as an export may write it: every stored text through ``printable``."""
    report = data.report
    lines: dict[str, Any] = {
        name: printable(getattr(report, name), multiline=False) for name in ("unit", *CONTACT_NAMES)
    }
    clean_report = replace(report, **lines)
    forms = [_printable_form(form) for form in data.forms]
    return replace(data, report=clean_report, forms=forms, text=_printable_text(data.text))


def _printable_form(form: FormData) -> FormData:
    values = {}
    for key, value in form.values.items():
        kind = cell_kind(form.spec, key.row, key.field)
        multiline = isinstance(kind, TextKind) and kind.multiline
        if isinstance(value, str):
            value = printable(value, multiline=multiline)
        elif isinstance(value, Invalid):
            value = Invalid(printable(value.stored, multiline=multiline), value.problem, value.fix)
        values[key] = value
    return FormData(form.spec, form.rows, values)


def _printable_text(text: ReportText | None) -> ReportText | None:
    if text is None:
        return None
    sections = tuple(
        replace(s, heading=printable(s.heading, multiline=False), body=printable(s.body)) for s in text.sections
    )
    lines: dict[str, Any] = {name: printable(getattr(text, name), multiline=name in _MULTILINE) for name in _TEXT}
    return replace(text, sections=sections, **lines)
