"""Positions between a report text as stored and as the editor shows it.

The stored text holds figure tokens (``{{a2.penalty.cur}}``) and bold marks (``**``); the editor
shows each figure as its value and hides the marks. The editor cuts what it shows into pieces
(ui/figure_edit.py); here the positions are mapped across them, both ways."""

from __future__ import annotations

# shown text, stored text, shown position, shown as stored (plain text; else a figure or a hidden mark)
Piece = tuple[str, str, int, bool]


def shown_position(pieces: list[Piece], stored: int, end: int) -> int:
    """Where a position of the stored text (an audit finding's span) is shown; ``end`` past the last piece."""
    consumed = 0
    for shown, text, pos, literal in pieces:
        if stored <= consumed + len(text):
            return pos + (min(stored - consumed, len(shown)) if literal else (0 if stored == consumed else len(shown)))
        consumed += len(text)
    return end


def stored_caret(pieces: list[Piece], shown: int) -> int:
    """The stored position of a caret shown at ``shown`` (at or inside a figure: before or after it)."""
    consumed = 0
    for text, stored, pos, literal in pieces:
        if literal and pos <= shown <= pos + len(text):
            return consumed + shown - pos
        if text and pos <= shown < pos + len(text):  # at or inside a figure
            return consumed + (0 if shown == pos else len(stored))
        consumed += len(stored)
    return consumed


def stored_span(pieces: list[Piece], start: int, end: int) -> tuple[int, int]:
    """The stored bounds of the shown characters [start, end): from the first one's to the last one's."""
    consumed, lo, hi = 0, 0, 0
    for text, stored, pos, literal in pieces:
        if pos <= start < pos + len(text):
            lo = consumed + (start - pos if literal else 0)
        if pos < end <= pos + len(text):
            hi = consumed + (end - pos if literal else len(stored))
        consumed += len(stored)
    return lo, hi
