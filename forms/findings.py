"""A finding of the audit: where, how serious, what to say, and the fix when there is one.

Where is one of three places a clerk can go: a table's cell, a place in the report text, a line of
the contact block. Consumers match on the type, never on a string."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from forms.report import CellKey
from forms.rules import Severity

# A section's heading or body, or a line of the report's own (``ReportText``'s attributes).
TextPart = Literal["body", "heading", "title", "unit_line", "signer", "lead", "closing"]
ContactLine = Literal["filler", "contact_person", "contact_phone"]  # ``Report``'s attributes

# Each in the clerk's words, as every finding about it names it.
PART_NAMES: dict[TextPart, str] = {
    "title": "标题",
    "unit_line": "标题上方的单位",
    "signer": "署名",
    "lead": "导语",
    "closing": "结束语",
    "heading": "小标题",
    "body": "正文",
}
CONTACT_NAMES: dict[ContactLine, str] = {"filler": "填报单位", "contact_person": "联系人", "contact_phone": "联系方式"}
# The report's own lines (not a section's), in the order findings list them.
OWN_LINES: tuple[TextPart, ...] = ("unit_line", "title", "lead", "closing", "signer")


@dataclass(frozen=True)
class CellLocation:
    """A cell of a table: ``form`` its key (a2), ``key`` the cell as stored."""

    form: str
    key: CellKey


@dataclass(frozen=True)
class TextLocation:
    """A place in the report text: a section's ``heading`` or ``body`` (``section`` its key), or a
    line of the report's own (``section`` "", ``part`` title, unit_line, signer, lead or closing)."""

    section: str = ""
    part: TextPart = "body"
    span: tuple[int, int] | None = None  # the characters of the body the finding is about


@dataclass(frozen=True)
class ContactLocation:
    """One of the contact lines, by its name on ``Report``: filler, contact_person or contact_phone."""

    field: ContactLine


Location = CellLocation | TextLocation | ContactLocation


@dataclass(frozen=True)
class Finding:
    where: Location
    severity: Severity
    message: str  # in the clerk's words, naming places as the paper form does
    code: str  # stable, for tests and for filtering
    fix: str = ""  # what to put in place (at the span, for the text), when there is one

    @property
    def cell(self) -> CellKey | None:
        """The table cell this finding is about, when it is about one."""
        return self.where.key if isinstance(self.where, CellLocation) else None

    @property
    def proofreading(self) -> bool:
        """A 校对 check's (forms/proofread*.py, forms/font_cover.py), whose codes start so."""
        return self.code.startswith("PROOF_")


def of_form(findings: list[Finding], form_key: str) -> list[Finding]:
    """The findings about the cells of one table (what its grid colours)."""
    return [f for f in findings if isinstance(f.where, CellLocation) and f.where.form == form_key]
