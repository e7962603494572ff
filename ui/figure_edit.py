"""The section text editor: linked figures shown as their current number, bold spans shown bold,
the stored text's markup never shown.

The stored text holds tokens (``{{a2.penalty.cur}}``) and bold spans (``**一是明确职责。**``,
``forms.emphasis``). The editor shows each token as its figure (``78``) in blue on a light
background, the token kept in the characters' format; a span's characters bold with its marks
hidden, the span kept in the characters' format as a number (so two spans side by side stay two).
Reading the text back (``toPlainText``) gives the stored form again, so a figure or a bold phrase
can be typed into, moved, copied or deleted like a word while the export still takes the current
number from the table. A ``**`` without its partner is text as typed, shown as typed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from forms.emphasis import MARK, marked, spans, toggle
from forms.figures import TOKEN
from forms.shown_text import Piece, shown_position, stored_caret, stored_span

TOKEN_PROPERTY = QTextCharFormat.Property.UserProperty + 1
SPAN_PROPERTY = QTextCharFormat.Property.UserProperty + 2  # the bold span a character is in (a number)

Run = tuple[str, int | None]  # stored text of consecutive characters, and their span (None: plain)


class FigureEdit(QTextEdit):
    """``toPlainText``/``setPlainText``/``insertPlainText`` speak the stored form (with tokens and
    marks); what the clerk sees is ``shown_text()``."""

    def __init__(self, figure_text: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure_text = figure_text  # token → the figure it stands for now
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self._last_span = 0
        self._edits = 0
        self.document().contentsChanged.connect(self._edited)
        QShortcut(QKeySequence.StandardKey.Bold, self, self.toggle_bold, context=Qt.ShortcutContext.WidgetShortcut)

    def _edited(self) -> None:
        self._edits += 1

    # --- shown ← stored -----------------------------------------------------------------

    def _format(self, token: str | None, span: int | None) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if token is not None:
            fmt.setProperty(TOKEN_PROPERTY, token)
            fmt.setBackground(QColor("#dbeafe"))
            fmt.setForeground(QColor("#1d4ed8"))
            fmt.setToolTip(token)
        if span is not None:
            fmt.setProperty(SPAN_PROPERTY, span)
            fmt.setFontWeight(QFont.Weight.Bold)
        return fmt

    def _insert(self, cursor: QTextCursor, text: str, around: int | None = None) -> None:
        """Insert stored text at ``cursor``; its plain pieces join the span ``around`` (None: plain)."""
        for number, paragraph in enumerate(text.split("\n")):
            if number:
                cursor.insertText("\n", QTextCharFormat())
            for piece, bold in spans(paragraph):
                if bold:
                    self._last_span += 1
                span = self._last_span if bold else around
                at = 0
                for match in TOKEN.finditer(piece):
                    cursor.insertText(piece[at : match.start()], self._format(None, span))
                    cursor.insertText(self.figure_text(match[0]), self._format(match[0], span))
                    at = match.end()
                cursor.insertText(piece[at:], self._format(None, span))

    def setPlainText(self, text: str) -> None:
        self.document().clear()
        self._insert(QTextCursor(self.document()), text)
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.document().clearUndoRedoStacks()

    def insertPlainText(self, text: str) -> None:
        cursor = self._past_figure(self.textCursor())
        around = self._span_around(cursor)
        first = self.document().findBlock(cursor.selectionStart())
        cursor.beginEditBlock()
        cursor.removeSelectedText()
        self._insert(cursor, text, around)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self._settle(first, cursor.block())

    def _render(self, block: QTextBlock, paragraph: str) -> None:
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        self._insert(cursor, paragraph)

    def _settle(self, first: QTextBlock, last: QTextBlock) -> None:
        """Typed or pasted stars that pair up into a span (or break one) are shown as printed:
        the paragraph is shown again from its stored form, in the same undo step."""
        unsettled: list[tuple[QTextBlock, str]] = []
        block = first
        while block.isValid() and block.blockNumber() <= last.blockNumber():
            if "*" in block.text():
                pieces = [(text, span is not None) for text, span in self._runs(block)]
                if spans(marked(pieces)) != pieces:
                    unsettled.append((block, marked(pieces)))
            block = block.next()
        if not unsettled:
            return
        caret = self._stored_caret(self.textCursor().position())  # the stored text stays as it is
        cursor = QTextCursor(self.document())
        cursor.joinPreviousEditBlock()
        for block, paragraph in unsettled:
            self._render(block, paragraph)
        cursor.endEditBlock()
        cursor.setPosition(self.shown_position(caret))
        self.setTextCursor(cursor)

    def refresh_figures(self) -> bool:
        """A table changed: every figure shows its current number (the stored text is unchanged).
        False when the text holds no figure (nothing shown here depends on the tables)."""
        linked = False
        changed = []
        for fragment in reversed(list(self._fragments())):
            token = fragment.charFormat().property(TOKEN_PROPERTY)
            if not token:
                continue
            linked = True
            if (now := self.figure_text(token)) != fragment.text():
                changed.append((fragment.position(), fragment.length(), now, fragment.charFormat()))
        if changed:
            # No step of the editor's own: Ctrl+Z here would show the old number while the table keeps
            # the new one. Disabling the history also empties it: typing not saved yet stays (saved at
            # the next pause) without its own Ctrl+Z.
            self.document().setUndoRedoEnabled(False)
            for position, length, now, fmt in changed:
                cursor = QTextCursor(self.document())
                cursor.setPosition(position)
                cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText(now, self._format(fmt.property(TOKEN_PROPERTY), fmt.property(SPAN_PROPERTY)))
            self.document().setUndoRedoEnabled(True)
        return linked

    # --- shown → stored -----------------------------------------------------------------

    def _fragments(self, block: QTextBlock | None = None):
        blocks = [block] if block is not None else self._blocks()
        for each in blocks:
            it = each.begin()
            while not it.atEnd():
                yield it.fragment()
                it += 1

    def _blocks(self) -> list[QTextBlock]:
        out, block = [], self.document().begin()
        while block.isValid():
            out.append(block)
            block = block.next()
        return out

    def _runs(self, block: QTextBlock, start: int = 0, end: int | None = None) -> list[Run]:
        """The block's characters within [start, end) (shown positions), grouped by span; a figure
        touched at all gives its whole token."""
        runs: list[Run] = []
        for fragment in self._fragments(block):
            pos, text = fragment.position(), fragment.text()
            lo, hi = max(start, pos), pos + len(text) if end is None else min(end, pos + len(text))
            if lo >= hi:
                continue
            fmt = fragment.charFormat()
            piece = fmt.property(TOKEN_PROPERTY) or text[lo - pos : hi - pos]
            span = fmt.property(SPAN_PROPERTY)
            if runs and runs[-1][1] == span:
                runs[-1] = (runs[-1][0] + piece, span)
            else:
                runs.append((piece, span))
        return runs

    def _stored(self, start: int = 0, end: int | None = None) -> str:
        blocks = [b for b in self._blocks() if end is None or b.position() <= end]
        blocks = [b for b in blocks if b.position() + b.length() > start]
        return "\n".join(marked([(t, s is not None) for t, s in self._runs(b, start, end)]) for b in blocks)

    def toPlainText(self) -> str:
        return self._stored()

    def shown_text(self) -> str:
        return self.document().toPlainText()

    def _pieces(self) -> list[Piece]:
        """Every fragment and every hidden mark, in order."""
        out: list[Piece] = []
        for block in self._blocks():
            if block.position():
                out.append(("\n", "\n", block.position() - 1, True))
            open_span = None
            for fragment in self._fragments(block):
                fmt, pos = fragment.charFormat(), fragment.position()
                if (span := fmt.property(SPAN_PROPERTY)) != open_span:
                    out.extend(("", MARK, pos, False) for edge in (open_span, span) if edge is not None)
                    open_span = span
                token = fmt.property(TOKEN_PROPERTY) or None
                out.append((fragment.text(), token or fragment.text(), pos, token is None))
            if open_span is not None:
                out.append(("", MARK, block.position() + block.length() - 1, False))
        return out

    def shown_position(self, stored: int) -> int:
        """Where a position of the stored text (an audit finding's span) is in the editor."""
        return shown_position(self._pieces(), stored, self.document().characterCount() - 1)

    def _stored_caret(self, shown: int) -> int:
        return stored_caret(self._pieces(), shown)

    def _stored_span(self, start: int, end: int) -> tuple[int, int]:
        return stored_span(self._pieces(), start, end)

    def _span_at(self, position: int) -> int | None:
        block = self.document().findBlock(position)
        for fragment in self._fragments(block):
            if fragment.position() <= position < fragment.position() + fragment.length():
                return fragment.charFormat().property(SPAN_PROPERTY)
        return None

    def _past_figure(self, cursor: QTextCursor) -> QTextCursor:
        """A caret inside a figure (``7|8``) moves past it: what is typed there follows the figure."""
        if not cursor.hasSelection():
            for fragment in self._fragments(cursor.block()):
                end = fragment.position() + fragment.length()
                if fragment.position() < cursor.position() < end and fragment.charFormat().property(TOKEN_PROPERTY):
                    cursor.setPosition(end)
                    self.setTextCursor(cursor)
        return cursor

    def _span_around(self, cursor: QTextCursor) -> int | None:
        """The span that text typed or pasted at ``cursor`` joins: the one on both sides of the caret
        (inside a span, not right after its end), or the one the selection starts and ends in."""
        if cursor.hasSelection():
            left, right = cursor.selectionStart(), cursor.selectionEnd() - 1
        else:
            left, right = cursor.position() - 1, cursor.position()
        doc = self.document()
        if left < 0 or doc.findBlock(left) != doc.findBlock(right):
            return None
        span = self._span_at(left)
        return span if span == self._span_at(right) else None

    # --- typing -------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
            super().keyPressEvent(event)  # the history holds only settled text
            return
        self._typed(event.text(), super().keyPressEvent, event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        self._typed(event.commitString(), super().inputMethodEvent, event)

    def _typed(self, text: str, handle: Callable, event: QKeyEvent | QInputMethodEvent) -> None:
        """Typed characters are prose (never part of a figure), bold inside a span, plain after its end."""
        typing = bool(text) and text.isprintable()
        cursor = self._past_figure(self.textCursor())
        fmt = self._format(None, self._span_around(cursor))
        replaced = cursor.hasSelection()
        if typing and not replaced:
            self.setCurrentCharFormat(fmt)
        edits = self._edits
        handle(event)
        if edits == self._edits:
            return
        caret = self.textCursor()
        typed = QTextCursor(self.document())
        typed.setPosition(max(0, caret.position() - len(text)))
        typed.setPosition(caret.position(), QTextCursor.MoveMode.KeepAnchor)
        if typing and replaced and typed.selectedText() == text:  # Qt gave them the selection's format
            typed.joinPreviousEditBlock()
            typed.setCharFormat(fmt)
            typed.endEditBlock()
        self._settle(caret.block(), caret.block())

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText():
            self.insertPlainText(source.text())  # tokens and marks pasted back in become figures and bold

    def createMimeDataFromSelection(self) -> QMimeData:
        """Copying copies the stored form, so pasting it elsewhere keeps the links and the bold."""
        cursor = self.textCursor()
        mime = QMimeData()
        mime.setText(self._stored(cursor.selectionStart(), cursor.selectionEnd()))
        return mime

    def toggle_bold(self) -> None:
        """Ctrl+B: the selection becomes a bold span (``**…**`` stored), or plain again within one."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        stored = self.toPlainText()
        new, a, b = toggle(stored, *self._stored_span(start, end))
        if new == stored:
            return
        block = self.document().findBlock(start)
        cursor.beginEditBlock()
        self._render(block, new.split("\n")[block.blockNumber()])
        cursor.endEditBlock()
        cursor.setPosition(self.shown_position(a))
        cursor.setPosition(self.shown_position(b), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
