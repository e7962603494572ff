"""Ctrl+Z/Ctrl+Y in a text field: the field's own undo first (typing not saved yet); with none of its
own left, the keys are the window's 撤销/重做, as if the focus were elsewhere. A fix, a step or a save
shown in the field empties its own history, and Ctrl+Z there then did nothing.

Once saved, typing is a step of the window's history, so the field forgets it (``forget_own_steps``):
else its own Ctrl+Z took saved typing back on screen only, the next save wrote that as a new step, and
the next Ctrl+Z brought the typing back."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QWidget


def _own_steps(widget: QObject) -> tuple[bool, bool] | None:
    """(undo, redo) the field itself could take; None for a widget that has no history of its own."""
    if isinstance(widget, QLineEdit):
        return widget.isUndoAvailable(), widget.isRedoAvailable()
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        document = widget.document()
        return document.isUndoAvailable(), document.isRedoAvailable()
    return None


class _WindowStepsWhenEmpty(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The field claims Ctrl+Z in ShortcutOverride even with nothing to undo; left unclaimed, the
        # window's QAction takes the key.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            own = _own_steps(watched)
            if own is not None and (
                (event.matches(QKeySequence.StandardKey.Undo) and not own[0])
                or (event.matches(QKeySequence.StandardKey.Redo) and not own[1])
            ):
                event.ignore()
                return True
        return False


def window_steps_when_empty(owner: QWidget, *fields: QWidget) -> None:
    keys = _WindowStepsWhenEmpty(owner)  # lives as long as the page that holds the fields
    for field in fields:
        field.installEventFilter(keys)


def forget_own_steps(field: QWidget) -> None:
    """The field's own history emptied (its typing saved: the window's history holds it now)."""
    if isinstance(field, QLineEdit):
        at = field.cursorPosition()
        field.setText(field.text())  # the same text: no signal, the history and the modified flag cleared
        field.setCursorPosition(at)
    elif isinstance(field, (QTextEdit, QPlainTextEdit)):
        field.document().clearUndoRedoStacks()
