"""Which workbook each import of a report read (table ``imported_files``, migration m008).

Written in the import's own transaction, so a report's last file is the one its figures came from:
the same file again (same SHA-256) can change nothing and say so, and the city's board names each
member's file and when it came.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.connection import Database, now


@dataclass(frozen=True)
class ImportedFile:
    file: str  # the name the clerk chose (no folder: a path says nothing to the city)
    sha256: str
    at: str  # ISO time, seconds


def record(db: Database, report_id: int, file: str, sha256: str) -> None:
    """Call under the write that imports the file."""
    db.conn.execute(
        "insert into imported_files (report_id, file, sha256, at) values (?, ?, ?, ?)",
        [report_id, file, sha256, now()],
    )


def last(db: Database, report_id: int) -> ImportedFile | None:
    """The file the report's last import read; None for a report never imported (typed in, a 汇总)."""
    with db.read():
        row = db.conn.execute(
            "select file, sha256, at from imported_files where report_id=? order by id desc limit 1", [report_id]
        ).fetchone()
    return ImportedFile(*row) if row else None


def unchanged_since(db: Database, report_id: int, sha256: str) -> bool:
    """The report's last import read a file of this SHA-256 and nothing changed the report after it
    (its ``updated_at``, seconds, is not later: an edit in the very second of the import goes unseen)."""
    with db.read():
        row = db.conn.execute(
            "select f.sha256, f.at, r.updated_at from imported_files f join reports r on r.id = f.report_id"
            " where f.report_id=? order by f.id desc limit 1",
            [report_id],
        ).fetchone()
    return row is not None and row[0] == sha256 and row[2] <= row[1]
