"""The shapes of the rows storage reads by column name, as the migrations made the tables
(storage/migrations.py): NULL where a column was added later or may be left blank."""

from __future__ import annotations

from typing import TypedDict


class ReportRow(TypedDict):
    id: int
    unit: str
    year: int
    filler: str | None
    contact_person: str | None
    contact_phone: str | None
    template: str  # its template's version (storage/templates.py)


class TextRow(TypedDict):
    report_id: int
    kind: str
    title: str
    signer: str | None
    sign_date: str | None  # ISO date
    attachments: str | None  # comma-separated form keys, in print order
    attachment_numbering: str | None
    lead: str | None
    closing: str | None
    run_in: str | None  # run-in heading levels ("234"); NULL: the kind's default
    unit_line: str | None
    numbering: str | None  # a number style per level; NULL: the default
    attachment_note: int | None  # NULL: printed


class SectionRow(TypedDict):
    report_id: int
    kind: str
    key: str
    position: int
    level: int
    heading: str
    body: str | None
    numbered: int | None  # NULL: numbered
    run_in: int | None  # NULL: the level's choice
