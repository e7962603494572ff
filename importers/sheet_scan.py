"""A worksheet part's cells checked in one pass over its bytes, without a Python call per XML element.

The guard (importers/guard.py) needs, per worksheet, how many cells each row and the sheet hold, where the
filled ones reach, and which formulas have no stored result. Element callbacks from expat cost more than
everything else an import does (≈6 ms of a hand-filled workbook's ≈10); so expat, with no element handler
(C speed), only proves the part well-formed and free of DTDs and entities, and this scan finds the ``<row>``
and ``<c>`` tags by pattern. It gives the same answers as the callbacks (``guard._PartScan``) on what Excel,
WPS, LibreOffice and openpyxl write: unprefixed elements in the default spreadsheetml namespace, UTF-8,
attributes without character references. Anything else (a prefix, another namespace, comments, CDATA,
processing instructions, ``&`` in a tag, a cell inside a cell) returns None, and the guard takes the exact
path of callbacks instead: nothing is ever decided by a guess.
"""

from __future__ import annotations

import re
from itertools import islice

from importers.cell_span import Spans, column_index

_NAMESPACES = (
    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    b"http://purl.oclc.org/ooxml/spreadsheetml/main",
)
_DECLARATION = re.compile(rb"<\?xml[^>]*?\?>", re.IGNORECASE)
_UTF8 = re.compile(rb"""encoding\s*=\s*["']utf-8["']""", re.IGNORECASE)
_ROOT = re.compile(rb"""\s*<worksheet\s[^>]*?xmlns\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# A prefixed cell element of any prefix (a prefix may be any XML name, 前: as well as x:):
_ODD = re.compile(rb"<!--|<!\[CDATA\[|<\?|<[^\s/>!?]+:(?:c|row|f|v|is)[\s/>]")
_TAG = re.compile(rb"<(row|c)(?=[\s/>])([^>]*)>")
_CELL_END = re.compile(rb"</c\s*>")
_INNER_CELL = re.compile(rb"<c[\s/>]")
_FORMULA = re.compile(rb"<f[\s/>]")
_VALUE = re.compile(rb"<v(?=[\s/>])([^>]*)>")
_INLINE = re.compile(rb"<is[\s/>]")
_R = re.compile(rb"""\sr\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_T = re.compile(rb"""\st\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REF = re.compile(rb"([A-Za-z]+)([0-9]+)")
# The whole part at once, when it holds no formula and every cell starts with its reference:
_ANY_CELL = re.compile(rb"<c[\s/>]")
_REFERENCED = re.compile(rb"""<c\s+r\s*=\s*["'][A-Z]+[0-9]+["']""")
_FILLED = re.compile(rb"""<c\s+r\s*=\s*["']([A-Z]+)([0-9]+)["'][^>]*(?<!/)><(?:v|is)[\s/>]""")
_FILLING = re.compile(rb"<(?:v|is)[\s/>]")


class TooLarge(Exception):
    """A row or a sheet with more cells than any form (the sentence of the refusal)."""


def _attr(pattern: re.Pattern[bytes], attrs: bytes) -> bytes | None:
    m = pattern.search(attrs)
    return None if m is None else (m[1] if m[1] is not None else m[2])


_FEW = 1 << 14  # matches listed at once (C speed) when at most this many can be there


def _count(pattern: re.Pattern[bytes], data: bytes, limit: int, *starts: bytes) -> int:
    """Matches up to ``limit + 1`` (or all of them, when few): listed when ``starts``, what every match
    begins with, occur few times; else counted one by one, none kept (50 MB of ``<c/>`` is no list)."""
    if sum(map(data.count, starts)) <= _FEW:
        return len(pattern.findall(data))
    return sum(1 for _ in islice(pattern.finditer(data), limit + 1))


def _plain(data: bytes) -> bool:
    """Whether the part is written the plain way this scan reads exactly (matched in place: a slice of a
    50 MB part would copy it)."""
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    decl = _DECLARATION.match(data, start)
    if decl is not None:
        if b"encoding" in decl[0] and not _UTF8.search(decl[0]):
            return False
        start = decl.end()
    root = _ROOT.match(data, start)
    if root is None or (root[1] if root[1] is not None else root[2]) not in _NAMESPACES:
        return False
    return data.count(b"xmlns=") + data.count(b"xmlns =") == 1 and _ODD.search(data, start) is None


def scan_worksheet(data: bytes, label: str, spans: Spans, max_row_cells: int, max_sheet_cells: int) -> list[str] | None:
    """The cells (``B5``) whose formula has no stored result, the filled cells' reach added to ``spans``
    under ``label``; None when the part is not plain (see above). Raises TooLarge past the bounds."""
    if not _plain(data):
        return None
    cells = _count(_ANY_CELL, data, max_sheet_cells, b"<c")
    if cells > max_sheet_cells:
        raise TooLarge(f"有超过 {max_sheet_cells} 个单元格")
    if cells <= max_row_cells and _FORMULA.search(data) is None and _count(_REFERENCED, data, cells, b"<c") == cells:
        # No row can hold too many, no formula to look at, every cell placed by its own reference; the
        # filled ones are those whose value follows their tag directly (all of them, or the counts differ).
        filled = _FILLED.findall(data)
        if len(filled) == _count(_FILLING, data, len(filled), b"<v", b"<is"):
            if filled:
                columns, rows = zip(*filled, strict=True)
                # past 20 digits a row is only ever too far (and int() refuses thousands of digits)
                far = max(map(int, rows)) if max(map(len, rows)) <= 20 else max(int(r[:20]) for r in rows)
                # up to 7 letters (as many as column_index reads), the longest and then the last is the farthest
                longest = max(zip(map(len, columns), columns, strict=True))
                far_col = (
                    column_index(longest[1].decode("ascii"))
                    if longest[0] <= 7
                    else max(column_index(c.decode("ascii")) for c in set(columns))
                )
                spans.filled(label, max(far - 1, 0), far_col)
            return []
    return _one_by_one(data, label, spans, max_row_cells, max_sheet_cells)


def _one_by_one(data: bytes, label: str, spans: Spans, max_row_cells: int, max_sheet_cells: int) -> list[str] | None:
    """Each ``<row>`` and ``<c>`` in turn, as the callbacks see them."""
    formulas: list[str] = []
    row = col = -1
    far_row = far_col = -1
    row_cells = sheet_cells = 0
    pos = 0
    while (m := _TAG.search(data, pos)) is not None:
        attrs, pos = m[2], m.end()
        if b"&" in attrs or attrs.count(b'"') % 2 or attrs.count(b"'") % 2:
            return None  # a character reference, or a ">" inside a value: the exact path
        if m[1] == b"row":
            row_cells = 0
            r = _attr(_R, attrs)
            row = int(r[:20]) - 1 if r is not None and r.isascii() and r.isdigit() else row + 1
            col = -1
            continue
        row_cells += 1
        sheet_cells += 1
        if row_cells > max_row_cells:
            raise TooLarge(f"一行中有超过 {max_row_cells} 个单元格")
        if sheet_cells > max_sheet_cells:
            raise TooLarge(f"有超过 {max_sheet_cells} 个单元格")
        ref = _attr(_R, attrs)
        place = _REF.fullmatch(ref) if ref is not None else None
        if place is not None:
            row, col = int(place[2][:20]) - 1, column_index(place[1].decode("ascii"))
        else:
            col += 1
        if attrs.endswith(b"/"):
            continue  # <c r="B5" s="1"/>: no formula, not filled
        end = _CELL_END.search(data, pos)
        if end is None:
            return None
        body, pos = data[pos : end.start()], end.end()
        if _INNER_CELL.search(body) is not None:
            return None
        kind = _attr(_T, attrs)
        value = kind == b"inlineStr"
        filled = False
        for v in _VALUE.finditer(body):
            filled = True
            if kind == b"str":
                value = True  # a formula's text result: "" is one
            elif not v[1].endswith(b"/"):
                close = body.find(b"<", v.end())
                text = body[v.end() : close] if close >= 0 else b""
                if b"&" in text:
                    return None
                value = value or bool(text.decode("utf-8", "replace").strip())
        if _INLINE.search(body) is not None:
            value = filled = True
        if _FORMULA.search(body) is not None and not value:
            formulas.append(ref.decode("utf-8", "replace") if ref is not None else "?")
        if filled:
            far_row, far_col = max(far_row, row, 0), max(far_col, col, 0)
    if far_row >= 0:
        spans.filled(label, far_row, far_col)
    return formulas
