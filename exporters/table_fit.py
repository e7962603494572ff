"""Column widths and type size for a Word table, from what its cells hold.

A figure, a year or a percentage must never break across lines (``921770`` / ``1`` reads as
two numbers); a text label may wrap. Widths come from the widest value each column holds,
measured as the fonts may draw it (a CJK character one em, a digit or Latin letter up to 0.64 em).
If the table does not fit the page at a size, it tries the next smaller size down to
9 pt (小五); only then do text columns give up width and wrap more.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from forms.grid import Cell, HeaderCell, Layout, Role
from forms.kinds import TextKind

SIZES_PT = (12.0, 10.5, 9.0)  # 小四, 五号, 小五: one step at a time
CELL_MARGIN_PT = 1.4  # each side (w:tblCellMar 28 twips)
SLACK = 1.08  # glyph widths vary by face; a figure that fits by a hair would still wrap
LABEL_EM = 4.0  # a header label wraps at about four characters a line
TEXT_EM = 8.0  # a unit's name or a reason wraps at about eight
MIN_TEXT_EM = 2.0  # a text column never gets narrower than two characters


# How wide a digit or Latin letter is drawn, in em (years and figures are set in regular weight):
# first as the fallback face of a PC without 仿宋/宋体 draws it (DejaVu Sans 0.64); a table too
# wide for that at 9 pt is fitted to the fonts it names (half an em).
Glyphs = tuple[float, float]  # (narrow character, factor for the headers' figures)
FALLBACK: Glyphs = (0.64, 1.0)
NOMINAL: Glyphs = (0.5, 1.0)


def text_em(text: str, narrow: float = NOMINAL[0]) -> float:
    """Width in em: East Asian wide and full-width characters one em, the rest ``narrow``."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else narrow for ch in text)


@dataclass(frozen=True)
class Fit:
    size_pt: float
    widths_pt: list[float]


@dataclass
class _Need:
    hard: float = 0.0  # em that must fit on one line
    soft: float = 0.0  # em a text label would like
    name: float = 0.0  # em a unit's or row's name would like (it gives way after the labels do)


def _needs(
    layout: Layout, body: list[list[Cell]], glyphs: Glyphs = NOMINAL
) -> tuple[list[_Need], list[tuple[int, int, float]]]:
    """Per-column needs, and (first column, span, hard em) of figures across merged columns."""
    needs = [_Need() for _ in range(layout.column_count)]
    spanned: list[tuple[int, int, float]] = []

    def hard(col: int, span: int, em: float) -> None:
        if span == 1:
            needs[col].hard = max(needs[col].hard, em)
        else:
            spanned.append((col, span, em))

    def soft(col: int, span: int, em: float, *, name: bool = False) -> None:
        for c in range(col, col + span):
            if name:
                needs[c].name = max(needs[c].name, em / span)
            else:
                needs[c].soft = max(needs[c].soft, em / span)

    for h in layout.header:
        _header(h, hard, soft, glyphs)
    for row in body:
        for cell in row:
            if not cell.text:
                continue
            em = text_em(cell.text, glyphs[0])
            if cell.role in (Role.INDEX, Role.YOY) or (
                cell.role is Role.VALUE and not isinstance(cell.kind, TextKind)  # figures and 是/否 never wrap
            ):
                hard(cell.col, cell.span, em)
            elif cell.role is Role.REASON:  # free text under a pair of figures: let it wrap
                soft(cell.col, cell.span, min(em, LABEL_EM * cell.span))
            else:
                soft(cell.col, cell.span, min(em, TEXT_EM * cell.span), name=True)
    return needs, spanned


def _header(h: HeaderCell, hard, soft, glyphs: Glyphs) -> None:
    if h.text.isascii():  # years (2023, 2024) and other figures
        hard(h.col, h.colspan, text_em(h.text, glyphs[0]) * glyphs[1])
    elif h.colspan == 1 or h.rowspan > 1:
        soft(h.col, h.colspan, min(text_em(h.text), LABEL_EM * h.colspan))
    # A group's label spans many columns; any width it gets is enough.


def fit_columns(layout: Layout, body: list[list[Cell]], available_pt: float) -> Fit:
    smallest = SIZES_PT[-1]
    for glyphs in (FALLBACK, NOMINAL):
        needs, spanned = _needs(layout, body, glyphs)
        for size in SIZES_PT:
            widths = _widths(needs, spanned, size)
            if sum(widths) <= available_pt:
                return Fit(size, _spread(widths, needs, size, available_pt))
        floor = _squeeze(needs, spanned, smallest, available_pt)
        if sum(floor) <= available_pt + 0.01 or glyphs is NOMINAL:
            return Fit(smallest, floor)
    raise AssertionError("unreachable")  # pragma: no cover


def _pt(em: float, size: float) -> float:
    return em * size * SLACK + 2 * CELL_MARGIN_PT if em else 0.0


def _hard_widths(needs: list[_Need], spanned: list[tuple[int, int, float]], size: float) -> list[float]:
    widths = [_pt(n.hard, size) for n in needs]
    for col, span, em in spanned:  # a merged figure: widen its columns evenly if together too narrow
        short = _pt(em, size) - sum(widths[col : col + span])
        if short > 0:
            for c in range(col, col + span):
                widths[c] += short / span
    return widths


def _widths(needs: list[_Need], spanned: list[tuple[int, int, float]], size: float) -> list[float]:
    hard = _hard_widths(needs, spanned, size)
    return [max(h, _pt(max(n.soft, n.name, 1.0), size)) for h, n in zip(hard, needs, strict=True)]


def _spread(widths: list[float], needs: list[_Need], size: float, available: float) -> list[float]:
    """Give the room left over to the columns in proportion to their width: text wraps less."""
    spare = available - sum(widths)
    total = sum(widths)
    return [w + spare * w / total for w in widths]


def _squeeze(needs: list[_Need], spanned: list[tuple[int, int, float]], size: float, available: float) -> list[float]:
    """At the smallest size: figures keep their width; header labels and reasons wrap first,
    then names; text columns share what is left."""
    hard = _hard_widths(needs, spanned, size)
    want = _widths(needs, spanned, size)
    floor = [max(h, _pt(min(max(n.soft, n.name), MIN_TEXT_EM), size)) for h, n in zip(hard, needs, strict=True)]
    names_kept = [max(f, _pt(n.name, size)) for f, n in zip(floor, needs, strict=True)]
    if sum(names_kept) <= available:
        floor = names_kept
    floor = [min(f, w) for f, w in zip(floor, want, strict=True)]
    room = available - sum(floor)
    extra = [w - f for w, f in zip(want, floor, strict=True)]
    if room <= 0 or not sum(extra):
        return floor  # wider than the page: figures still never wrap
    share = min(1.0, room / sum(extra))
    widths = [f + e * share for f, e in zip(floor, extra, strict=True)]
    return [w + (available - sum(widths)) * w / sum(widths) for w in widths] if share == 1.0 else widths
