"""Ending without asking (SIGTERM, Windows log-off or shutdown): what is saved, and where what
cannot be saved goes.

Everything pending (the contact line, the report text being typed) is saved to the database as a
close would; nothing is asked. What cannot be saved (the file locked, read-only, the disk full)
is written to a recovery file, ``恢复-<单位>-<年度>-<日期-时间>.txt`` beside the database (else in
the temporary folder), and a note beside the database (or there) names it, so that the next start
tells the clerk where it is.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Sequence
from contextlib import suppress
from datetime import datetime
from pathlib import Path

from forms.report import Report
from storage.paths import path_tag

NOTE_SUFFIX = ".恢复记录.txt"  # the note: one recovery file's path a line
FORBIDDEN = re.compile(r'[\\/:*?"<>|\s]+')  # what a Windows file name cannot hold (and blanks)


def recovery_name(report: Report | None, when: datetime) -> str:
    """``恢复-示例市应急管理局-2024-20250301-173005.txt``: the unit without what a file name forbids."""
    what = f"{FORBIDDEN.sub('_', report.unit)[:40]}-{report.year}" if report is not None else "填报助手"
    return f"恢复-{what}-{when:%Y%m%d-%H%M%S}.txt"


def _folders(db: Path) -> list[Path]:
    """Where a recovery file may go, in order: beside the database, else the temporary folder."""
    spare = Path(tempfile.gettempdir())
    return [spare] if str(db) == ":memory:" else [db.resolve().parent, spare]


def _notes(db: Path) -> list[Path]:
    """The notes naming the recovery files of ``db``, one per folder of ``_folders``: beside the
    database ``<database>.恢复记录.txt``, in the temporary folder one named by the database's path."""
    if str(db) == ":memory:":
        return [Path(tempfile.gettempdir()) / f"填报助手-内存{NOTE_SUFFIX}"]
    tag = path_tag(db, 12)
    beside, spare = _folders(db)
    return [beside / f"{db.name}{NOTE_SUFFIX}", spare / f"填报助手-{tag}{NOTE_SUFFIX}"]


HEAD_END = "请打开填报助手，把它复制回原处。\n\n"  # after it, the text as typed


def write_recovery(
    db: Path, report: Report | None, problems: Sequence[str], text: str, when: datetime, *, last: Path | None = None
) -> Path | None:
    """Write what could not be saved; its path, or None when no folder takes it either.
    ``last``: the file written a moment ago (a log-off, then the close that follows): when it
    holds this text already, it is the answer and nothing is written twice."""
    if last is not None:
        with suppress(OSError):
            if last.read_text(encoding="utf-8-sig").partition(HEAD_END)[2] == f"{text}\n":
                return last
    where = report.name if report is not None else ""
    body = (
        f"填报助手：以下内容在程序关闭时（{when:%Y-%m-%d %H:%M:%S}）未能保存到数据库 {db}，{where}\n"
        f"原因：{'；'.join(problems)}\n{HEAD_END}{text}\n"
    )
    name = recovery_name(report, when)
    for folder, note in zip(_folders(db), _notes(db), strict=True):
        path = folder / name
        try:
            path.write_text(body, encoding="utf-8-sig")  # Notepad opens it as UTF-8
            with note.open("a", encoding="utf-8") as f:
                f.write(f"{path}\n")
        except OSError:
            continue
        return path
    return None


def save_without_asking(
    savers: Sequence[Callable[[], str | None]],
    unsaved: Callable[[], str],
    db: Path,
    report: Report | None,
    when: datetime,
    *,
    last: Path | None = None,
) -> Path | None:
    """Run every saver (each returns the reason it could not save, or None); when one could not,
    write ``unsaved()`` to a recovery file (``write_recovery``) and return its path."""
    problems = [problem for problem in (save() for save in savers) if problem]
    if not problems:
        return None
    return write_recovery(db, report, problems, unsaved(), when, last=last)


def take_recovered(db: Path) -> list[Path]:
    """The recovery files written for ``db`` since the last start (the notes are then removed)."""
    found: list[Path] = []
    for note in _notes(db):
        try:
            lines = note.read_text(encoding="utf-8").splitlines()
            note.unlink()
        except OSError:
            continue
        found += [Path(line) for line in lines if line.strip() and Path(line).exists()]
    return found
