"""Gather the city's board (forms/board.py) from the file: the standing member list (storage/members.py),
each member's report of the year, the file its last import read (storage/imported_files.py), its audit,
its 原因简析 and the cells its last workbook moved (the figure history, storage/value_log.py)."""

from __future__ import annotations

from datetime import datetime

from forms.audit import audit, errors
from forms.board import MemberRow, Since
from forms.errors import UserError
from forms.report import REASON_ROW, CellKey, Report, ReportData
from forms.value_log import Entry, Origin, place, shown
from storage import members, value_log
from storage.imported_files import ImportedFile
from storage.store import Store

SAME_IMPORT_S = 5  # the file's record and its cells' log are stamped in one transaction, seconds apart at most


def audit_counts(store: Store, report: Report, data: ReportData | None = None) -> tuple[int, int]:
    """(错误, 提示) of the stored report, as its import line counts them (importers/importing.py)."""
    data = data or store.report_data(report, with_text=False)
    findings = audit(data, store.previous_year_figures(report))
    wrong = len(errors(findings))
    return wrong, len(findings) - wrong


def reasons(data: ReportData) -> tuple[str, ...]:
    """The 原因简析 the member wrote, one per figure: ``附件2 行政检查：…``."""
    out = []
    for form in data.forms:
        for f in form.spec.paired_fields():
            text = form.get(CellKey(REASON_ROW, f.key))
            if isinstance(text, str) and text.strip():
                out.append(f"{form.spec.label} {f.noun}：{text.strip()}")
    return tuple(out)


def _last_two(store: Store, report: Report) -> list[ImportedFile]:
    with store.read():
        found = store.conn.execute(
            "select file, sha256, at from imported_files where report_id=? order by id desc limit 2", [report.id]
        ).fetchall()
    return [ImportedFile(*row) for row in found]


def _seconds_apart(a: str, b: str) -> float:
    return abs((datetime.fromisoformat(a) - datetime.fromisoformat(b)).total_seconds())


def _before(entries: list[Entry], file: str, at: str) -> str | None:
    """When the import before that of ``file`` at ``at`` logged its last entry (None: there was none):
    one of another file, or of the same file longer ago than one import takes."""
    earlier = [e.at for e in entries if e.at <= at and (e.source != file or _seconds_apart(e.at, at) > SAME_IMPORT_S)]
    return earlier[-1] if earlier else None


def since_last(store: Store, report: Report) -> tuple[str, str, Since, tuple[str, ...]]:
    """(file, when, what it did, the moves) of the report's last imported workbook.

    Its moves are the log's last import entries of its file, stamped with it and after the import before
    it (an import that moved nothing logged nothing; one import logs a form at a time, so its stamps may
    differ by a second). The same file twice in a row is imported again only after an edit here, which it
    undoes: its moves are what it put back, so the history alone says what changed. Times are
    in seconds: of two workbooks of one unit imported within the same second, the later one's moves are
    not told apart. Without a file record (imports before m008 kept them) the log's file name and time
    stand in."""
    entries = [e for e in value_log.entries(store, report) if e.origin is Origin.IMPORT]
    records = _last_two(store, report)
    if not records and not entries:
        return "", "", Since.TYPED, ()
    file, at = (records[0].file, records[0].at) if records else (entries[-1].source, entries[-1].at)
    previous: str | None
    previous = records[1].at if len(records) > 1 else _before(entries, file, at)
    if previous is None:
        return file, at, Since.FIRST, ()
    moved: list[Entry] = []
    for entry in reversed(entries):
        if entry.source != file or entry.at <= previous or _seconds_apart(entry.at, at) > SAME_IMPORT_S:
            break
        moved.insert(0, entry)
    if not moved:
        return file, at, Since.SAME, ()
    return file, at, Since.MOVED, _moves(store, report, moved)


def _moves(store: Store, report: Report, run: list[Entry]) -> tuple[str, ...]:
    specs = {spec.key: spec for spec in store.forms_of(report)}
    return tuple(
        f"{place(specs.get(e.form), e.form, e.key)}：{shown(specs.get(e.form), e.key, e.before)}"
        f" → {shown(specs.get(e.form), e.key, e.after)}"
        for e in run
    )


def member_row(store: Store, unit: str, year: int) -> MemberRow:
    report = store.find_report(unit, year)
    if report is None:
        return MemberRow(unit, reported=False)
    data = store.report_data(report, with_text=False)
    wrong, hints = audit_counts(store, report, data)
    file, at, since, moves = since_last(store, report)
    return MemberRow(unit, True, file, at, wrong, hints, reasons(data), since, moves)


def board(store: Store, city: str, year: int) -> list[MemberRow]:
    """Every member of the city's standing list, in the list's order ([] for a city without one)."""
    return [member_row(store, unit, year) for unit in members.members(store, city)]


def require_list(store: Store, city: str) -> list[str]:
    """The city's member list, or the UserError naming the cities that do have one."""
    listed = members.members(store, city)
    if not listed:
        known = "、".join(members.cities(store)) or "无"
        raise UserError(f"“{city}”没有成员名单（有成员名单的汇总单位：{known}）；可先加入成员单位或生成汇总")
    return listed


def require_board(store: Store, city: str, year: int) -> list[MemberRow]:
    """``board`` of a city that has a member list (else ``require_list``'s UserError)."""
    return [member_row(store, unit, year) for unit in require_list(store, city)]
