"""A finding of the audit: where, how serious, what to say, and the fix when there is one."""

from __future__ import annotations

from dataclasses import dataclass

from forms.report import CellKey
from forms.rules import Severity


@dataclass(frozen=True)
class Finding:
    form: str  # a form key, or "text" for the report text
    key: CellKey | None  # the cell (for the text: row = section key, field = the matched field)
    severity: Severity
    message: str  # in the clerk's words, naming places as the paper form does
    code: str  # stable, for tests and for filtering
    fix: str = ""  # text to put in place (a linked-figure token), when there is one
    span: tuple[int, int] | None = None  # for the report text: where the typed number stands
