"""Breaking a long title (GB/T 9704 7.2.3: 回行时要做到词意完整，排列对称，长短适宜，标题排列应当使用
梯形或菱形): between phrases, never inside a word, lines as even as the phrases allow."""

from __future__ import annotations

TITLE_LINE_EM = 19.0  # 156 mm / 2号 (22 pt) is 20 full-width characters; one spare for wide digits

# A phrase ends after a unit's name, a year, or before the subject (关于…/…工作报告).
_ENDS_AFTER = ("局", "委", "府", "院", "会", "办", "厅", "部", "区", "县", "市", "年", "度", "于")
_STARTS_BEFORE = ("关于", "工作报告", "工作情况报告", "建设工作", "行政执法", "法治政府", "法治建设", "的")


def width_em(text: str) -> float:
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def _breaks(title: str) -> list[int]:
    """Where a line may end: after a unit's name or a year, before the subject; never inside a
    number, between 年 and 度, or before a closing mark."""
    points = []
    for i in range(1, len(title)):
        before, after = title[:i], title[i:]
        if after[0] in "度）》”、，。" or (before[-1].isdigit() and after[0].isdigit()):
            continue
        year_follows = after[0].isdigit() and not before[-1].isascii()  # 管理局|2024年
        if before.endswith(_ENDS_AFTER) or after.startswith(_STARTS_BEFORE) or year_follows:
            points.append(i)
    return points


def title_lines(title: str, line_em: float = TITLE_LINE_EM) -> list[str]:
    """The title's lines: the clerk's own breaks when there are any, else one line when it
    fits, else the most even split at phrase boundaries (two lines, three when two do not fit)."""
    if "\n" in title:
        return [line.strip() for line in title.splitlines() if line.strip()]
    if width_em(title) <= line_em:
        return [title]
    points = _breaks(title)
    best: tuple[float, list[str]] | None = None
    for i in points:
        lines = [title[:i], title[i:]]
        if max(width_em(x) for x in lines) <= line_em:
            score = abs(width_em(lines[0]) - width_em(lines[1]))
            if best is None or score < best[0]:
                best = (score, lines)
    if best is None:
        for a in points:
            for b in points:
                if b <= a:
                    continue
                lines = [title[:a], title[a:b], title[b:]]
                if max(width_em(x) for x in lines) <= line_em:
                    widths = [width_em(x) for x in lines]
                    score = max(widths) - min(widths)
                    if best is None or score < best[0]:
                        best = (score, lines)
    return best[1] if best else [title]  # no phrase boundary fits: the word processor wraps it
