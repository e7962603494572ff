"""Undo/redo as plain Python: a list of applied steps per report.

Qt's QUndoStack is not used: Python-subclassed QUndoCommand objects owned by a C++ stack were
freed by Qt after Python had released what they referenced, and closing the window after an
undo aborted the interpreter (``bool_dealloc``). Here Python owns every step; the window only
shows their names and calls ``undo``/``redo`` with what applies a step.

A step is anything with a ``label`` (its name in the 撤销/重做 menu and in "已撤销：…") and an
``inverse()``: the grid's ``forms.changes`` today, the report text's and contact line's changes too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

LIMIT = 500


class Step(Protocol):
    @property
    def label(self) -> str: ...

    def inverse(self) -> Any: ...  # a Step of the same family


S = TypeVar("S", bound=Step)
# Applies a step; False (or raising) when storage refused it: the history then stays where it was.
Apply = Callable[[S], object]


class History(Generic[S]):
    def __init__(self, limit: int = LIMIT) -> None:
        self._done: list[S] = []
        self._undone: list[S] = []
        self._limit = limit

    def record(self, step: S) -> None:
        """A step the clerk just made (and storage accepted): redo is no longer possible."""
        self._done.append(step)
        del self._done[: -self._limit]
        self._undone.clear()

    def undo_name(self) -> str | None:
        return self._done[-1].label if self._done else None

    def redo_name(self) -> str | None:
        return self._undone[-1].label if self._undone else None

    def undo(self, apply: Apply[S]) -> S | None:
        """Apply the inverse of the last step; the step when it was applied, else None."""
        if not self._done:
            return None
        step = self._done[-1]
        if apply(step.inverse()) is False or not self._done or self._done[-1] is not step:
            return None  # refused (a conflict may also have dropped the history)
        self._undone.append(self._done.pop())
        return step

    def redo(self, apply: Apply[S]) -> S | None:
        """Apply again the last undone step; the step when it was applied, else None."""
        if not self._undone:
            return None
        step = self._undone[-1]
        if apply(step) is False or not self._undone or self._undone[-1] is not step:
            return None
        self._done.append(self._undone.pop())
        return step

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()


class Histories:
    """One history per report, kept while the program runs (switching reports keeps it)."""

    def __init__(self) -> None:
        self._by_report: dict[int, History] = {}

    def of(self, report_id: int) -> History:
        return self._by_report.setdefault(report_id, History())

    def clear_all(self) -> None:
        """Every report's steps go (a restore replaced the file they were made on); the histories
        stay the same objects, so whoever holds one (a grid's editing session) holds it emptied."""
        for history in self._by_report.values():
            history.clear()
