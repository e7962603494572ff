"""The section text editor: linked figures shown as their current number, never as the raw token.

The stored text holds tokens (``{{a2.penalty.cur}}``); the editor shows each as its figure
(``78``) in blue on a light background, the token kept in the characters' format. Reading the
text back (``toPlainText``) gives the stored form again, so a figure can be moved, copied or
deleted like a word while the export still takes the current number from the table.
``**…**`` (Ctrl+B) marks a bold span and is shown bold.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeySequence,
    QShortcut,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from forms.emphasis import SPAN, toggle
from forms.figures import TOKEN

TOKEN_PROPERTY = QTextCharFormat.Property.UserProperty + 1


class BoldHighlighter(QSyntaxHighlighter):
    def highlightBlock(self, text: str) -> None:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        for match in SPAN.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), fmt)


class FigureEdit(QTextEdit):
    """``toPlainText``/``setPlainText``/``insertPlainText`` speak the stored form (with tokens);
    what the clerk sees is ``shown_text()``."""

    def __init__(self, figure_text: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure_text = figure_text  # token → the figure it stands for now
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.highlighter = BoldHighlighter(self.document())
        QShortcut(QKeySequence.StandardKey.Bold, self, self.toggle_bold, context=Qt.ShortcutContext.WidgetShortcut)

    # --- the stored form --------------------------------------------------------------

    def _figure_format(self, token: str) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setProperty(TOKEN_PROPERTY, token)
        fmt.setBackground(QColor("#dbeafe"))
        fmt.setForeground(QColor("#1d4ed8"))
        fmt.setToolTip(token)
        return fmt

    def _insert(self, cursor: QTextCursor, text: str) -> None:
        at = 0
        plain = QTextCharFormat()
        for match in TOKEN.finditer(text):
            cursor.insertText(text[at : match.start()], plain)
            cursor.insertText(self.figure_text(match[0]), self._figure_format(match[0]))
            at = match.end()
        cursor.insertText(text[at:], plain)
        self.setCurrentCharFormat(plain)  # what is typed next is prose, not part of the figure

    def setPlainText(self, text: str) -> None:
        self.document().clear()
        cursor = QTextCursor(self.document())
        self._insert(cursor, text)
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.document().clearUndoRedoStacks()

    def insertPlainText(self, text: str) -> None:
        cursor = self.textCursor()
        cursor.beginEditBlock()
        self._insert(cursor, text)
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def _pieces(self) -> list[tuple[str, str | None, int]]:
        """(shown text, token or None, shown position) of every fragment, in order."""
        out = []
        block = self.document().begin()
        while block.isValid():
            if block != self.document().begin():
                out.append(("\n", None, block.position() - 1))
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                token = fragment.charFormat().property(TOKEN_PROPERTY)
                out.append((fragment.text(), token or None, fragment.position()))
                it += 1
            block = block.next()
        return out

    def refresh_figures(self) -> bool:
        """A table changed: every figure shows its current number (the stored text is unchanged).
        False when the text holds no figure (nothing shown here depends on the tables)."""
        linked = False
        for text, token, pos in reversed(self._pieces()):
            if token is None:
                continue
            linked = True
            if (now := self.figure_text(token)) != text:
                cursor = QTextCursor(self.document())
                cursor.setPosition(pos)
                cursor.setPosition(pos + len(text), QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText(now, self._figure_format(token))
        return linked

    def toPlainText(self) -> str:
        return "".join(token or text for text, token, _pos in self._pieces())

    def shown_text(self) -> str:
        return self.document().toPlainText()

    def shown_position(self, stored: int) -> int:
        """Where a position of the stored text (an audit finding's span) is in the editor."""
        consumed = 0
        for text, token, pos in self._pieces():
            length = len(token or text)
            if stored <= consumed + length:
                return pos + (
                    min(stored - consumed, len(text)) if token is None else (0 if stored == consumed else len(text))
                )
            consumed += length
        return self.document().characterCount() - 1

    # --- typing -----------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        if event.text() and self.currentCharFormat().property(TOKEN_PROPERTY):
            self.setCurrentCharFormat(QTextCharFormat())  # typing next to a figure is prose
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText():
            self.insertPlainText(source.text())  # tokens pasted back in become figures again

    def createMimeDataFromSelection(self) -> QMimeData:
        """Copying a figure copies its token, so pasting it elsewhere keeps the link."""
        cursor = self.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        parts = []
        for text, token, pos in self._pieces():
            lo, hi = max(start, pos), min(end, pos + len(text))
            if lo < hi or (text == "\n" and start <= pos < end):
                parts.append(token if token is not None else text[lo - pos : hi - pos] or text)
        mime = QMimeData()
        mime.setText("".join(parts))
        return mime

    def toggle_bold(self) -> None:
        """Ctrl+B: the selection becomes ``**…**`` (bold in the export), or plain again."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return
        shown = self.shown_text()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        new, a, b = toggle(shown, start, end)
        if new == shown:
            return
        cursor.beginEditBlock()
        if len(new) > len(shown):  # marks added around the selection
            edge = QTextCursor(self.document())
            edge.setPosition(end)
            edge.insertText("**", QTextCharFormat())
            edge.setPosition(start)
            edge.insertText("**", QTextCharFormat())
        else:
            for at in sorted(_removed_marks(shown, start, end), reverse=True):
                edge = QTextCursor(self.document())
                edge.setPosition(at)
                edge.setPosition(at + 2, QTextCursor.MoveMode.KeepAnchor)
                edge.removeSelectedText()
        cursor.endEditBlock()
        cursor.setPosition(a)
        cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)


def _removed_marks(text: str, start: int, end: int) -> list[int]:
    if text[max(0, start - 2) : start] == "**" and text[end : end + 2] == "**":
        return [start - 2, end]
    return [start, end - 2]
