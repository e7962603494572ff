"""Text lines of a PDF page with their boxes (pdftotext -bbox-layout), in points."""

from __future__ import annotations

import html
import re
import subprocess
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
