"""Schema history. Append a migration; never edit one that has shipped.

sqlite-utils (≈0.1 s and 15 MiB with its plugin machinery) is imported only when a file
needs migrating: a file stamped with our application_id and ``COUNT`` as its user_version
has every step applied, so opening it never builds the ``Migrations`` set.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database, Migrations

NAME = "tianbao"  # the migration set's name in _sqlite_migrations
_STEPS: list[Callable[[Database], None]] = []


def _step(function: Callable[[Database], None]) -> Callable[[Database], None]:
    _STEPS.append(function)
    return function


@cache
def migration_set() -> Migrations:
    from sqlite_utils import Migrations

    steps = Migrations(NAME)
    for function in _STEPS:
        steps()(function)
    return steps


def __getattr__(name: str) -> object:
    if name == "migrations":  # the set, built on first use
        return migration_set()
    raise AttributeError(name)


@_step
def m001_initial(db: Database) -> None:
    db.table("reports").create(
        {
            "id": int,
            "unit": str,
            "year": int,
            "filler": str,
            "contact_person": str,
            "contact_phone": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"unit", "year"},
    )
    db.table("reports").create_index(["unit", "year"], unique=True)
    # Row order of LIST forms (附件4, 附件5); COMPARISON forms have a fixed row.
    db.table("form_rows").create(
        {"report_id": int, "form": str, "row": str, "position": int},
        pk=("report_id", "form", "row"),
        foreign_keys=[("report_id", "reports", "id")],
    )
    # One value per stable key. period = the column's year for paired fields, else 0.
    # value is the canonical text of the value (forms.kinds); a blank has no row.
    db.table("cells").create(
        {
            "report_id": int,
            "form": str,
            "row": str,
            "field": str,
            "period": int,
            "value": str,
            "updated_at": str,
        },
        pk=("report_id", "form", "row", "field", "period"),
        foreign_keys=[("report_id", "reports", "id")],
    )
    db.table("settings").create({"key": str, "value": str}, pk="key")


@_step
def m002_report_text(db: Database) -> None:
    # The narrative report: one row per report, its sections in order.
    db.table("report_texts").create(
        {
            "report_id": int,
            "kind": str,
            "title": str,
            "signer": str,
            "sign_date": str,  # ISO date or NULL
            "attachments": str,  # comma-separated form keys, in print order
        },
        pk="report_id",
        foreign_keys=[("report_id", "reports", "id")],
    )
    db.table("sections").create(
        {"report_id": int, "key": str, "position": int, "level": int, "heading": str, "body": str},
        pk=("report_id", "key"),
        foreign_keys=[("report_id", "reports", "id")],
    )


@_step
def m003_attachment_numbering(db: Database) -> None:
    # How the report numbers its attachments (forms/numbering.py); NULL reads as the default.
    db.table("report_texts").add_column("attachment_numbering", str)


@_step
def m004_texts_per_kind(db: Database) -> None:
    # A bureau writes both a 行政执法工作报告 and a 法治政府建设工作报告 each year: texts are keyed by
    # (report, kind); the one text a report had keeps its kind (行政执法工作报告 unless changed).
    # New: 导语 (lead), 结束语 (closing), run-in heading levels ("234"), the line above the title.
    # Tables are rebuilt by hand: sqlite-utils' transform() commits, and migrations run in one transaction.
    db.table("report_texts_v4").create(
        {
            "report_id": int,
            "kind": str,
            "title": str,
            "signer": str,
            "sign_date": str,
            "attachments": str,
            "attachment_numbering": str,
            "lead": str,
            "closing": str,
            "run_in": str,  # NULL: the kind's default
            "unit_line": str,
        },
        pk=("report_id", "kind"),
        foreign_keys=[("report_id", "reports", "id")],
    )
    db.execute(
        "insert into report_texts_v4 (report_id, kind, title, signer, sign_date, attachments, attachment_numbering)"
        " select report_id, kind, title, signer, sign_date, attachments, attachment_numbering from report_texts"
    )
    db.table("sections_v4").create(
        {"report_id": int, "kind": str, "key": str, "position": int, "level": int, "heading": str, "body": str},
        pk=("report_id", "kind", "key"),
        foreign_keys=[("report_id", "reports", "id")],
    )
    db.execute(
        "insert into sections_v4 (report_id, kind, key, position, level, heading, body)"
        " select s.report_id, t.kind, s.key, s.position, s.level, s.heading, s.body"
        " from sections s join report_texts t on t.report_id = s.report_id"
    )
    db.execute("drop table sections")
    db.execute("drop table report_texts")
    db.execute("alter table report_texts_v4 rename to report_texts")
    db.execute("alter table sections_v4 rename to sections")


@_step
def m005_outline_styles(db: Database) -> None:
    # Bureaus number their outlines differently (004: 1、 then （1）): a number style per level
    # ("一、|（一）|1.|（1）", NULL: the default), headings without a number, run-in per heading
    # (NULL: the level's choice), and whether 附件说明 is printed (NULL: yes).
    db.table("report_texts").add_column("numbering", str)
    db.table("report_texts").add_column("attachment_note", int)
    db.table("sections").add_column("numbered", int)
    db.table("sections").add_column("run_in", int)


@_step
def m006_templates(db: Database) -> None:
    # Templates travel (storage/templates.py): the text of each template a report uses, verbatim, and
    # each report's own template. The file-wide version recorded before (every report was moved to it
    # when the file was opened) becomes each report's; a file that recorded none was of the first one.
    db.table("templates").create({"version": str, "text": str, "added_at": str}, pk="version", not_null={"text"})
    db.table("reports").add_column("template", str)
    db.execute(
        "update reports set template = coalesce((select value from settings where key = 'template_version'), '2024.1')"
    )
    db.execute("delete from settings where key = 'template_version'")


@_step
def m007_value_log(db: Database) -> None:
    # Every figure's history (storage/value_log.py): one row per cell a change moved, values in their
    # stored form (NULL: blank), where it came from (forms.value_log.Origin) and the file an import read.
    db.table("value_log").create(
        {
            "id": int,
            "report_id": int,
            "form": str,
            "row": str,
            "field": str,
            "period": int,
            "before": str,
            "after": str,
            "at": str,
            "origin": str,
            "source": str,
        },
        pk="id",
        not_null={"report_id", "form", "row", "field", "period", "at", "origin"},
        foreign_keys=[("report_id", "reports", "id")],
    )
    db.table("value_log").create_index(["report_id", "form", "field"])


@_step
def m008_imported_files(db: Database) -> None:
    # Which file each import of a report read (storage/imported_files.py): its name, SHA-256 and when. The
    # same file again changes nothing; the city's board shows each member's last file.
    db.table("imported_files").create(
        {"id": int, "report_id": int, "file": str, "sha256": str, "at": str},
        pk="id",
        not_null={"report_id", "file", "sha256", "at"},
        foreign_keys=[("report_id", "reports", "id")],
    )
    db.table("imported_files").create_index(["report_id"])


@_step
def m009_members(db: Database) -> None:
    # The city's standing member list (storage/members.py), kept across years, which the city's board
    # reads. Seeded from every 汇总 already made (the per-year membership in settings), so a city that
    # aggregated before sees its counties.
    db.table("members").create({"city": str, "unit": str, "added_at": str}, pk=("city", "unit"), not_null={"added_at"})
    stamp = datetime.now().isoformat(timespec="seconds")
    found = db.execute("select key, value from settings where key like 'aggregate_units:%' order by key").fetchall()
    for key, value in found:
        city = key.split(":", 2)[2]
        for unit in json.loads(value):
            if unit != city:
                db.execute("insert or ignore into members values (?, ?, ?)", [city, str(unit), stamp])


COUNT = len(_STEPS)  # our user_version: the number of schema migrations this program knows
