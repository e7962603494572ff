"""Report kinds and their default outlines (FORMS.md, "Report outlines"), and heading numbers.

Levels: 1 一、  2 （一）  3 1.  4 （1）. Numbers are never stored: they follow the order.
"""

from __future__ import annotations

import re
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


LEVEL_LABELS = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}


def level_label(level: int) -> str:
    return LEVEL_LABELS[level]


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


def heading_numbers(levels: list[int]) -> list[str]:
    """The printed number of each heading, restarting below each higher level."""
    counters = [0, 0, 0, 0, 0]
    out = []
    for level in levels:
        counters[level] += 1
        for deeper in range(level + 1, 5):
            counters[deeper] = 0
        n = counters[level]
        out.append({1: f"{chinese_number(n)}、", 2: f"（{chinese_number(n)}）", 3: f"{n}.", 4: f"（{n}）"}[level])
    return out


# --- a pasted report's text → title, 导语, sections, 结束语 ----------------------------------

_CN = "一二三四五六七八九十"
HEADING_PATTERNS = (  # canonical levels, so the printed numbers stay those of the pasted text
    (1, re.compile(rf"^[{_CN}]+[、．.]\s*(.+)$")),
    (2, re.compile(rf"^[（(]\s*[{_CN}]+\s*[）)]\s*(.+)$")),
    (3, re.compile(r"^\d{1,2}\s*[.．、](?!\d)\s*(.+)$")),
    (4, re.compile(r"^[（(]\s*\d{1,2}\s*[）)]\s*(.+)$")),
)
RUN_IN_AT = 40  # a heading ends at its first 。 within this many characters when text follows it
_ATTACHMENTS = re.compile(r"^附\s*件\s*(\d|[:：])")
_SIGNATURE = re.compile(r"^(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|.{2,30}(局|委员会|政府|办公室))$")


@dataclass
class PastedReport:
    title: str = ""
    lead: str = ""
    sections: list[tuple[int, str, str]] = None  # type: ignore[assignment]  # (level, heading, body)
    closing: str = ""
    run_in: frozenset[int] = frozenset()


def _heading(line: str) -> tuple[int, str, str] | None:
    """(level, heading, run-in text) of a heading line, or None for a paragraph."""
    for level, pattern in HEADING_PATTERNS:
        match = pattern.match(line)
        if match:
            rest = match[1].strip()
            end = rest.find("。")
            if 0 < end < RUN_IN_AT and rest[end + 1 :].strip():
                return level, rest[:end], rest[end + 1 :].strip()
            if len(rest) > 2 * RUN_IN_AT:  # a long numbered sentence is a paragraph, not a heading
                return None
            return level, rest, ""
    return None


def parse_pasted(text: str) -> PastedReport:
    """Recognise 一、（一）1.（1） headings (on their own line or run into their text), the title
    lines above the first paragraph, the 导语 before the first heading and 特此报告 / the signature
    at the end. Bold marks (``**``) are kept."""
    lines = [line.strip().replace("\u3000", " ").strip() for line in text.replace("\r", "").split("\n")]
    lines = [line for line in lines if line]
    cut = next((i for i, line in enumerate(lines) if _ATTACHMENTS.match(line)), len(lines))
    lines = lines[:cut]  # 附件说明 and the attachment pages are the tables' own
    out = PastedReport(sections=[])
    title: list[str] = []
    while lines and len(lines[0]) <= RUN_IN_AT and not lines[0].endswith(("。", "：")) and not _heading(lines[0]):
        title.append(lines.pop(0))
    out.title = "\n".join(title)
    while lines and (_SIGNATURE.match(lines[-1]) and len(lines[-1]) <= 30):
        lines.pop()  # the signature and date are the page's own
    lead: list[str] = []
    run_in_counts: dict[int, list[bool]] = {}
    for line in lines:
        heading = _heading(line)
        if heading is not None:
            level, words, first = heading
            out.sections.append((level, words, first))
            run_in_counts.setdefault(level, []).append(bool(first))
        elif out.sections:
            level, words, body = out.sections[-1]
            out.sections[-1] = (level, words, (body + "\n" + line).strip())
        else:
            lead.append(line)
    out.lead = "\n".join(lead)
    if out.sections:
        level, words, body = out.sections[-1]
        paragraphs = body.split("\n")
        if paragraphs and paragraphs[-1].startswith(("特此报告", "以上报告", "专此报告")):
            out.closing = paragraphs.pop()
            out.sections[-1] = (level, words, "\n".join(paragraphs))
    out.run_in = frozenset(level for level, seen in run_in_counts.items() if sum(seen) * 2 > len(seen))
    return out
