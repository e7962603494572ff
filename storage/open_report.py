"""The report a window has open, kept in memory so that an edit does not read the file back.

Read once (tables, the open report text, 同比 places, last year's figures), then kept up to date
from each change this program commits through ``apply``: the store knows exactly what it wrote.
Whenever anything else wrote the file since it was read (another window or program, or this
program outside ``apply``: the report text, the contact line, an import, a restore), the file's
generation (``Store.generation``) has moved and everything is read again. The audit is kept
incrementally (``forms.audit.Auditor``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from forms.changes import Change, SetCells, Touched
from forms.errors import UserError
from forms.report import FormData, Report, ReportData
from forms.value_log import Origin
from storage.store import ChangeConflict, Generation, Store, read_back

if TYPE_CHECKING:  # the audit's modules load at the first audit, after the window's first paint
    from forms.audit import Auditor, Finding, PreviousFigures


@dataclass(frozen=True)
class Reread:
    """What a read of the whole report found different from the copy it replaced: what the views
    repaint (each says True when nothing was held before)."""

    tables: bool = True  # the grids' values or rows, the 同比 places or last year's figures
    contact: bool = True  # the report row: 填报单位, 联系人, 联系方式
    text: bool = True  # the open report text (outline, sections, title …)

    @property
    def anything(self) -> bool:
        return self.tables or self.contact or self.text


class OpenReport:
    def __init__(self, store: Store, report: Report) -> None:
        self.store = store
        self.report = report
        self._auditor: Auditor | None = None
        self.loads = 0  # how many times everything was read: views built from an older read follow
        self.reshaped = 0  # moves when rows or the text may have moved (where a finding is, 第N行)
        self._generation: Generation | None = None  # the file's state ``data`` was read at; None: stale
        self._data: ReportData | None = None
        self._previous: PreviousFigures | None = None
        self.last_read = Reread()  # what the last read of the whole report found changed
        # Called after every read of the whole report with what it found changed: whatever shows
        # the copy (the grids, the contact line, the text) follows at once, so the screen never
        # shows older values than the copy an edit is checked against.
        self.listeners: list[Callable[[Reread], None]] = []

    # --- reading ------------------------------------------------------------------------

    def open(self, report: Report) -> None:
        """Show ``report`` (another one, or the same with a new contact line): read at the next use."""
        if report.id != self.report.id:
            self._data = None  # nothing of another report is shown meanwhile
        self.report = report
        self._generation = None

    def sync(self, *, wait: bool = True) -> bool:
        """Read everything again if the file changed since it was read; True when it did.
        A StorageError (the file locked just now) leaves the copy as it was, still marked stale.
        ``wait=False`` (a periodic look): a file locked just now counts as unchanged, at once."""
        generation = self.store.generation(wait=wait)
        if generation is None or (generation == self._generation and self._data is not None):
            return False
        self._generation = None
        try:
            report = self.store.report(self.report.id)  # the contact line, as the file holds it
        except KeyError:  # gone (a restore): the window opens another report
            report = self.report
        data = self.store.report_data(report)
        previous = self.store.previous_year_figures(report)
        old, old_previous = self._data, self._previous
        # The generation read first: a write landing in between makes the next sync read again.
        self.report, self._data, self._previous, self._generation = report, data, previous, generation
        self.loads += 1
        self.reshaped += 1
        if self._auditor is not None:
            self._auditor.reset()  # nothing computed from the old copy is kept
        self.last_read = _difference(old, old_previous, data, previous)
        for listener in list(self.listeners):
            listener(self.last_read)
        return True

    @property
    def data(self) -> ReportData:
        """The tables, the open text and the places as the file holds them (read when stale)."""
        if self._data is None or self._generation is None:
            self.sync()
        assert self._data is not None
        return self._data

    @property
    def held(self) -> ReportData | None:
        """The copy as it is, without reading: None when stale (read at the next use)."""
        return self._data if self._generation is not None else None

    @property
    def previous(self) -> PreviousFigures | None:
        """The same unit's report of the year before, as filed (``Store.previous_year_figures``)."""
        _ = self.data  # read when stale
        return self._previous

    def form(self, key: str) -> FormData:
        """One table as held, even when stale (a change made from it is compare-and-set, so a
        stale value is refused, never written over); read only when nothing is held."""
        return (self._data if self._data is not None else self.data).form(key)

    @property
    def auditor(self) -> Auditor:
        if self._auditor is None:
            from forms.audit import Auditor

            self._auditor = Auditor()
        return self._auditor

    def findings(self, *, check: bool = True) -> list[Finding]:
        """``forms.audit.audit`` of the report as the file holds it now. ``check=False`` right
        after ``apply``: the copy was checked against the file under that change's write lock."""
        if check:
            self.sync()
        data = self.data  # read when stale
        return self.auditor.findings(data, self._previous)

    # --- writing ------------------------------------------------------------------------

    def apply(self, change: Change, origin: Origin = Origin.TYPED) -> Touched:
        """Commit ``change`` (``Store.apply``: compare-and-set, one transaction, logged with ``origin``)
        and show it here. Raises what ``Store.apply`` raises; nothing is written then and the copy is unchanged."""
        data = self.data  # read when stale, before the write
        try:
            touched = self.store.apply(self.report.id, change, origin)
        except ChangeConflict:
            self._generation = None  # someone else wrote: read again at the next use
            raise
        assert self.store.last_write is not None
        before, after = self.store.last_write
        try:
            self._show(data, change, before, after)
        except UserError:
            # Committed, but the file could not be read back just now (another program took it):
            # the change stays saved; the copy is read at the next use.
            self._generation = None
        return touched

    def _show(self, data: ReportData, change: Change, before: Generation, after: Generation) -> None:
        if before != self._generation:
            # Someone else wrote since we read: what we hold plus our change is not the file.
            self._generation = None
            self.sync()
            return
        form = data.form(change.form)
        if isinstance(change, SetCells):
            for key, value in change.after.items():
                shown = read_back(form.spec, key, value)  # as a read of the file would give it
                if shown is None:
                    form.values.pop(key, None)
                else:
                    form.values[key] = shown
        else:  # rows inserted or removed: this form is read again, as it is now
            self._generation = None
            fresh = self.store.form_data(self.report, form.spec)
            form.rows, form.values = fresh.rows, fresh.values
            self.reshaped += 1
        self._generation = after
        if self._auditor is not None:
            self._auditor.changed(change.form, change.after if isinstance(change, SetCells) else None)


def _difference(
    old: ReportData | None, old_previous: PreviousFigures | None, new: ReportData, previous: PreviousFigures | None
) -> Reread:
    if old is None or old.report.id != new.report.id:
        return Reread()
    # A report moved to another template (storage/template_move.py) has other tables altogether.
    tables = old.places != new.places or old_previous != previous or len(old.forms) != len(new.forms)
    tables = tables or any((a.rows, a.values) != (b.rows, b.values) for a, b in zip(old.forms, new.forms, strict=True))
    contact = old.report != new.report
    return Reread(tables=tables, contact=contact, text=old.text != new.text)
