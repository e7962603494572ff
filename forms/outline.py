"""Report kinds and their default outlines (FORMS.md, "Report outlines"), and heading numbers.

Levels 1–4 are depths (GB/T 9704 names their fonts: 黑体, 楷体, 仿宋加粗, 仿宋); each report chooses the
number style of each level from those the seeds use (``NUMBER_STYLES``), by default 一、 （一） 1. （1）
(004 numbers its first level 1、 and its second （1）). Numbers are never stored: they follow the order.
"""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = (1, 2, 3, 4)
_DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class ReportKind:
    key: str
    name: str  # 行政执法工作报告
    outline: tuple[tuple[int, str], ...]  # (level, heading without its number)
    attachments: tuple[str, ...]  # form keys included by default
    run_in: frozenset[int] = frozenset()  # heading levels run into their text by default

    def default_title(self, unit: str, year: int) -> str:
        return f"{unit}{year}年{self.name}"


ENFORCEMENT = ReportKind(
    key="enforcement",
    name="行政执法工作报告",
    outline=(
        (1, "行政执法基本情况"),
        (2, "行政执法案件办理情况"),
        (2, "行政执法检查情况"),
        (1, "行政执法规范化建设情况"),
        (2, "行政执法人员培训和管理情况"),
        (2, "行政执法“三项制度”落实情况"),
        (2, "行政执法工作保障情况"),
        (1, "存在问题"),
        (1, "下一步工作打算"),
    ),
    attachments=("a2", "a3", "a4", "a5"),
    # 000 and 003 set 一、 （一） 1. on their own lines and run （1） into its text.
    run_in=frozenset({4}),
)

RULE_OF_LAW = ReportKind(
    key="rule_of_law",
    name="法治政府建设工作报告",
    outline=(
        (1, "工作情况及主要成效"),
        (1, "存在的问题和不足"),
        (1, "党政主要负责人履行推进法治建设第一责任人职责情况"),
        (1, "下一年度工作安排"),
    ),
    attachments=(),
    # 001 and 004 run （一）/（1） into their text, 002 its 1.: only 一、 stands alone.
    run_in=frozenset({2, 3, 4}),
)

REPORT_KINDS: tuple[ReportKind, ...] = (ENFORCEMENT, RULE_OF_LAW)


NUMBER_STYLES = ("一、", "（一）", "1.", "1、", "（1）")  # each written as its first number
DEFAULT_STYLES = ("一、", "（一）", "1.", "（1）")
LEVEL_NAMES = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}


def number_text(style: str, n: int) -> str:
    """The ``n``-th number in ``style``: (（一）, 3) → （三）, (1、, 12) → 12、."""
    if style not in NUMBER_STYLES:
        raise ValueError(style)
    return style.replace("一", chinese_number(n)) if "一" in style else style.replace("1", str(n))


def styles_text(styles: tuple[str, ...]) -> str:
    """The stored form of a report's number styles: ``一、|（一）|1.|（1）``."""
    return "|".join(styles)


def styles_of(text: str | None) -> tuple[str, ...]:
    parts = tuple((text or "").split("|"))
    if len(parts) != len(LEVELS) or not set(parts) <= set(NUMBER_STYLES):
        return DEFAULT_STYLES
    return parts


def run_in_text(levels: frozenset[int]) -> str:
    """The stored form of a report's run-in levels: ``"234"``."""
    return "".join(str(level) for level in sorted(levels))


def run_in_levels(text: str | None) -> frozenset[int]:
    return frozenset(int(ch) for ch in text or "" if ch.isdigit() and int(ch) in LEVELS)


def report_kind(key: str) -> ReportKind:
    for kind in REPORT_KINDS:
        if kind.key == key:
            return kind
    raise KeyError(key)


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三 (headings rarely pass 99)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    text = ("" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")) + (_DIGITS[ones] if ones else "")
    return text


def heading_numbers(
    levels: list[int], styles: tuple[str, ...] = DEFAULT_STYLES, numbered: list[bool] | None = None
) -> list[str]:
    """The printed number of each heading, restarting below each higher level. An unnumbered heading
    prints none and takes no number, but restarts the levels below it (002: 下一步工作打算, then （一）)."""
    counters = [0, 0, 0, 0, 0]
    out = []
    for i, level in enumerate(levels):
        for deeper in range(level + 1, 5):
            counters[deeper] = 0
        if numbered is not None and not numbered[i]:
            out.append("")
            continue
        counters[level] += 1
        out.append(number_text(styles[level - 1], counters[level]))
    return out


@dataclass(frozen=True)
class Heading:
    """A section before it is stored (it gets its key then): as pasted, or as a kind's outline."""

    level: int
    heading: str
    body: str = ""
    numbered: bool = True
    run_in: bool | None = None  # None: as its level
