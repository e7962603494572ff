"""校对 of the characters the report's fonts cannot print (issue 24, item 1).

The official fonts (仿宋_GB2312, 楷体_GB2312, 方正小标宋简体) hold the characters of GB 2312 and no more:
a name like 镕 prints as a blank box or in another face. Python's ``gb2312`` codec is the start, but it
maps GB 2312's middle dot and dash (A1A4, A1AA) to U+30FB and U+2015, while text typed in Word holds U+00B7
and U+2014, which those fonts print: both are covered here. With the Windows fonts (仿宋, 楷体, 宋体, 黑体)
what their files hold (their cmap, read by ``storage/font_files.py`` when the files are at hand) is covered;
without the files nothing is said. The fix offered for the official fonts is the switch to the Windows fonts
(设置 → Word 报告字体), whose faces hold GBK."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from forms.findings import (
    CONTACT_NAMES,
    OWN_LINES,
    PART_NAMES,
    CellLocation,
    ContactLine,
    ContactLocation,
    Finding,
    TextLocation,
)
from forms.kinds import TextKind
from forms.report import REASON_ROW, CellKey, Fonts, FormData, Report, ReportData, ReportText, cell_kind
from forms.rules import Severity
from forms.spec import RowStyle

GOVERNMENT = "government"  # storage.store.FONT_SETS
WINDOWS = "windows"
FONT_CODE = "PROOF_FONT"
SHOWN = {GOVERNMENT: "仿宋_GB2312、楷体_GB2312、方正小标宋简体", WINDOWS: "仿宋、楷体、宋体、黑体"}
# Characters GB 2312 holds that the codec gives other code points for (middle dot, em dash).
GB2312_ALSO = "\u00b7\u2014"


def _ranges(points: Iterable[int]) -> str:
    """A regex character class body for ``points``, as ranges."""
    out, run = [], None
    for p in sorted(set(points)):
        if run is not None and p == run[1] + 1:
            run = (run[0], p)
            continue
        if run is not None:
            out.append(run)
        run = (p, p)
    if run is not None:
        out.append(run)
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in out)


def _gb2312_points() -> Iterator[int]:
    yield from range(0x80)
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                yield ord(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    yield from map(ord, GB2312_ALSO)


@functools.lru_cache(maxsize=8)
def _outside(fonts: Fonts) -> re.Pattern[str] | None:
    """A character the fonts cannot print (line breaks and tabs are no characters to print)."""
    if fonts.name == WINDOWS:
        if fonts.chars is None:
            return None
        points: Iterable[int] = fonts.chars
    else:
        points = _gb2312_points()
    return re.compile(f"[^{_ranges([*points, 0x0A, 0x09, 0x0D])}]")


def unprintable(text: str, fonts: Fonts) -> list[tuple[int, str]]:
    """(position, character) of each character of ``text`` the fonts cannot print."""
    pattern = _outside(fonts)
    if pattern is None or not text:
        return []
    return [(m.start(), m[0]) for m in pattern.finditer(text)]


_CONTACT: tuple[ContactLine, ...] = ("filler", "contact_person")  # the phone number is digits


def _said(text: str, fonts: Fonts, *, proofread: bool = True) -> list[tuple[int, str]]:
    """``unprintable``, less what the 繁体字 check mends where it proofreads (``proofread``): a traditional
    character whose simplified one the fonts print (員 → 员) is that check's slip, said once with its fix,
    not also as a reason to change the fonts."""
    hits = unprintable(text, fonts)
    if hits and proofread:
        from forms.proofread import traditional_fixes

        simplified, outside = traditional_fixes(text), _outside(fonts)
        assert outside is not None  # there are hits
        hits = [(i, c) for i, c in hits if i not in simplified or outside.match(simplified[i])]
    return hits


def _message(what: str, chars: list[str], fonts: Fonts) -> str:
    said = "、".join(dict.fromkeys(chars))
    if fonts.name == WINDOWS:
        return f"校对：{what}中的“{said}”不在所选字体（{SHOWN[WINDOWS]}）的字库里，打印时会成为空框或换成别的字体"
    return (
        f"校对：{what}中的“{said}”不在公文字体（{SHOWN[GOVERNMENT]}）的 GB 2312 字符范围内，"
        f"打印时会成为空框或换成别的字体；可改用 Windows 自带字体（设置 → Word 报告字体）"
    )


def _finding(
    where: TextLocation | CellLocation | ContactLocation, what: str, found: list[tuple[int, str]], fonts: Fonts
) -> Finding:
    fix = WINDOWS if fonts.name == GOVERNMENT else ""  # the switch the window offers
    return Finding(where, Severity.HINT, _message(what, [c for _, c in found], fonts), FONT_CODE, fix)


def check_fonts(data: ReportData) -> list[Finding]:
    """One 提示 a piece of text (the title, a heading, a section's text, a cell, the unit and contact
    names) holding characters the report's fonts (``data.fonts``) cannot print, naming them. The fix
    of the official fonts' findings is ``WINDOWS``: the font choice the window switches to."""
    cells = [f for form in data.forms for f in fonts_of_form(form, data.fonts)]
    return fonts_of_lines(data.report, data.text, data.fonts) + cells


def fonts_of_lines(report: Report, text: ReportText | None, fonts: Fonts) -> list[Finding]:
    """``check_fonts`` of the contact lines and the report text (what the Auditor keeps until they change)."""
    if _outside(fonts) is None:
        return []
    found = []
    for line in _CONTACT:
        hits = _said(getattr(report, line), fonts)
        if hits:
            found.append(_finding(ContactLocation(line), CONTACT_NAMES[line], hits, fonts))
    if text is not None:
        for part in OWN_LINES:
            hits = _said(getattr(text, part), fonts)
            if hits:
                found.append(_finding(TextLocation("", part), PART_NAMES[part], hits, fonts))
        for section in text.sections:
            hits = _said(section.heading, fonts)
            if hits:
                found.append(_finding(TextLocation(section.key, "heading"), "小标题", hits, fonts))
            hits = _said(section.body, fonts)
            if hits:
                span = (hits[0][0], hits[0][0] + 1)  # the first of them, where the window shows it
                found.append(_finding(TextLocation(section.key, "body", span), "正文", hits, fonts))
    return found


def fonts_of_form(form: FormData, fonts: Fonts) -> list[Finding]:
    """``check_fonts`` of one table's text cells, in table order."""
    return _cells(form, fonts) if _outside(fonts) is not None else []


def _cells(form: FormData, fonts: Fonts) -> list[Finding]:
    found = []
    for key, value in form.values.items():
        if not isinstance(value, str) or not isinstance(cell_kind(form.spec, key.row, key.field), TextKind):
            continue
        hits = _said(value, fonts, proofread=key.row == REASON_ROW and form.spec.rows is RowStyle.COMPARISON)
        if hits:
            found.append(_finding(CellLocation(form.spec.key, key), _cell_name(form, key), hits, fonts))
    rows = {row: i for i, row in enumerate(form.rows)}
    columns = {f.key: i for i, f in enumerate(form.spec.fields())}
    return sorted(found, key=lambda f: _order(f, rows, columns))


def _cell_name(form: FormData, key: CellKey) -> str:
    field = form.spec.field(key.field)
    return f"{field.noun}的原因简析" if key.row == REASON_ROW else field.noun


def _order(finding: Finding, rows: dict[str, int], columns: dict[str, int]) -> tuple[int, int]:
    key = finding.cell
    assert key is not None
    return (rows.get(key.row, len(rows)), columns.get(key.field, 0))
