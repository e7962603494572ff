"""Text lines of a PDF page with their boxes (pdftotext -bbox-layout), in points."""

from __future__ import annotations

import html
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4


@dataclass(frozen=True)
class Line:
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str


def page_lines(pdf: Path, page: int) -> list[Line]:
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    lines = []
    for m in re.finditer(
        r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', out, re.S
    ):
        words = "".join(html.unescape(w) for w in re.findall(r">([^<]*)</word>", m[5]))
        lines.append(Line(float(m[1]), float(m[2]), float(m[3]), float(m[4]), words))
    return lines


def page_words(pdf: Path, page: int) -> list[Line]:
    """Each word (a run of glyphs pdftotext keeps together) with its box."""
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [
        Line(float(m[1]), float(m[2]), float(m[3]), float(m[4]), html.unescape(m[5]))
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', out)
    ]


def _full_width(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF" or ch in "“”‘’"  # Chinese faces set these quotes full-width


def full_width_pitches(pdf: Path, page: int, glyph: float) -> list[tuple[Line, float]]:
    """Each line of words with the mean advance between neighbouring full-width characters on it.

    pdftotext keeps evenly set Chinese in one word and splits a line that justification has spread
    into one word a character, so both are read: in a word of full-width characters only, they stand
    evenly (the last one's box is ``glyph`` wide, the font size); a lone one stands at its box.
    Lines with no two such neighbours are left out."""
    rows: dict[int, list[Line]] = {}
    for word in page_words(pdf, page):
        rows.setdefault(round(word.y_max), []).append(word)
    result = []
    for _, words in sorted(rows.items()):
        words.sort(key=lambda w: w.x_min)
        starts, index = {}, 0  # character index in the line -> x of its box
        for w in words:
            if w.text and all(_full_width(ch) for ch in w.text):
                step = (w.x_max - w.x_min - glyph) / (len(w.text) - 1) if len(w.text) > 1 else 0.0
                starts.update((index + i, w.x_min + i * step) for i in range(len(w.text)))
            index += len(w.text)
        pitches = [starts[i + 1] - starts[i] for i in starts if i + 1 in starts]
        if pitches:
            line = Line(
                words[0].x_min,
                min(w.y_min for w in words),
                words[-1].x_max,
                words[-1].y_max,
                "".join(w.text for w in words),
            )
            result.append((line, sum(pitches) / len(pitches)))
    return result
