"""An editing session as the grid runs it, for the plain tests of ``forms.editing``."""

from __future__ import annotations

from forms.editing import Conflict, EditSession
from forms.history import History
from forms.registry import form
from storage.open_report import OpenReport
from storage.store import ChangeConflict, Store


def open_session(store: Store, report, key: str, history: History | None = None) -> EditSession:
    """A session as the grid runs it: changes through the window's copy, the body shown again after each."""
    source = OpenReport(store, report)
    spec = form(key)

    def show() -> None:
        data = source.data
        session.show(data.form(key), data.places)

    def write(change, origin):
        try:
            touched = source.apply(change, origin)
        except ChangeConflict as exc:
            raise Conflict(exc.message) from exc
        show()
        return touched

    session = EditSession(
        spec,
        report.year,
        apply=write,
        held=lambda: source.form(key),
        new_row_key=lambda: store.new_row_key(report.id, spec),
        history=history,
    )
    show()
    return session
