"""Undo/redo as plain Python: a list of applied changes per report.

Qt's QUndoStack is not used: Python-subclassed QUndoCommand objects owned by a C++ stack were
freed by Qt after Python had released what they referenced, and closing the window after an
undo aborted the interpreter (``bool_dealloc``). Here Python owns every change; the window
only shows the labels and calls ``undo``/``redo``.
"""

from __future__ import annotations

from forms.changes import Change

LIMIT = 500


class History:
    def __init__(self, limit: int = LIMIT) -> None:
        self._done: list[Change] = []
        self._undone: list[Change] = []
        self._limit = limit

    def record(self, change: Change) -> None:
        """A change the clerk just made (and storage accepted): redo is no longer possible."""
        self._done.append(change)
        del self._done[: -self._limit]
        self._undone.clear()

    def undo_label(self) -> str | None:
        return self._done[-1].label if self._done else None

    def redo_label(self) -> str | None:
        return self._undone[-1].label if self._undone else None

    def next_undo(self) -> Change | None:
        """The change that undoes the last one; call ``undone()`` once storage applied it."""
        return self._done[-1].inverse() if self._done else None

    def undone(self) -> None:
        self._undone.append(self._done.pop())

    def next_redo(self) -> Change | None:
        return self._undone[-1] if self._undone else None

    def redone(self) -> None:
        self._done.append(self._undone.pop())

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()


class Histories:
    """One history per report, kept while the program runs (switching reports keeps it)."""

    def __init__(self) -> None:
        self._by_report: dict[int, History] = {}

    def of(self, report_id: int) -> History:
        return self._by_report.setdefault(report_id, History())
