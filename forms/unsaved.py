"""Typing that could not be saved (file locked, disk full) stops what would lose it: an export
(the file would lack it), a restore (it would be replaced), a close (it asks first)."""

from __future__ import annotations

from collections.abc import Iterable

BEFORE_EXPORT = "刚填写的内容未能保存，未导出："
BEFORE_RESTORE = "刚填写的内容未能保存，请先处理后再恢复："
BEFORE_MOVE = "刚填写的内容未能保存，请先处理后再换用表样："
BEFORE_CLOSE = "有刚填写的内容未能保存："


def unsaved_note(problems: Iterable[str | None], lead: str) -> str | None:
    """``lead`` and each reason on a line of its own, or None when everything was saved."""
    reasons = [p for p in problems if p]
    return "\n".join([lead, *reasons]) if reasons else None
