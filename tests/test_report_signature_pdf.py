"""The signature block stays with the body (GB/T 9704 7.3.5): whatever line of a page the body ends
on, 署名 and 成文日期 print on the page that holds the body's last line (and 附件说明), with room for
the seal pressed over them, its top within one line of the text above (7.3.5.1).

Bodies of one line and of 14 to 40 lines (a long paragraph, then a last one of two lines; no heading)
end on the last lines of page 1 (after a one-line title it holds 18) and on every line of page 2,
with and without 附件说明. All 56 reports render in one soffice run. A last paragraph too long to
move with the block is left out: LibreOffice then still breaks the block (README)."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest

from exporters.docx_report import write_docx
from forms.report import ReportText
from tests.support import libreoffice
from tests.support.pdf_lines import MM, Line, page_lines
from tests.support.reports import sample_data

pytestmark = pytest.mark.libreoffice
LINES_A_PAGE = 22
PITCH = 28.95
FIRST_BODY_LINE = 4  # under a one-line title (two grid lines) and the blank line below it
SEAL_RADIUS = 21 * MM  # a 42 mm seal, as a city or county bureau's
TEXT = "依法行政严格规范公正文明执法"  # 14 full-width characters, no punctuation: 28 make one line exactly
SIGNER = "示例市应急管理局"
DATE = "2025年1月20日"
CASES = [(lines, listed) for listed in (False, True) for lines in (1, *range(14, 41))]


def _paragraph(lines: int, end: str) -> str:
    """A paragraph of exactly ``lines`` lines: 26 characters after the indent, then 28 a line."""
    count = 26 + 28 * (lines - 1)
    return (TEXT * (count // len(TEXT) + 1))[: count - 1] + end


def _body(lines: int) -> str:
    """``lines`` lines of 导语 in all, the last two (or the only one) a paragraph of their own ending in 终."""
    if lines <= 2:
        return _paragraph(lines, "终")
    return _paragraph(lines - 2, "止") + "\n" + _paragraph(2, "终")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[tuple[int, bool], Path]:
    folder = tmp_path_factory.mktemp("signature")
    docs = {}
    for lines, listed in CASES:
        data = sample_data()
        data.text = ReportText(
            "enforcement", "报告", SIGNER, date(2025, 1, 20), ("a2", "a5") if listed else (), (), lead=_body(lines)
        )
        path = folder / f"body{lines:02d}{'-listed' if listed else ''}.docx"
        write_docx(path, dataclasses.replace(data))
        docs[(lines, listed)] = path
    rendered = libreoffice.to_pdfs(list(docs.values()), folder / "pdf")
    return {case: rendered[path] for case, path in docs.items()}


def _portrait_lines(pdf: Path) -> list[tuple[int, Line]]:
    out = []
    for number, (width, height) in enumerate(libreoffice.pdf_pages(pdf), start=1):
        if width < height:
            out += [(number, line) for line in page_lines(pdf, number)]
    return out


@pytest.mark.parametrize(("lines", "listed"), CASES, ids=[f"{n}{'-listed' if a else ''}" for n, a in CASES])
def test_signature_stays_with_the_body(pdfs, lines, listed):
    printed = _portrait_lines(pdfs[(lines, listed)])
    ((signer_page, signer),) = [(n, line) for n, line in printed if line.text == SIGNER]
    ((date_page, date_line),) = [(n, line) for n, line in printed if line.text == DATE]
    ((end_page, end),) = [(n, line) for n, line in printed if line.text.endswith("终")]
    assert signer_page == date_page == end_page, "署名, 成文日期 and the body's last line on one page"
    on_page = [line for n, line in printed if n == signer_page]
    assert any(line.text.startswith(TEXT[:4]) or "终" in line.text for line in on_page)  # never 此页无正文
    listed_lines = [line for line in on_page if re.match(r"^(附件：)?\d\.\d{4}年", line.text)]
    assert len(listed_lines) == (2 if listed else 0), "附件说明 whole, on the signature page"
    above = max((line for line in on_page if line.y_max < signer.y_min), key=lambda line: line.y_max)
    assert above is (listed_lines[-1] if listed else end)

    # 署名 two blank lines below the text above it, the date on the next line.
    centre = (signer.y_min + signer.y_max) / 2
    assert centre - (above.y_min + above.y_max) / 2 == pytest.approx(3 * PITCH, abs=1.5)
    assert (date_line.y_min + date_line.y_max) / 2 - centre == pytest.approx(PITCH, abs=1.5)
    # The seal, centred half a line above 署名's centre (署名 and date just below its centre), starts
    # below the text above and within one line of it, and covers the date.
    seal_centre = centre - PITCH / 2
    assert above.y_max <= seal_centre - SEAL_RADIUS <= above.y_max + PITCH
    assert date_line.y_max <= seal_centre + SEAL_RADIUS
    # The date stays inside the text block (37 + 225 mm from the top of the paper).
    assert date_line.y_max <= 262 * MM + 1
