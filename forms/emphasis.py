"""Bold spans in the report text: ``**一是明确职责。**`` — the one formatting a 公文 body allows
(段首加粗, a marked lead sentence). A ``**`` without its partner is printed as typed."""

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


def plain(paragraph: str) -> str:
    """The paragraph as printed, without the marks."""
    return "".join(text for text, _bold in spans(paragraph))


def toggle(text: str, start: int, end: int) -> tuple[str, int, int]:
    """Ctrl+B on ``text[start:end]``: marks the span bold, or unmarks it when it is already
    exactly a marked span; returns the new text and the span's new bounds (without the marks)."""
    start, end = sorted((start, end))
    inner = text[start:end]
    if text[max(0, start - 2) : start] == MARK and text[end : end + 2] == MARK:
        return text[: start - 2] + inner + text[end + 2 :], start - 2, end - 2
    if inner.startswith(MARK) and inner.endswith(MARK) and len(inner) >= 4:
        return text[:start] + inner[2:-2] + text[end:], start, end - 4
    if not inner.strip() or "\n" in inner or MARK in inner:
        return text, start, end  # nothing, or across paragraphs/other spans: not a span
    return text[:start] + MARK + inner + MARK + text[end:], start + 2, end + 2
