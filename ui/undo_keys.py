"""Ctrl+Z/Ctrl+Y in a text field: the field's own undo first (typing not saved yet); with none of its
own left, the keys are the window's 撤销/重做, as if the focus were elsewhere. A fix, a step or a save
shown in the field empties its own history, and Ctrl+Z there then did nothing.

Once saved, typing is a step of the window's history, so the field forgets it (``forget_own_steps``):
else its own Ctrl+Z took saved typing back on screen only, the next save wrote that as a new step, and
the next Ctrl+Z brought the typing back."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
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


def platform_redo(event: QKeyEvent) -> bool:
    """The platform's redo keys, which a field itself takes (Windows: Ctrl+Y; X11: Ctrl+Shift+Z only)."""
    return event.matches(QKeySequence.StandardKey.Redo)


def _is_redo(event: QKeyEvent) -> bool:
    # Ctrl+Y as well as the platform's redo: the window's 重做 takes both (ui/window_menus.py), while a
    # field on X11 knows only Ctrl+Shift+Z, so Ctrl+Y there redid a window step over the field's own
    ctrl_y = event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier
    return ctrl_y or platform_redo(event)


class _WindowStepsWhenEmpty(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) or not isinstance(event, QKeyEvent):
            return False
        own = _own_steps(watched)
        undo, redo = event.matches(QKeySequence.StandardKey.Undo), _is_redo(event)
        if own is None or not (undo or redo):
            return False
        if (undo and not own[0]) or (redo and not own[1]):
            # Claimed in ShortcutOverride even with nothing to undo; left unclaimed, the window's QAction
            # takes the key.
            if kind == QEvent.Type.ShortcutOverride:
                event.ignore()
                return True
            return False
        if redo and not platform_redo(event):  # Ctrl+Y where the field ignores it
            if kind == QEvent.Type.ShortcutOverride:
                event.accept()  # the key comes to the field as a key press
            else:
                watched.redo()  # type: ignore[attr-defined]  # a QLineEdit or a text edit (_own_steps)
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
