"""Last year's report from its Word file: the body's paragraphs with their bold, behind the guarded
boundary (``importers/guard.py``), as the text 粘贴整篇报告 takes (``forms.paste_report``).

Only the body's paragraphs are read, in order; tables (the attachment pages) are the tables' own.
Word's automatic list numbers are not text in the file and python-docx does not render them: a
report whose headings are numbered that way arrives without its numbers (type them, or paste from
Word instead, whose clipboard HTML carries them).
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from forms.rich_text import marked
from importers.guard import TEXT, WORD, check_file, read_guarded, refusal

PARAGRAPHS_MAX = 20_000  # a long report has a few hundred
TEXT_MAX = 5 << 20  # bytes of a .txt report; a long one is a few hundred KB
_DELETED = {qn("w:del"), qn("w:moveFrom")}  # tracked deletions: not the text any more


def _pieces(paragraph: Paragraph) -> list[tuple[str, bool]]:
    """Every run of the paragraph in order, those inside hyperlinks, fields and tracked insertions too
    (``paragraph.runs`` skips them), never a tracked deletion's."""
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)
    out = []
    for element in paragraph._p.iter(qn("w:r")):
        if any(a.tag in _DELETED for a in element.iterancestors()):
            continue
        run = Run(element, paragraph)
        out.append((run.text, bool(style_bold if run.bold is None else run.bold)))
    return out


def _read(file: BinaryIO) -> list[list[tuple[str, bool]]]:
    document = docx.Document(file)
    paragraphs = document.paragraphs[:PARAGRAPHS_MAX]
    return [_pieces(p) for p in paragraphs]


def read_word_report(path: Path) -> str:
    """The report's text, one paragraph a line, bold spans as ``**…**``."""
    paragraphs = read_guarded(Path(path), _read, WORD).value
    return "\n".join(marked(p) for p in paragraphs)


def read_report_file(path: Path) -> tuple[str, bool]:
    """A report's text from a .docx (with its bold) or a .txt (UTF-8, else GB 18030 as Windows'
    Notepad saves Chinese text), as 粘贴整篇报告 takes it; and whether its lines may be broken where a
    PDF or a page broke them (a .txt: yes; a Word file holds paragraphs)."""
    path = Path(path)
    if path.suffix.lower() != ".txt":
        return read_word_report(path), False
    check_file(path, TEXT)
    data = path.read_bytes()
    if len(data) > TEXT_MAX:
        raise refusal(path, f"文件过大（最多 {TEXT_MAX >> 20} MB），不像一份报告")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding), True
        except UnicodeDecodeError:
            continue
    raise refusal(path, "无法识别文件的文字编码（请另存为 UTF-8 文本或 .docx）")
