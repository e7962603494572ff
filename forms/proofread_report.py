"""校对 over a report: every piece of its text (``forms/proofread.py``), the typed sequences of a
section, titles cited two ways, the 成文日期; the 原因简析 cells and the contact line. All 提示, each
quoting the sentence, with the fix where there is exactly one: for a section's text at its span, for a
cell or a contact line the whole value mended (``Finding.fix`` is what the window puts in place)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from forms.findings import (
    CONTACT_NAMES,
    OWN_LINES,
    PART_NAMES,
    CellLocation,
    ContactLocation,
    Finding,
    Location,
    TextLocation,
)
from forms.proofread import Slip, fixed, slips
from forms.proofread_titles import title_slips
from forms.report import REASON_ROW, CellKey, FormData, Report, ReportText, Section, chinese_date
from forms.rules import Severity
from forms.spec import Field, RowStyle
from forms.text_edits import CLOSING, LEAD

AROUND = 12  # characters of the sentence quoted on either side of a slip
_SENTENCE_END = re.compile(r"[。！？；\n]")


def _quote(text: str, span: tuple[int, int], fix: str | None) -> str:
    """The stretch of the sentence around a slip, and the same stretch mended when there is a fix."""
    start, end = span
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _SENTENCE_END.finditer(text, end)), len(text))
    left, right = max(left, start - AROUND), min(right, end + AROUND)
    said = f"“{text[left:start]}{text[start:end]}{text[end:right]}”"
    if fix is None:
        return f"{said}，请核对"
    return f"{said}，应为“{text[left:start]}{fix}{text[end:right]}”"


def _finding(where: Location, what: str, text: str, slip: Slip, fix: str) -> Finding:
    message = f"校对：{what}{slip.what}：{_quote(text, slip.span, slip.fix)}"
    return Finding(where, Severity.HINT, message, slip.code, fix)


# --- the report text ---------------------------------------------------------------------------

_CN = "一二三四五六七八九十"
# 一是…二是…: after a sentence, a clause or a paragraph begins (bold marks may stand around it)
_POINT = re.compile(rf"(?:^|(?<=[。；;：:，,！？\n]))(?:\*\*)?([{_CN}]{{1,3}})是")
# a typed number at a paragraph's start, by style: 1. 1、 （1） 一、 （一）
_ITEMS = (
    ("1.", re.compile(r"^(?:\*\*)?(\d{1,2})[.．](?!\d)", re.M)),
    ("1、", re.compile(r"^(?:\*\*)?(\d{1,2})、", re.M)),
    ("（1）", re.compile(r"^(?:\*\*)?[（(](\d{1,2})[）)]", re.M)),
    ("一、", re.compile(rf"^(?:\*\*)?([{_CN}]{{1,3}})、", re.M)),
    ("（一）", re.compile(rf"^(?:\*\*)?[（(]([{_CN}]{{1,3}})[）)]", re.M)),
)


def cn_number(text: str) -> int:
    """一 … 九十九 as a number (0 for what is none)."""
    if not text or any(c not in _CN for c in text):
        return 0
    if "十" not in text or len(text) == 1:
        return _CN.index(text) + 1 if len(text) == 1 else 0
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return 0
    return (_CN.index(tens) + 1 if tens else 1) * 10 + (_CN.index(ones) + 1 if ones else 0)


def cn_numeral(n: int) -> str:
    if n <= 10:
        return _CN[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens - 1]) + "十" + (_CN[ones - 1] if ones else "")


def sequence_slips(body: str) -> Iterator[Slip]:
    """一是…二是…四是, typed 1. 2. 4. items, typed heading numbers: a number that skips or repeats the
    one before it in the same section (a 1 or 一 starts again). Fix: the number that follows."""
    runs: list[tuple[str, list[tuple[int, int, str]]]] = [("是", [])]
    runs += [(style, []) for style, _ in _ITEMS]
    for m in _POINT.finditer(body):
        runs[0][1].append((m.start(1), m.end(1), m[1]))
    for (_, pattern), (_, found) in zip(_ITEMS, runs[1:], strict=True):
        found += [(m.start(1), m.end(1), m[1]) for m in pattern.finditer(body)]
    for _style, found in runs:
        before = 0
        for start, end, said in sorted(found):
            n = int(said) if said.isdigit() else cn_number(said)
            if n not in (before + 1, 1) and n:
                want = str(before + 1) if said.isdigit() else cn_numeral(before + 1)
                if before:
                    last = str(before) if said.isdigit() else cn_numeral(before)
                    what = f"“{said}”的前面是“{last}”，序号{'重复' if n <= before else '跳过了'}"
                else:  # the section's first number is past 1 (there is none before it to name)
                    what = f"“{said}”的前面没有“{want}”，序号跳过了"
                yield Slip("PROOF_SEQUENCE", (start, end), what, want)
            before = n or before


def _pieces(text: ReportText) -> Iterator[tuple[TextLocation, str, str]]:
    """Every piece of the text, its place (a section's body by span) and its name in a message."""
    for part in OWN_LINES:
        yield TextLocation("", part), getattr(text, part), PART_NAMES[part]
    for section in text.sections:
        yield TextLocation(section.key, "heading"), section.heading, PART_NAMES["heading"]
        yield TextLocation(section.key, "body"), section.body, PART_NAMES["body"]


def proofread_text(text: ReportText | None, year: int, titles: tuple[str, ...] = ()) -> list[Finding]:
    """The report text's slips: a section's own (with the fix at its span), then the report's titles,
    then the 成文日期 (before the report year ends: a date mistyped or a year left from a template).
    ``titles``: the file's own lists of titles, beside the shipped one."""
    if text is None:
        return []
    found: list[Finding] = []
    cited: list[tuple[TextLocation, str]] = []
    for at, stored, name in _pieces(text):
        if not stored:
            continue
        cited.append((at, stored))
        found_here = slips(stored)
        if at.part == "heading":
            found_here += _typed_number(stored, text.sections, at.section)
        if at.part in ("body", "lead", "closing"):
            found_here = sorted(found_here + list(sequence_slips(stored)), key=lambda s: s.span)
        for slip in found_here:
            found.append(_text_finding(at, name, stored, slip))
    for i, slip in title_slips([stored for _, stored in cited], titles):
        at, stored = cited[i]
        found.append(_text_finding(at, _name_of(at), stored, slip))
    if text.sign_date is not None and text.sign_date < date(year + 1, 1, 1):
        message = f"校对：成文日期 {chinese_date(text.sign_date)} 在报告年度（{year}年）结束之前，请核对"
        found.append(Finding(TextLocation("", "signer"), Severity.HINT, message, "PROOF_DATE"))
    return found


def _typed_number(heading: str, sections: tuple[Section, ...], key: str) -> list[Slip]:
    """A number typed into a numbered heading (pasted with it): the outline prints its own, so it
    would print twice (一、一、基本情况). Fix: the heading without it."""
    from forms.paste_report import numbered  # the paste's own reading of a heading's number

    section = next(s for s in sections if s.key == key)
    found = numbered(heading) if section.numbered else None
    if found is None:
        return []
    start = len(heading) - len(heading.lstrip())
    end = heading.index(found.rest)
    return [
        Slip(
            "PROOF_SEQUENCE",
            (start, end + 1),
            f"“{heading[start:end].strip()}”是打上的编号，目录会自动编号",
            heading[end],
        )
    ]


def _name_of(at: TextLocation) -> str:
    return PART_NAMES[at.part]


def _text_finding(at: TextLocation, name: str, stored: str, slip: Slip) -> Finding:
    """The window puts the fix at the span: of a section's text (the 导语 and 结束语 are outline
    entries of their own, ``LEAD`` and ``CLOSING``), a heading, the title, the unit line, the 署名."""
    if at.part in ("lead", "closing"):
        at = TextLocation(LEAD if at.part == "lead" else CLOSING, "body")
    return _finding(TextLocation(at.section, at.part, slip.span), name, stored, slip, slip.fix or "")


# --- the 原因简析 cells and the contact line -------------------------------------------------------


def proofread_reason(form: FormData, field: Field) -> list[Finding]:
    """The 原因简析 under one figure of a comparison table; the fix is the whole cell mended."""
    key = CellKey(REASON_ROW, field.key)
    stored = form.get(key)
    if not isinstance(stored, str) or not stored:
        return []
    where = CellLocation(form.spec.key, key)
    what = f"{field.noun}的原因简析"
    return [_finding(where, what, stored, s, fixed(stored, [s]) if s.fix is not None else "") for s in slips(stored)]


def proofread_reasons(forms: list[FormData]) -> list[Finding]:
    found = []
    for form in forms:
        if form.spec.rows is RowStyle.COMPARISON:
            for field in form.spec.paired_fields():
                found += proofread_reason(form, field)
    return found


def proofread_contact(report: Report) -> list[Finding]:
    found = []
    for line, name in CONTACT_NAMES.items():
        stored = getattr(report, line)
        for s in slips(stored):
            fix = fixed(stored, [s]) if s.fix is not None else ""
            found.append(_finding(ContactLocation(line), name, stored, s, fix))
    return found
