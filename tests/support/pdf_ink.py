"""Where the ink is: the rows of a PDF page region that have dark pixels, in points.

pdftotext's boxes come from the font's ascent and descent, not from the glyphs; GB/T 9704
measures what is printed (the top of the first line's characters, the page number's dash).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

DPI = 600


def _gray_box(pdf: Path, page: int, box: tuple[float, float, float, float]) -> tuple[int, int, bytes]:
    """(width, height, one byte a pixel) of ``box`` (x0, y0, x1, y1 in points) rendered in grey at DPI."""
    scale = DPI / 72
    x0, y0, x1, y1 = (round(v * scale) for v in box)
    out = subprocess.run(
        ["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(DPI), "-gray",
         "-x", str(x0), "-y", str(y0), "-W", str(x1 - x0), "-H", str(y1 - y0), str(pdf)],
        check=True,
        capture_output=True,
    ).stdout  # fmt: skip
    # Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte a pixel.
    fields, offset = [], 0
    while len(fields) < 4:
        end = out.index(b"\n", offset)
        line = out[offset:end]
        offset = end + 1
        if not line.startswith(b"#"):
            fields += line.split()
    return int(fields[1]), int(fields[2]), out[offset:]


def ink_rows(pdf: Path, page: int, box: tuple[float, float, float, float], threshold: int = 128) -> list[float]:
    """y (points from the page top) of each pixel row in ``box`` (x0, y0, x1, y1 in points) holding ink."""
    width, height, pixels = _gray_box(pdf, page, box)
    top = round(box[1] * DPI / 72)
    return [(top + row) * 72 / DPI for row in range(height) if min(pixels[row * width : (row + 1) * width]) < threshold]


def ink_extent(pdf: Path, page: int, box: tuple[float, float, float, float]) -> tuple[float, float]:
    """Top and bottom of the ink in ``box``, in points from the page top."""
    rows = ink_rows(pdf, page, box)
    assert rows, f"no ink in {box} on page {page}"
    return rows[0], rows[-1] + 72 / DPI


def ink_share(pdf: Path, page: int, box: tuple[float, float, float, float], threshold: int = 128) -> float:
    """The share of dark pixels in ``box``: bold text holds clearly more ink than regular text."""
    _width, _height, pixels = _gray_box(pdf, page, box)
    return sum(1 for p in pixels if p < threshold) / max(1, len(pixels))
