"""The linked figure the clerk has selected (or the caret stands in) in the section editor."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextEdit

from forms.figures import Link, parse_token
from ui.figure_edit import TOKEN_PROPERTY


def selected_link(editor: QTextEdit) -> Link | None:
    """插入数据 then opens on that figure's field rather than on the first one (行政许可)."""
    cursor = editor.textCursor()
    probe = QTextCursor(editor.document())
    # A character's format is read from a cursor just after it: the selection's first character.
    probe.setPosition(min(cursor.selectionStart() + 1, editor.document().characterCount() - 1))
    token = probe.charFormat().property(TOKEN_PROPERTY)
    return parse_token(token) if isinstance(token, str) else None
