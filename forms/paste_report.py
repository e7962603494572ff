"""A report pasted whole (from Word/WPS, a PDF, a text file) → its title, 导语, outline and 结束语.

Headings are recognised by their numbers in any of the styles the seeds use (``NUMBER_STYLES``); a
heading's level is its depth, found as a reader finds it: the first style seen is level 1, a new
style below it the next level, a style seen before goes back to its level (004: 1、 then （1）). A
heading runs into its text when its first sentence ends within ``RUN_IN_AT`` characters and text
follows (``（一）明确职责。一是…``), per heading. A short line with no closing punctuation before a
numbered heading or a paragraph is a heading without a number (002's 下一步工作打算). A numbered item
that is one whole sentence followed directly by the next item is a list item, not a heading (000's
three items under 三、). A line broken where the page or the PDF broke it is joined to the next.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from forms.emphasis import MARK
from forms.errors import UserError
from forms.outline import DEFAULT_STYLES, LEVELS, Heading
from forms.report import ReportText

_CN = "一二三四五六七八九十"
_CN_VALUE = {ch: i + 1 for i, ch in enumerate(_CN)}
MARKERS = (  # a number at a line's start, by the style it is printed in
    ("一、", re.compile(rf"^([{_CN}]{{1,3}})\s*[、．.]\s*")),
    ("（一）", re.compile(rf"^[（(]\s*([{_CN}]{{1,3}})\s*[）)]\s*")),
    ("1.", re.compile(r"^(\d{1,2})\s*[.．](?!\d)\s*")),
    ("1、", re.compile(r"^(\d{1,2})\s*、\s*")),
    ("（1）", re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*")),
)
RUN_IN_AT = 40  # a heading ends at its first 。 within this many characters when text follows it
HEADING_MAX = 2 * RUN_IN_AT  # a numbered line longer than this, with no early 。, is a paragraph
UNNUMBERED_MAX = 25  # a line this short, with no closing punctuation, can be a heading without a number
WRAP_MIN = 20  # a shorter line is never a wrap (a title, a heading)
WRAP_SHARE = 0.8  # a wrap is at least this share of the lines around it
_SENTENCE_END = re.compile(r"[。！？；：…!?;:][”’」』）)*]*$")  # a line ending so is never a wrap
_PUNCTUATED = re.compile(r"[。！？；：…!?;:，,、][”’」』）)*]*$")  # nor a heading without a number
_PAIRS = (("《", "》"), ("“", "”"), ("（", "）"))
_ATTACHMENTS = re.compile(r"^附\s*件\s*(\d|[:：])")
_SIGNATURE = re.compile(r"^(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|.{2,30}(局|委员会|政府|办公室))$")
_CLOSINGS = ("特此报告", "以上报告", "专此报告")
_UNNUMBERED = ""  # a heading without a number, as a level's style on the way down
_PAGE_NUMBER = re.compile(
    r"^([-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(\s*共\s*\d{1,3}\s*页)?)$"
)  # a PDF's page furniture
TITLE_LINES_MAX = 3  # the unit line and a title broken in two


@dataclass
class PastedReport:
    title: str = ""
    lead: str = ""
    sections: list[Heading] = field(default_factory=list)
    closing: str = ""
    run_in: frozenset[int] | None = frozenset()  # levels whose headings mostly run in; None: nothing says
    styles: tuple[str, ...] = DEFAULT_STYLES
    joined: int = 0  # lines joined to the next (broken where a page or the PDF broke them)


@dataclass
class _Numbered:
    style: str
    number: int
    rest: str  # the line after its number


def _unbold_heading(line: str) -> str:
    """``**1.加强检查**`` → ``1.加强检查``: a bold number or a wholly bold short line (a heading, a title)
    is read without its marks; our own export prints level-3 headings bold, Word users bold headings."""
    if not line.startswith(MARK):
        return line
    close = line.find(MARK, len(MARK))
    if close < 0:
        return line
    inner, rest = line[len(MARK) : close], line[close + len(MARK) :]
    whole = not rest.strip() and len(inner) <= RUN_IN_AT and not _SENTENCE_END.search(inner)
    return inner + rest if whole or numbered(inner) is not None else line


def numbered(line: str) -> _Numbered | None:
    for style, pattern in MARKERS:
        m = pattern.match(line)
        if m and line[m.end() :].strip():
            digits = m[1]
            value = int(digits) if digits.isdigit() else _cn_value(digits)
            return _Numbered(style, value, line[m.end() :].strip())
    return None


def _cn_value(text: str) -> int:
    """一 → 1, 十二 → 12, 二十三 → 23."""
    if "十" not in text:
        return _CN_VALUE.get(text, 0) if len(text) == 1 else 0
    tens, _, ones = text.partition("十")
    return (_CN_VALUE.get(tens, 0) if tens else 1) * 10 + (_CN_VALUE.get(ones, 0) if ones else 0)


def _standalone(n: _Numbered) -> bool:
    """A numbered line shaped as a heading on its own line: short, no sentence before its end."""
    return len(n.rest) <= HEADING_MAX and "。" not in n.rest.rstrip("。")


def _run_in(n: _Numbered) -> tuple[str, str] | None:
    end = n.rest.find("。")
    if 0 < end < RUN_IN_AT and n.rest[end + 1 :].strip():
        return n.rest[:end], n.rest[end + 1 :].strip()
    return None


def join_wraps(lines: list[str]) -> tuple[list[str], int]:
    """Lines broken mid-sentence (a PDF's line ends, a page break) joined to the next: only a line
    that does not end a sentence and is about as long as the lines around it (or longer than any
    heading), never a short one (a title, a heading)."""
    out: list[str] = []
    joined = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        before = out[-1] if out else None
        while i + 1 < len(lines) and _is_wrap(line, lines, i, before) and numbered(lines[i + 1]) is None:
            i += 1
            line += lines[i]
            joined += 1
        out.append(line)
        i += 1
    return out, joined


def _is_wrap(line: str, lines: list[str], i: int, before: str | None) -> bool:
    """``before``: the (joined) line before ``line``."""
    if len(line) < WRAP_MIN or _SENTENCE_END.search(line):
        return False
    if any(line.count(opening) > line.count(closing) for opening, closing in _PAIRS):
        return True  # a 《, “ or （ left open: its words go on in the next line (000: …4000余册《安全 / 生产…》)
    n = numbered(line)
    if n is not None and _standalone(n):
        return _broken_item(n, before, lines[i + 2 : i + 4])  # else a heading on its own line, however long
    if len(line) > HEADING_MAX:
        return True  # longer than any heading or title, and its sentence goes on: a page broke it
    around = [len(x) for x in lines[max(0, i - 3) : i] + lines[i + 1 : i + 4] if len(x) >= WRAP_MIN]
    return bool(around) and len(line) >= WRAP_SHARE * statistics.median(around)


def _sibling(line: str | None, n: _Numbered, number: int) -> _Numbered | None:
    """``line`` as item ``number`` of ``n``'s list: its style, that number, a sentence ended."""
    other = numbered(line) if line is not None else None
    if other is not None and other.style == n.style and other.number == number and other.rest.endswith("。"):
        return other
    return None


def _not_body(line: str | None) -> bool:
    """Nothing, a numbered line or a heading without a number: not a paragraph under a heading."""
    return line is None or numbered(line) is not None or (len(line) <= UNNUMBERED_MAX and not _PUNCTUATED.search(line))


def _broken_item(n: _Numbered, before: str | None, after: list[str]) -> bool:
    """An item of a list broken mid-sentence by a line end, its sentence going on in the next line
    (000: ``3. 加强行政执法队伍建设，…培训力`` / ``度，提高…。``), which a heading's never does. An item of
    a list: next to an item of its style and number that is one whole sentence with no paragraph of
    its own (a heading ending in 。 has its text under it): the one right before it (a paragraph
    above that may introduce the list), or the one after the next line, with no paragraph beyond it.
    ``before``: the line before; ``after``: the two lines after the next one."""

    def listed(line: str | None, number: int) -> bool:
        other = _sibling(line, n, number)
        return other is not None and _standalone(other)

    near_after, far_after = (after[0] if after else None), (after[1] if len(after) > 1 else None)
    return listed(before, n.number - 1) or (listed(near_after, n.number + 1) and _not_body(far_after))


def parse_pasted(text: str, *, wrapped: bool = True) -> PastedReport:
    """The title lines above the first paragraph, the 导语 before the first heading, the outline, and
    特此报告 at the end; the signature, date, 附件说明 and attachment pages are left to the export.
    Bold marks (``**``) are kept, but not around a heading (its level sets its font). ``wrapped``: the
    text may hold lines a PDF or a page broke (plain text); paragraphs from Word's HTML or a .docx are
    paragraphs and are never joined."""
    lines = [line.replace("\u3000", " ").strip() for line in text.replace("\r", "\n").split("\n")]
    lines = [_unbold_heading(line) for line in lines if line and not _PAGE_NUMBER.match(line)]
    lines = lines[: next((i for i, line in enumerate(lines) if _ATTACHMENTS.match(line)), len(lines))]
    out = PastedReport()
    title: list[str] = []
    while (
        lines
        and len(title) < TITLE_LINES_MAX
        and len(lines[0]) <= RUN_IN_AT
        and not _SENTENCE_END.search(lines[0])
        and not numbered(lines[0])
    ):
        title.append(lines.pop(0))
    out.title = "\n".join(title)
    while lines and _SIGNATURE.match(lines[-1]) and len(lines[-1]) <= 30:
        lines.pop()
    if wrapped:
        lines, out.joined = join_wraps(lines)
    _outline(lines, out)
    if out.sections and not out.closing:
        last = out.sections[-1]
        paragraphs = last.body.split("\n")
        if paragraphs and paragraphs[-1].startswith(_CLOSINGS):
            out.closing = paragraphs.pop()
            out.sections[-1] = Heading(last.level, last.heading, "\n".join(paragraphs), last.numbered, last.run_in)
    return out


@dataclass
class _Open:
    level: int
    heading: str
    body: list[str]
    numbered: bool
    run_in: bool


def _outline(lines: list[str], out: PastedReport) -> None:
    stack: list[str] = []  # the style of each level on the way down to the current heading
    levels: dict[str, int] = {}  # the level each style was first seen at
    chosen: dict[int, list[str]] = {}
    lead: list[str] = []
    opened: list[_Open] = []
    kinds = _classify(lines)
    for i, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        n = numbered(line)
        if kind == "heading" and n is not None:
            known = levels.get(n.style, 0)  # a style seen before returns to its level, above a heading
            if n.style in stack:  # without a number too (which holds a level's place in ``stack``)
                del stack[stack.index(n.style) + 1 :]
            elif 0 < known <= len(stack):
                stack[known - 1 :] = [n.style]
            elif len(stack) < len(LEVELS):
                stack.append(n.style)
            else:  # a fifth level: text
                _add(opened, lead, line)
                continue
            level = len(stack)
            levels.setdefault(n.style, level)
            chosen.setdefault(level, []).append(n.style)
            split = _run_in(n)
            heading, first = split if split else (n.rest, "")
            opened.append(_Open(level, heading, [first] if first else [], True, bool(first)))
        elif kind == "unnumbered":
            following = numbered(lines[i + 1])  # _classify: a numbered heading follows
            assert following is not None
            under = stack.index(following.style) + 1 if following.style in stack else len(stack) + 1
            if under == 1:  # before a heading of the first level: its sibling, the levels unchanged
                level = 1
                del stack[1:]
            else:  # above the headings that follow (002: 下一步工作打算, then （一）–（三）)
                level = under - 1
                stack[level - 1 :] = [_UNNUMBERED]  # holds its level: the headings under it go one deeper
            opened.append(_Open(level, line, [], False, False))
        else:
            _add(opened, lead, line)
    out.lead = "\n".join(lead)
    styles = list(DEFAULT_STYLES)
    for level, seen in chosen.items():
        styles[level - 1] = max(set(seen), key=seen.count)
    out.styles = tuple(styles)
    votes: dict[int, list[bool]] = {}
    for o in opened:
        if o.numbered and o.body:
            votes.setdefault(o.level, []).append(o.run_in)
    # no heading with text of its own: nothing says how they are printed (the report keeps its choice)
    out.run_in = frozenset(level for level, seen in votes.items() if sum(seen) * 2 > len(seen)) if votes else None
    for o in opened:
        own = None if not o.body or o.run_in == (o.level in (out.run_in or ())) else o.run_in
        out.sections.append(Heading(o.level, o.heading, "\n".join(o.body), o.numbered, own))


def _add(opened: list[_Open], lead: list[str], line: str) -> None:
    (opened[-1].body if opened else lead).append(line)


def _classify(lines: list[str]) -> list[str]:
    """Each line as "heading", "unnumbered" (a heading without a number) or "text"."""
    kinds = []
    for i, line in enumerate(lines):
        n = numbered(line)
        if n is not None:
            kinds.append("heading" if _run_in(n) or (_standalone(n) and not _list_item(lines, i, n)) else "text")
        else:
            kinds.append("text")
    for i, line in enumerate(lines[:-1]):  # a short unpunctuated line right before a numbered heading
        short = len(line) <= UNNUMBERED_MAX and not _PUNCTUATED.search(line)
        if short and kinds[i] == "text" and kinds[i + 1] == "heading" and i > 0:
            kinds[i] = "unnumbered"
    return kinds


def _list_item(lines: list[str], i: int, n: _Numbered) -> bool:
    """One whole sentence, followed directly by the next item of the same style (or following the
    item before it): an item of a list, written in the text with its number."""
    if not n.rest.endswith("。"):
        return False

    def same(j: int, number: int) -> bool:
        return _sibling(lines[j] if 0 <= j < len(lines) else None, n, number) is not None

    return same(i + 1, n.number + 1) or same(i - 1, n.number - 1)


class HasText(UserError):
    """The report already has text: a paste replaces it only when asked to."""

    def __init__(self) -> None:
        super().__init__("本报告已有正文，只能放入还没有正文的报告")


def has_text(text: ReportText) -> bool:
    """A pasted report goes only into a report without text (导语, 结束语 or a section's body)."""
    return bool(text.lead.strip() or text.closing.strip() or any(s.body.strip() for s in text.sections))
