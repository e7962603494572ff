"""Bold spans in the report text: ``**一是明确职责。**`` — the one formatting a 公文 body allows
(段首加粗, a marked lead sentence). A ``**`` without its partner is printed as typed.

A span lies within one paragraph; the editor shows it bold with the marks hidden (``spans`` to
show a paragraph, ``marked`` to store it again)."""

from __future__ import annotations

import re

MARK = "**"
SPAN = re.compile(r"\*\*(.+?)\*\*", re.S)


def spans(paragraph: str) -> list[tuple[str, bool]]:
    """(text, bold) pieces of one paragraph, in order; empty pieces left out."""
    out: list[tuple[str, bool]] = []
    at = 0
    for match in SPAN.finditer(paragraph):
        if match.start() > at:
            out.append((paragraph[at : match.start()], False))
        out.append((match[1], True))
        at = match.end()
    if at < len(paragraph):
        out.append((paragraph[at:], False))
    return out


def marked(pieces: list[tuple[str, bool]]) -> str:
    """The stored form of (text, bold) pieces: each bold piece between marks (``spans`` undone)."""
    return "".join(f"{MARK}{text}{MARK}" if bold else text for text, bold in pieces)


def toggle(text: str, start: int, end: int) -> tuple[str, int, int]:
    """Ctrl+B on ``text[start:end]``: marks the span bold; within a marked span's text, that part
    becomes plain again (the whole span, or its head, middle or tail). Returns the new text and the
    selection's new bounds (without the marks); the text unchanged when the selection is blank,
    crosses a paragraph or another span's edge."""
    start, end = sorted((start, end))
    inner = text[start:end]
    if inner.startswith(MARK) and inner.endswith(MARK) and len(inner) >= 4:
        return text[:start] + inner[2:-2] + text[end:], start, end - 4
    if "\n" in inner or not inner:
        return text, start, end
    line = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    for match in SPAN.finditer(text[line : len(text) if line_end < 0 else line_end]):
        lo, hi = line + match.start(1), line + match.end(1)
        if {start, end} & {lo - 1, hi + 1}:
            return text, start, end  # an edge between a mark's two stars
        if lo <= start and end <= hi:
            head = marked([(text[lo:start], True)]) if start > lo else ""
            tail = marked([(text[end:hi], True)]) if hi > end else ""
            at = lo - len(MARK) + len(head)
            return text[: lo - len(MARK)] + head + inner + tail + text[hi + len(MARK) :], at, at + len(inner)
    if not inner.strip() or MARK in inner:
        return text, start, end  # nothing, or across another span: not a span
    return text[:start] + MARK + inner + MARK + text[end:], start + 2, end + 2
