"""The name of the report a window will open, read before the store is: the start's first paint.

The window shows its frame titled with the report within a bare window's time (ui/start_frame.py),
before the forms, the store and most of Qt are loaded. So this reads with sqlite3 alone, writing nothing,
and never decides anything: the file is opened for real afterwards (storage/opening.py), which
checks, migrates, restores or refuses it. Whatever is odd here (no file, not a regular file, locked,
damaged, an older or newer schema) is None, and the frame shows the program's name alone.
"""

from __future__ import annotations

import sqlite3
import stat
from contextlib import closing
from pathlib import Path

from forms.report_name import report_name as named

LISTED_ORDER = "order by year desc, unit"  # the reports as the window lists them (storage/reports.py)
_WAIT_S = 0.05  # a file another program is writing is not worth waiting for here


def report_name(db: Path, report_id: int | None) -> str | None:
    """``Report.name`` of report ``report_id`` in ``db``, else of the first report as the window lists
    them (``storage/reports.all_reports``); None when there is none or the file is not plainly readable."""
    try:
        if not stat.S_ISREG(Path(db).stat().st_mode):  # a FIFO would block the read; ":memory:" is no file
            return None
        # A plain path, as storage/backup.py reads one: a "file:" URI would need a share's server kept out
        # of its authority, and a mapped drive's path not resolved to the share. It exists (above), so
        # nothing is created; query_only, so nothing is written.
        with closing(sqlite3.connect(str(db), timeout=_WAIT_S)) as conn:
            conn.execute("PRAGMA query_only = ON")
            rows = conn.execute(f"select id, unit, year from reports {LISTED_ORDER}").fetchall()
    except (OSError, ValueError, sqlite3.Error):
        return None
    chosen = next((row for row in rows if row[0] == report_id), rows[0] if rows else None)
    if chosen is None or not isinstance(chosen[1], str) or not isinstance(chosen[2], int):
        return None
    return named(chosen[1], chosen[2])
