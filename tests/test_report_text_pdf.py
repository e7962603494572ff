"""The report text as LibreOffice prints it: 导语 before 一、, run-in headings in their level's font,
bold spans, a long title broken between phrases, figures worded as chosen."""

from __future__ import annotations

import re
import subprocess
from html import unescape

import pytest

from exporters.report_export import export_report
from forms import text_edits as edits
from forms.outline import Heading
from storage.report_text import ReportTexts
from tests.support import libreoffice
from tests.support.ooxml import assert_valid
from tests.support.pdf_ink import ink_share
from tests.support.texts import edit_text

pytestmark = pytest.mark.libreoffice
ZOOM = 1.5  # pdftohtml's coordinates: 1.5 per point


def runs(pdf, page: int = 1) -> list[tuple[str, str, tuple[float, float, float, float]]]:
    """(text, font family, box in points) of each run of one font, in reading order."""
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-f", str(page), "-l", str(page), "-stdout", str(pdf)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    fonts = dict(re.findall(r'<fontspec id="(\d+)" size="\d+" family="([^"]+)"', xml))
    out = []
    for top, left, width, height, font, text in re.findall(
        r'<text top="(\d+)" left="(\d+)" width="(\d+)" height="(\d+)" font="(\d+)">(.*?)</text>', xml
    ):
        box = tuple(float(v) / ZOOM for v in (left, top, int(left) + int(width), int(top) + int(height)))
        out.append((unescape(re.sub(r"<[^>]+>", "", text)).replace(" ", ""), fonts[font], box))
    return out


def test_the_report_text_as_printed(store, sample, tmp_path):
    texts = ReportTexts(store)
    edit_text(store, sample, edits.set_title, "某某自治州某某县应急管理局2024年度行政执法工作报告")
    edit_text(store, sample, edits.set_levels, texts.get(sample).styles, {2})
    texts.replace_outline(
        sample,
        "2024年，我局坚持依法行政。现将有关情况报告如下：",
        [
            Heading(1, "工作情况", ""),
            Heading(
                2,
                "明确职责",
                "**一是压实责任。**局党委专题研究，全年行政处罚{{a2.penalty.cur}}件{{a2.penalty.change|comma|trim}}。",
            ),
            Heading(2, "强化学习", "检查{{a2.inspection.cur}}次，{{a2.inspection.change|vs|d1}}。"),
            Heading(3, "依法决策", "严格程序。"),
        ],
        "特此报告。",
    )
    path = tmp_path / "报告.docx"
    export_report(store, sample.unit, sample.year, docx=path)
    assert_valid(path)
    pdf = libreoffice.to_pdf(path, tmp_path / "pdf")
    page = runs(pdf)
    texts_ = [t for t, _f, _b in page]

    # The title on two lines, broken between the unit and the subject, never inside a word.
    assert texts_[:2] == ["某某自治州某某县应急管理局", "2024年度行政执法工作报告"]
    # 导语 under the title, before 一、, as body text (仿宋 → AR PL UMing here).
    lead = texts_.index("2024年，我局坚持依法行政。现将有关情况报告如下：")
    first_heading = texts_.index("一、工作情况")
    assert 2 <= lead < first_heading
    assert "UMing" in page[lead][1] and "MicroHei" in page[first_heading][1]  # 黑体 for 一、
    # （一） runs into its text: 楷体 heading, then the body in 仿宋 on the same line.
    heading = texts_.index("（一）明确职责。")
    text, font, box = page[heading + 1]
    assert "UKai" in page[heading][1] and "UMing" in font
    assert abs(box[1] - page[heading][2][1]) < 1 and text.startswith("一是压实责任。局党委专题研究")
    # The marked lead sentence is bold: clearly more ink than the plain words after it.
    char = 15.75
    x, top, _x1, bottom = box
    bold = ink_share(pdf, 1, (x, top + 4, x + 7 * char, bottom - 4))
    plain = ink_share(pdf, 1, (x + 7 * char, top + 4, x + 14 * char, bottom - 4))
    assert bold > 1.2 * plain, (bold, plain)
    # Figures worded as chosen.
    joined = "".join(texts_)
    assert re.search(r"全年行政处罚78件，同比下降\d+(\.\d*[1-9])?%。", joined)
    assert re.search(r"检查190次，较上年下降\d+\.\d%。", joined)
    # 1. stands on its own line; the 结束语 follows the last section.
    assert "1.依法决策" in texts_ and texts_.index("特此报告。") > texts_.index("1.依法决策")
