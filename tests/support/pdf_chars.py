"""Glyphs of a PDF page with their boxes and sizes, and the table cells its ruling lines draw (pdfplumber).

LibreOffice draws a cell's whole text and clips it to the cell: a glyph that is cut still has
its box in the PDF, outside its cell or off the page. Sizes are as printed (scale applied).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfplumber

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points from the page's top left


@dataclass(frozen=True)
class Glyph:
    text: str
    box: Box
    size: float


@dataclass(frozen=True)
class PdfPage:
    number: int  # 1-based
    width: float
    height: float
    glyphs: list[Glyph]
    tables: list[list[tuple[Box, str]]]  # per table, each cell's box and its text without white space

    @property
    def text(self) -> str:
        """All the page's characters in drawing order (no white space)."""
        return "".join(g.text for g in self.glyphs if not g.text.isspace())

    def cell_texts(self) -> list[str]:
        return [text for table in self.tables for _, text in table]


def read_pages(pdf: Path) -> list[PdfPage]:
    pages = []
    with pdfplumber.open(pdf) as doc:
        for number, page in enumerate(doc.pages, start=1):
            glyphs = [Glyph(c["text"], (c["x0"], c["top"], c["x1"], c["bottom"]), c["size"]) for c in page.chars]
            tables = []
            for table in page.find_tables():
                cells = []
                for box in table.cells:
                    inside = page.within_bbox(box).chars if _on_page(box, page) else []
                    cells.append((box, "".join(c["text"] for c in inside if not c["text"].isspace())))
                tables.append(cells)
            pages.append(PdfPage(number, float(page.width), float(page.height), glyphs, tables))
    return pages


def _on_page(box: Box, page) -> bool:
    return box[0] >= 0 and box[1] >= 0 and box[2] <= page.width and box[3] <= page.height


def inside(inner: Box, outer: Box, tolerance: float = 0.5) -> bool:
    return (
        inner[0] >= outer[0] - tolerance
        and inner[1] >= outer[1] - tolerance
        and inner[2] <= outer[2] + tolerance
        and inner[3] <= outer[3] + tolerance
    )


def stray_glyphs(page: PdfPage, printable: Box) -> list[Glyph]:
    """Glyphs a reader would not see whole: off the printable area, or in a table but not inside one cell."""
    stray = []
    for glyph in page.glyphs:
        if glyph.text.isspace():
            continue
        if not inside(glyph.box, printable):
            stray.append(glyph)
            continue
        x, y = (glyph.box[0] + glyph.box[2]) / 2, (glyph.box[1] + glyph.box[3]) / 2
        for table in page.tables:
            cells = [box for box, _ in table]
            if any(inside((x, y, x, y), box, 0) for box in cells) and not any(inside(glyph.box, b) for b in cells):
                stray.append(glyph)
    return stray


def overlapping(page: PdfPage, tolerance: float = 0.5) -> list[tuple[Glyph, Glyph]]:
    """Pairs of glyphs drawn over each other: text that ran out of its row into the next one."""
    glyphs = sorted((g for g in page.glyphs if not g.text.isspace()), key=lambda g: g.box[0])
    pairs = []
    for i, a in enumerate(glyphs):
        for b in glyphs[i + 1 :]:
            if b.box[0] >= a.box[2] - tolerance:
                break
            if min(a.box[3], b.box[3]) - max(a.box[1], b.box[1]) > tolerance:
                pairs.append((a, b))
    return pairs
