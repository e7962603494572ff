"""Both reports per unit and year, 导语/结束语, run-in headings and bold spans, stored and exported."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document
from sqlite_utils import Database

from exporters.report_export import export_report
from forms import text_edits as edits
from forms.emphasis import marked, spans, toggle
from forms.errors import UserError
from forms.outline import Heading
from forms.text_edits import LEAD
from forms.title import title_lines
from storage.migrations import migrations
from storage.report_text import ReportTexts
from storage.store import Store
from tests.support.ooxml import assert_valid
from tests.support.texts import add_section_at, attach, edit_text


def test_an_old_database_keeps_its_text_as_the_enforcement_report(tmp_path):
    path = tmp_path / "old.sqlite3"
    old = Database(path)
    migrations.apply(old, stop_before="m004_texts_per_kind")  # the schema with one text per report
    old["reports"].insert({"id": 1, "unit": "某县应急管理局", "year": 2024, "filler": "某县应急管理局"})
    old["report_texts"].insert(
        {
            "report_id": 1,
            "kind": "enforcement",
            "title": "某县应急管理局2024年行政执法工作报告",
            "signer": "某县应急管理局",
            "sign_date": "2025-01-20",
            "attachments": "a2,a5",
            "attachment_numbering": "sequential",
        }
    )
    for position, (key, level, heading, body) in enumerate(
        [("s1", 1, "行政执法基本情况", "全年办理案件 12 件。"), ("s7", 2, "培训情况", "培训 3 次。")]
    ):
        old["sections"].insert(
            {"report_id": 1, "key": key, "position": position, "level": level, "heading": heading, "body": body}
        )
    old.close()

    store = Store(path)
    report = store.require_report("某县应急管理局", 2024)
    texts = ReportTexts(store)
    assert texts.stored_kinds(report) == ["enforcement"]
    assert texts.open_kind(report) == "enforcement"
    text = texts.get(report, "enforcement")
    assert text.title == "某县应急管理局2024年行政执法工作报告"
    assert text.sign_date == date(2025, 1, 20)
    assert text.attachments == ("a2", "a5") and text.attachment_numbering == "sequential"
    assert [(s.key, s.level, s.heading, s.body) for s in text.sections] == [
        ("s1", 1, "行政执法基本情况", "全年办理案件 12 件。"),
        ("s7", 2, "培训情况", "培训 3 次。"),
    ]
    assert text.lead == "" and text.closing == "" and text.run_in == frozenset({4})
    # Editing goes on where it was; the new kind starts from its own outline.
    edit_text(store, report, edits.set_body, "s7", "培训 4 次。")
    assert texts.get(report).sections[1].body == "培训 4 次。"
    texts.open(report, "rule_of_law")
    assert texts.get(report).sections[0].heading == "工作情况及主要成效"
    assert texts.get(report, "enforcement").sections[1].body == "培训 4 次。"
    store.close()


def test_both_reports_have_their_own_outline_text_and_attachments(store, sample, tmp_path):
    texts = ReportTexts(store)
    edit_text(store, sample, edits.set_body, LEAD, "执法导语。", kind="enforcement")
    texts.open(sample, "rule_of_law")
    assert texts.open_kind(sample) == "rule_of_law"
    edit_text(store, sample, edits.set_body, LEAD, "法治导语。")
    attach(store, sample, "a3")
    key = add_section_at(store, sample, 1, 2, "明确职责")
    edit_text(store, sample, edits.set_body, key, "一是健全制度。")
    rule = texts.get(sample)
    enforcement = texts.get(sample, "enforcement")
    assert rule.lead == "法治导语。" and enforcement.lead == "执法导语。"
    assert rule.attachments == ("a3",) and enforcement.attachments == ("a2", "a3", "a4", "a5")
    assert key not in [s.key for s in enforcement.sections] or enforcement.sections != rule.sections
    edit_text(store, sample, edits.remove_section, key)  # only the open report's section goes
    assert len(texts.get(sample, "enforcement").sections) == len(enforcement.sections)

    out = {}
    for kind in ("enforcement", "rule_of_law"):
        path = tmp_path / f"{kind}.docx"
        export_report(store, sample.unit, sample.year, docx=path, kind=kind)
        assert_valid(path)
        out[kind] = [p.text for p in Document(str(path)).paragraphs]
    assert "执法导语。" in out["enforcement"] and "法治导语。" not in out["enforcement"]
    assert "法治导语。" in out["rule_of_law"]
    assert any(t.startswith("附件：3.") for t in out["rule_of_law"])
    assert not any(t.startswith("附件：") and "2." in t for t in out["rule_of_law"])
    assert sum(t.startswith("附件：") for t in out["enforcement"]) == 1
    with pytest.raises(UserError):
        texts.open(sample, "no_such_kind")


def _body(path):
    return [p for p in Document(str(path)).paragraphs if p.text]


def test_lead_in_run_in_headings_bold_spans_and_closing_in_the_document(store, sample, tmp_path):
    texts = ReportTexts(store)
    texts.replace_outline(
        sample,
        "2024年，我局坚持依法行政。现将有关情况报告如下：",
        [
            Heading(1, "工作情况", ""),
            Heading(2, "明确职责", "**一是压实责任。**局党委专题研究。\n第二段。"),
            Heading(2, "强化学习：", "开展培训 3 次。"),
            Heading(3, "依法决策", "严格程序。"),
            Heading(2, "完善制度", ""),
        ],
        "特此报告。",
    )
    text = texts.get(sample)
    edit_text(store, sample, edits.set_levels, text.styles, {2})
    path = tmp_path / "报告.docx"
    export_report(store, sample.unit, sample.year, docx=path)
    assert_valid(path)
    paragraphs = _body(path)
    texts_ = [p.text for p in paragraphs]
    title = texts_.index("示例市应急管理局2024年行政执法工作报告")
    assert texts_[title + 1 : title + 6] == [
        "2024年，我局坚持依法行政。现将有关情况报告如下：",  # 导语 before 一、
        "一、工作情况",
        "（一）明确职责。一是压实责任。局党委专题研究。",  # run in, 。 added
        "第二段。",
        "（二）强化学习：开展培训 3 次。",  # its own colon, no 。 added
    ]
    assert texts_[title + 6 : title + 8] == ["1.依法决策", "严格程序。"]  # level 3 on its own line
    assert texts_[title + 8] == "（三）完善制度"  # run-in but no text of its own: no 。 added
    assert texts_[title + 9] == "特此报告。"
    run_in = paragraphs[title + 3]
    heading_run, bold_run, rest = run_in.runs
    assert heading_run.text == "（一）明确职责。" and "楷体" in heading_run._element.xml and not heading_run.bold
    assert bold_run.text == "一是压实责任。" and bold_run.bold and "仿宋" in bold_run._element.xml
    assert rest.text == "局党委专题研究。" and not rest.bold


def test_emphasis_markup():
    assert spans("**一是明确职责。**局党委…") == [("一是明确职责。", True), ("局党委…", False)]
    assert spans("乘号 ** 单独出现") == [("乘号 ** 单独出现", False)]
    assert spans("a**b**c") == [("a", False), ("b", True), ("c", False)]  # printed without the marks
    text, start, end = toggle("一是明确职责。其他", 0, 7)
    assert (text, text[start:end]) == ("**一是明确职责。**其他", "一是明确职责。")
    assert toggle(text, start, end)[0] == "一是明确职责。其他"  # Ctrl+B again: plain again
    assert toggle("a\nb", 0, 3)[0] == "a\nb"  # never across paragraphs


def test_ctrl_b_within_a_span_makes_that_part_plain():
    text = "**一是明确职责。**其他"
    assert toggle(text, 2, 4) == ("一是**明确职责。**其他", 0, 2)  # its head
    assert toggle(text, 4, 6) == ("**一是**明确**职责。**其他", 6, 8)  # its middle
    assert toggle(text, 6, 9) == ("**一是明确**职责。其他", 8, 11)  # its tail
    assert toggle(text, 1, 4)[0] == text  # an edge between a mark's two stars
    assert toggle(text, 8, 11)[0] == text  # across the span's end
    assert toggle("x\n**ab**", 4, 5) == ("x\na**b**", 2, 3)  # the span of the selection's paragraph
    assert marked(spans("a**b**c****d")) == "a**b**c****d"


@pytest.mark.parametrize(
    "title,lines",
    [
        ("湘潭市应急管理局2024年行政执法工作报告", ["湘潭市应急管理局2024年行政执法工作报告"]),
        (
            "某某自治州某某县应急管理局2024年度法治政府建设工作报告",
            ["某某自治州某某县应急管理局", "2024年度法治政府建设工作报告"],
        ),
        ("某县应急管理局\n2024年行政执法工作报告", ["某县应急管理局", "2024年行政执法工作报告"]),
    ],
)
def test_titles_break_between_phrases(title, lines):
    assert title_lines(title) == lines


def test_a_long_title_never_breaks_inside_a_word():
    title = "某某自治州某某县应急管理局关于2024年度法治政府建设工作情况的报告"
    lines = title_lines(title)
    assert "".join(lines) == title and len(lines) >= 2
    for line in lines[1:]:
        assert not line.startswith(("告", "度", "报告", "作"))


def test_figures_in_the_bureaus_words():
    from decimal import Decimal

    from forms.figures import figure, parse_token, render
    from forms.registry import form
    from forms.report import MAIN_ROW, CellKey
    from tests.support.reports import sample_data

    data = sample_data()
    a2, a3 = data.form("a2"), data.form("a3")
    a2.values[CellKey(MAIN_ROW, "penalty", 2023)] = 190
    a2.values[CellKey(MAIN_ROW, "penalty", 2024)] = 133
    fines = next(f for f in form("a2").fields() if f.key == "fines")
    a2.values[CellKey(MAIN_ROW, fines.key, 2024)] = Decimal("3164580.26")

    def words(token: str) -> str:
        return figure(parse_token(token), data)

    assert words("{{a2.penalty.change}}") == "（同比下降30.00%）"
    assert words("{{a2.penalty.change|comma|trim}}") == "，同比下降30%"
    assert words("{{a2.penalty.change|vs|d1}}") == "较上年下降30.0%"
    assert words("{{a2.penalty.change|bare|trim}}") == "下降30%"
    assert words("{{a2.penalty.yoy|trim}}") == "-30%"
    assert words("{{a2.fines.cur.wan}}") == "316.458026"  # never drops the fen
    # Sums and shares over table fields (000: 33起 = 31 + 2, 42.3% = 33 / 78).
    exempt = CellKey(MAIN_ROW, "exempt_cases", 2024)
    assert any(f.key == "exempt_cases" for f in form("a3").fields()), [f.key for f in form("a3").fields()]
    a3.values[exempt] = 31
    a3.values[CellKey(MAIN_ROW, "lenient_cases", 2024)] = 2
    a2.values[CellKey(MAIN_ROW, "penalty", 2024)] = 78
    assert words("{{a3.exempt_cases+a3.lenient_cases.cur}}") == "33"
    assert words("{{a3.exempt_cases+a3.lenient_cases/a2.penalty.cur|d1}}") == "42.3%"
    assert (
        render(
            "共{{a3.exempt_cases+a3.lenient_cases.cur}}起，占{{a3.exempt_cases+a3.lenient_cases/a2.penalty.cur|d1}}",
            data,
        )
        == "共33起，占42.3%"
    )
    for token in (
        "{{a2.penalty.change|comma|trim}}",
        "{{a3.exempt_cases+a3.lenient_cases/a2.penalty.cur|d1}}",
        "{{a2.fines.cur.wan}}",
    ):
        assert parse_token(token).token() == token  # a token survives a round trip
    assert words("{{a2.penalty.cur|nonsense}}") == "□"  # an unknown option is never guessed


PASTED = """某县应急管理局
2024年行政执法工作报告

2024年，我局坚持依法行政，现将有关情况报告如下：
一、行政执法基本情况
（一）明确职责。**一是压实责任。**局党委专题研究。
二是健全制度。
（二）强化学习。开展培训3次。
1. 行政执法检查情况。
全年检查190次。
（1）重点检查。检查重点单位37家。
二、存在问题
执法力量不足。
特此报告。

某县应急管理局
2025年1月20日
附件：1.2024年行政执法案件数据情况统计表
"""


def test_a_pasted_report_becomes_title_lead_outline_and_closing(store, sample):
    from forms.paste_report import parse_pasted

    pasted = parse_pasted(PASTED)
    assert pasted.title == "某县应急管理局\n2024年行政执法工作报告"
    assert pasted.lead == "2024年，我局坚持依法行政，现将有关情况报告如下："
    assert [(h.level, h.heading, h.body) for h in pasted.sections] == [
        (1, "行政执法基本情况", ""),
        (2, "明确职责", "**一是压实责任。**局党委专题研究。\n二是健全制度。"),
        (2, "强化学习", "开展培训3次。"),
        (3, "行政执法检查情况。", "全年检查190次。"),
        (4, "重点检查", "检查重点单位37家。"),
        (1, "存在问题", "执法力量不足。"),
    ]
    assert pasted.closing == "特此报告。"
    assert pasted.run_in == frozenset({2, 4})
    texts = ReportTexts(store)
    texts.replace_outline(sample, pasted.lead, pasted.sections, pasted.closing)
    text = texts.get(sample)
    assert [s.heading for s in text.sections][:2] == ["行政执法基本情况", "明确职责"]
    assert text.lead == pasted.lead and text.closing == "特此报告。"
