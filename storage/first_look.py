"""The name of the report a window will open, read before the store is: the start's first paint.

The window shows its frame titled with the report within a bare window's time (ui/start_frame.py),
before the forms, the store and most of Qt are loaded. So this reads with sqlite3 alone, read-only,
and never decides anything: the file is opened for real afterwards (storage/opening.py), which
checks, migrates, restores or refuses it. Whatever is odd here (no file, not a regular file, locked,
damaged, an older or newer schema) is None, and the frame shows the program's name alone.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

from storage.paths import MEMORY

_WAIT_S = 0.05  # a file another program is writing is not worth waiting for here


def read_only_uri(absolute: str, *, windows: bool) -> str:
    """SQLite's read-only URI of an absolute path: ``file:///C:/…`` for a drive, ``file:////server/share/…``
    for a share (the authority must stay empty). Not ``Path.resolve().as_uri()``: resolving turns a
    mapped drive into its share, and ``as_uri`` puts the server in the authority, which SQLite refuses."""
    path = absolute.replace("\\", "/") if windows else absolute
    if not path.startswith("/"):
        path = "/" + path  # C:/… → /C:/…
    return f"file://{quote(path, safe='/:')}?mode=ro"


def report_name(db: Path, report_id: int | None) -> str | None:
    """``Report.name`` of report ``report_id`` in ``db``, else of the first report as the window lists
    them (``storage/reports.all_reports``); None when there is none or the file is not plainly readable."""
    if str(db) == MEMORY:
        return None
    try:
        if not stat.S_ISREG(Path(db).stat().st_mode):  # a FIFO would block the read
            return None
        uri = read_only_uri(os.path.abspath(db), windows=os.name == "nt")
        with closing(sqlite3.connect(uri, uri=True, timeout=_WAIT_S)) as conn:
            rows = conn.execute("select id, unit, year from reports order by year desc, unit").fetchall()
    except (OSError, ValueError, sqlite3.Error):
        return None
    chosen = next((row for row in rows if row[0] == report_id), rows[0] if rows else None)
    if chosen is None or not isinstance(chosen[1], str) or not isinstance(chosen[2], int):
        return None
    return f"{chosen[1]} {chosen[2]}年"
