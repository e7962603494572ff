"""校对: the slips a proofreader marks in one piece of text (a paragraph, a heading, a 原因简析 cell, a
contact line), as data: each check says what it flags and what it never flags (the README lists them,
tests/test_proofread.py holds both sides of each), and each slip carries the fix when there is exactly one.

What spans more than one piece (typed sequences over a section, titles cited two ways over the report,
the 成文日期, the fonts) is in ``forms/proofread_report.py``."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

HAN = "\u3400-\u4dbf\u4e00-\u9fff"  # CJK ideographs (Extension A and the basic block)
_HAN = f"[{HAN}]"


@dataclass(frozen=True)
class Slip:
    """One slip in a piece of text: ``span`` its characters, ``what`` it is in the clerk's words,
    ``fix`` what to put there instead (None: no one fix, the clerk decides)."""

    code: str
    span: tuple[int, int]
    what: str
    fix: str | None


@dataclass(frozen=True)
class Check:
    """A check as the README lists it."""

    code: str
    name: str
    flags: str
    never: str
    find: Callable[[str], Iterator[Slip]]


# --- 繁体字 --------------------------------------------------------------------------------

# Names that keep a traditional form in simplified text (a surname, a place): never flagged, a character
# anywhere or a word (乾县 and 乾安县 are counties' own names; 乾 is 干 only in 乾燥 and the like).
ALLOWED_TRADITIONAL = frozenset({"於"})
ALLOWED_TRADITIONAL_WORDS = ("乾县", "乾安", "乾陵", "乾隆", "乾州", "乾元")


def _in_allowed_word(text: str, i: int) -> bool:
    char = text[i]
    return any(text.startswith(w, i - k) for w in ALLOWED_TRADITIONAL_WORDS for k, c in enumerate(w) if c == char)


@functools.lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str] | None:
    """OpenCC's t2s conversion, loaded with the first audit of a text (not at start-up); None when
    the library or its data cannot be loaded (a damaged install): the audit then goes on without
    this check rather than failing whole."""
    try:
        import opencc

        return opencc.OpenCC("t2s").convert
    except (ImportError, OSError, RuntimeError):  # pragma: no cover - a broken install
        return None


@functools.lru_cache(maxsize=4096)
def _simplified(char: str) -> str:
    convert = _t2s()
    return convert(char) if convert is not None else char


def _traditional(text: str) -> Iterator[Slip]:
    convert = _t2s()
    if text.isascii() or convert is None:
        return
    converted = convert(text)
    if converted == text:
        return  # nothing converted: the usual case, decided in C
    same_length = len(converted) == len(text)
    for i, char in enumerate(text):
        if char.isascii() or char in ALLOWED_TRADITIONAL or _in_allowed_word(text, i):
            continue
        # the whole text converts a word as a word (乾坤 stays); a character alone when lengths differ
        simple = converted[i] if same_length else _simplified(char)
        if simple != char and len(simple) == 1:
            yield Slip("PROOF_TRADITIONAL", (i, i + 1), f"“{char}”是繁体字", simple)


def traditional_fixes(text: str) -> dict[int, str]:
    """Position → simplified character of each traditional one the 繁体字 check flags in ``text``."""
    return {slip.span[0]: slip.fix for slip in _traditional(text) if slip.fix}


# --- 标点 ------------------------------------------------------------------------------------

FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "(": "（", ")": "）"}
_HALF_PUNCT = re.compile(rf"(?<={_HAN})[ \t]*([,;:?])[ \t]*(?=[{HAN}\d])")
_HALF_BRACKETS = re.compile(rf"(?<={_HAN})\(([^()\n]*{_HAN}[^()\n]*)\)")


def _half_width(text: str) -> Iterator[Slip]:
    for m in _HALF_PUNCT.finditer(text):
        mark = m[1]
        yield Slip("PROOF_HALF_WIDTH", m.span(), f"半角“{mark}”", FULL_WIDTH[mark])
    for m in _HALF_BRACKETS.finditer(text):
        yield Slip("PROOF_HALF_WIDTH", m.span(), "半角括号“()”", f"（{m[1]}）")


# A list item's own number before a lone closing bracket: 1）加强…；2）… (a paragraph's start or after a mark)
_LIST_NUMBER = re.compile(r"(?:^|[；;。，,：:\s])(?:\d{1,2}|[一二三四五六七八九十]{1,3})$")
PAIRS = (("“", "”"), ("‘", "’"), ("《", "》"), ("（", "）"), ("(", ")"), ("〈", "〉"), ("【", "】"))
_PAIR_MARKS = {opening: re.compile(f"[{re.escape(opening)}{re.escape(closing)}]") for opening, closing in PAIRS}


def _unbalanced(text: str) -> Iterator[Slip]:
    """Each paragraph on its own: an opening mark without its closing one or the other way round."""
    start = 0
    for paragraph in text.split("\n"):
        for opening, closing in PAIRS:
            if opening not in paragraph and closing not in paragraph:
                continue
            depth, first = 0, -1
            for m in _PAIR_MARKS[opening].finditer(paragraph):
                i, char = m.start(), m[0]
                if char == opening:
                    depth, first = depth + 1, i if depth == 0 else first
                elif char == closing:
                    if depth == 0 and closing in "）)" and _LIST_NUMBER.search(paragraph, 0, i):
                        continue  # a list item's number, 1）
                    if depth == 0:
                        yield Slip(
                            "PROOF_UNBALANCED", (start + i, start + i + 1), f"“{closing}”前面缺少“{opening}”", None
                        )
                        break
                    depth -= 1
            else:
                if depth > 0:
                    yield Slip(
                        "PROOF_UNBALANCED",
                        (start + first, start + first + 1),
                        f"“{opening}”没有对应的“{closing}”",
                        None,
                    )
        start += len(paragraph) + 1


# --- 重复的字 ---------------------------------------------------------------------------------

# A character doubled by a slip of the keyboard, unless the second one begins a word (在在建: 在 + 在建;
# 2022年年初: 年 + 年初) or the pair is half of an AABB word (的的确确, 和和美美): 年年 only after a year's
# number (年年讲 is a word), the others anywhere.
_YEAR_WORDS = "初底末中内度终前后里报均检审鉴龄限薪会"
DOUBLED = (
    re.compile(rf"(?<=\d)\s*(年)\s*年(?![{_YEAR_WORDS}])"),
    re.compile(r"(的)的(?!确)"),
    re.compile(r"(在)在(?![建职岗编押校线场册读办案库途研营用逃控位任])"),
    re.compile(r"(和)和(?![解谐睦平善气])"),
    re.compile(r"(与)与(?![会其否])"),
    re.compile(r"(及)及(?![时早格至其])"),
    re.compile(r"(将)将(?![来近领士军])"),
    re.compile(r"(对)对(?![象付照比接称冲待话应手立口策外内标焦齐])"),
)


def _doubled(text: str) -> Iterator[Slip]:
    for pattern in DOUBLED:
        for m in pattern.finditer(text):
            start, after = m.start(1), text[m.end() : m.end() + 2]
            if len(after) == 2 and after[0] == after[1]:
                continue  # AABB: 的的确确, 和和美美
            yield Slip("PROOF_DOUBLED", (start, m.end()), f"“{text[start : m.end()]}”多了一个“{m[1]}”", m[1])


# --- 空格 --------------------------------------------------------------------------------------

# Spaces a copy from PDF or the web leaves: inside a figure and its unit (178 件, 2024 年), between a
# figure and the word before it, between two Chinese characters. Never between two figures, nor
# around Latin letters (GB/T 9704), nor a line's own start or end.
_SPACES = re.compile(rf"(?<=[{HAN}\d%％])[ \u3000\t\xa0]+(?=[{HAN}\d])")
_HEADLINE = re.compile(r"《[^《》\n]*》")
_ORDER_NUMBER = re.compile(r"第\d+号")


def _spaces(text: str) -> Iterator[Slip]:
    headlines = [m.span() for m in _HEADLINE.finditer(text)] if "《" in text else []
    for m in _SPACES.finditer(text):
        before, after = text[m.start() - 1], text[m.end()]
        if before.isdigit() and after.isdigit():
            continue  # two figures: 2023 2024
        between_han = not before.isdigit() and not after.isdigit()
        if between_han and m[0] == "\u3000" and len(text.strip()) <= 4:
            continue  # a two-character name padded to the width of three (王　伟), as documents print it
        # a headline's two phrases, an order's number (应急管理部令 第11号) as printed on it
        if between_han and (any(a < m.start() < b for a, b in headlines) or _ORDER_NUMBER.match(text, m.end())):
            continue
        # the character before the blanks is part of the slip, so that its fix is that character alone
        yield Slip("PROOF_SPACE", (m.start() - 1, m.end()), "多余的空格", before)


CHECKS = (
    Check(
        "PROOF_TRADITIONAL",
        "繁体字",
        "a traditional character in simplified text (OpenCC t2s), fix: the simplified one (員 → 员)",
        "a character OpenCC keeps in its word (乾坤), the names of ALLOWED_TRADITIONAL",
        _traditional,
    ),
    Check(
        "PROOF_HALF_WIDTH",
        "半角标点",
        "`, ; : ?` after a Chinese character and before another or a figure (spaces around it dropped), "
        "`(…)` after a Chinese character holding one; fix: the full-width mark",
        "half-width marks after a figure or Latin text (1,000, 8:30, GB/T 9704(2012)), or before Latin text",
        _half_width,
    ),
    Check(
        "PROOF_UNBALANCED",
        "括号引号不成对",
        "“ ” ‘ ’ 《 》 （ ） ( ) 〈 〉 【 】 opened and not closed, or closed and not opened, in one paragraph",
        "pairs across paragraphs are not looked for: each paragraph stands alone",
        _unbalanced,
    ),
    Check(
        "PROOF_DOUBLED",
        "重复的字",
        "年年 right after a year's number (2024年年投诉), 的的, 在在, 和和, 与与, 及及, 将将, 对对; fix: one of them",
        "年年 not after a number (每年年初) or before 初/底/末/中/内/度/终/前/后/里 (2022年年初), 对对象",
        _doubled,
    ),
    Check(
        "PROOF_SPACE",
        "多余的空格",
        "spaces inside a figure and its unit (178 件), between a figure and a Chinese character, between two "
        "Chinese characters; fix: none of them (the slip is the character before them and the blanks, its fix "
        "that character)",
        "spaces between two figures, around Latin letters, at a line's start or end; between two Chinese "
        "characters inside 《…》 (a headline's two phrases) or before 第…号 (应急管理部令 第11号)",
        _spaces,
    ),
)


def slips(text: str) -> list[Slip]:
    """Every slip of one piece of text, in the order of the text."""
    if not text:
        return []
    found = [slip for check in CHECKS for slip in check.find(text)]
    return sorted(found, key=lambda s: s.span)


def fixed(text: str, found: list[Slip]) -> str:
    """``text`` with every slip that has a fix mended (overlapping ones: the first)."""
    out, at = [], 0
    for slip in sorted(found, key=lambda s: s.span):
        if slip.fix is None or slip.span[0] < at:
            continue
        out += [text[at : slip.span[0]], slip.fix]
        at = slip.span[1]
    return "".join(out) + text[at:]
