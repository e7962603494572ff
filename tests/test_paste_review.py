"""What a review found on the way in from Word: our own export read back keeps its outline (level-3
headings print bold), a page number or a short line never renumbers the report, Word's hyperlinks and
tracked changes keep their text, paragraphs from Word are never joined, a paste keeps what it does not
say, and an import leaves the forms it does not carry as they were."""

from __future__ import annotations

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from exporters.report_export import export_report
from forms.paste_report import parse_pasted
from forms.registry import form
from forms.report import MAIN_ROW, CellKey
from forms.rich_text import html_to_marked
from importers.word_report import read_word_report
from storage.pasted_text import put_pasted
from storage.report_text import ReportTexts

OUTLINE = "\n".join(
    [
        "某县应急管理局2024年行政执法工作报告",
        "一、总体情况",
        "（一）检查",
        "1.加强重点行业检查。全年检查190次。",
        "2.加强督导。开展督导3次。",
        "二、存在问题",
        "执法力量不足。",
    ]
)


def _outline(pasted) -> list[tuple[int, bool, str]]:
    return [(s.level, s.numbered, s.heading) for s in pasted.sections]


def test_our_own_export_read_back_keeps_its_outline(store, sample, tmp_path) -> None:
    texts = ReportTexts(store)
    put_pasted(texts, sample, parse_pasted(OUTLINE), replace=True)
    out = tmp_path / "去年.docx"
    export_report(store, sample.unit, sample.year, docx=out)
    again = parse_pasted(read_word_report(out), wrapped=False)
    assert (
        _outline(again)
        == _outline(parse_pasted(OUTLINE))
        == [
            (1, True, "总体情况"),
            (2, True, "检查"),
            (3, True, "加强重点行业检查"),
            (3, True, "加强督导"),
            (1, True, "存在问题"),
        ]
    )
    assert "**" not in "".join(s.heading + s.body for s in again.sections)


def test_bold_headings_from_word_are_headings() -> None:
    html = "<p><b>某县应急管理局2024年工作报告</b></p><p><b>一、总体情况</b></p><p>正文。</p>"
    html += "<p><b>二、问题</b></p><p>不足。</p>"
    pasted = parse_pasted(html_to_marked(html), wrapped=False)
    assert pasted.title == "某县应急管理局2024年工作报告"
    assert _outline(pasted) == [(1, True, "总体情况"), (1, True, "问题")]


def test_a_page_number_or_a_short_line_never_renumbers_the_report() -> None:
    text = "标题\n一、甲\n（一）子\n正文。\n二、乙\n— 3 —\n三、丙\n（一）子\n正文。\n"
    text += "第 4 页 共 8 页\n其他事项\n四、丁\n正文。"
    pasted = parse_pasted(text)
    assert [(s.level, s.heading) for s in pasted.sections] == [
        (1, "甲"),
        (2, "子"),
        (1, "乙"),
        (1, "丙"),
        (2, "子"),
        (1, "其他事项"),  # before a first-level heading: its sibling, without a number
        (1, "丁"),
    ]
    assert pasted.styles[:2] == ("一、", "（一）")
    assert [s.numbered for s in pasted.sections] == [True, True, True, True, True, False, True]
    prose = parse_pasted("标题\n一、甲\n主要做法如下\n正文。")  # before a paragraph: text, not a heading
    assert _outline(prose) == [(1, True, "甲")] and prose.sections[0].body == "主要做法如下\n正文。"


def test_a_wrapped_line_never_takes_in_a_page_number() -> None:
    line = "我局深入开展安全生产执法检查，" * 5 + "依托“安全生产月”“安全生产法"  # longer than any heading
    pasted = parse_pasted(f"标题\n一、甲\n{line}\n— 2 —\n宣传周”等活动，宣传法律法规。")
    assert pasted.sections[0].body == line + "宣传周”等活动，宣传法律法规。"


def test_paragraphs_from_word_are_never_joined() -> None:
    long = "我局全年办理行政处罚四十六件，较上年有所增加，" * 3 + "主要原因是轻微违法不予处罚的适用增加（详见附件2）"
    text = f"标题\n一、甲\n{long}\n我局持续加强执法队伍建设。"
    assert parse_pasted(text).joined == 1  # plain text: a line this long that goes on is a broken one
    from_word = parse_pasted(text, wrapped=False)
    assert from_word.joined == 0 and from_word.sections[0].body.split("\n") == [long, "我局持续加强执法队伍建设。"]


def _run(text: str, bold: bool = False):
    run = OxmlElement("w:r")
    if bold:
        properties = OxmlElement("w:rPr")
        properties.append(OxmlElement("w:b"))
        run.append(properties)
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    return run


def test_hyperlinks_and_tracked_insertions_keep_their_text_deletions_do_not(tmp_path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph._p.append(_run("我局全年检查企业"))
    link = OxmlElement("w:hyperlink")
    link.append(_run("（详见附件）", bold=True))
    paragraph._p.append(link)
    inserted = OxmlElement("w:ins")
    inserted.set(qn("w:id"), "1")
    inserted.set(qn("w:author"), "某人")
    inserted.append(_run("，发现隐患三百项"))
    paragraph._p.append(inserted)
    deleted = OxmlElement("w:del")
    deleted.set(qn("w:id"), "2")
    deleted.set(qn("w:author"), "某人")
    gone = _run("删掉的话")
    gone.find(qn("w:t")).tag = qn("w:delText")
    deleted.append(gone)
    paragraph._p.append(deleted)
    paragraph._p.append(_run("。"))
    path = tmp_path / "修订.docx"
    document.save(str(path))
    assert read_word_report(path) == "我局全年检查企业**（详见附件）**，发现隐患三百项。"


def test_a_paste_keeps_what_it_does_not_say(store, sample) -> None:
    texts = ReportTexts(store)
    before = texts.get(sample)
    put_pasted(texts, sample, parse_pasted("一、甲\n（一）子\n（二）丑"), replace=True)  # no title, no text
    after = texts.get(sample)
    assert after.title == before.title  # no title in the text: the report's stays
    assert after.run_in == before.run_in  # no heading with text of its own: nothing says how they print
    assert [s.heading for s in after.sections] == ["甲", "子", "丑"]


def test_an_import_leaves_the_forms_it_does_not_carry(store, sample, tmp_path) -> None:
    import openpyxl

    from importers.importing import import_file
    from tests.test_import import SPECS, write_form

    a2 = form("a2")
    key = CellKey(MAIN_ROW, "unit_name")
    assert store.form_data(sample, a2).values[key] == sample.unit
    wb = openpyxl.Workbook()
    write_form(wb.active, SPECS["a3"])  # 附件3 only, with another 填报单位 line
    ws = wb.active
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("填报单位："):
                cell.value = f"填报单位：{sample.unit}"
            if cell.value == "示例县应急管理局":
                cell.value = sample.unit
    path = tmp_path / "附件3.xlsx"
    wb.save(path)
    store.update_contact(
        sample.id, filler="示例市应急管理局法规科", contact_person="林晓岚", contact_phone="0730-5550123"
    )
    assert store.form_data(sample, a2).values[key] == "示例市应急管理局法规科"
    result = import_file(store, path)
    assert not result.rejected, result.message
    assert store.form_data(sample, a2).values[key] == "示例市应急管理局法规科"  # 附件2 not in the file: kept
    assert "填报单位：示例市应急管理局法规科 → 示例市应急管理局" in result.changes


def _levels(text: str) -> list[tuple[int, bool, str]]:
    return [(s.level, s.numbered, s.heading) for s in parse_pasted(text).sections]


def test_a_style_seen_before_returns_to_its_level_after_an_unnumbered_heading() -> None:
    text = "标题\n一、甲\n（一）子\n正文。\n下一步工作\n（一）丑\n正文。\n四、丁\n正文。"
    assert _levels(text) == [
        (1, True, "甲"),
        (2, True, "子"),
        (1, False, "下一步工作"),
        (2, True, "丑"),
        (1, True, "丁"),
    ]
    new_style = "标题\n一、甲\n正文。\n下一步工作\n1、乙\n正文。\n二、丙\n正文。"  # a style first seen below it
    assert _levels(new_style) == [(1, True, "甲"), (1, False, "下一步工作"), (2, True, "乙"), (1, True, "丙")]


def test_a_style_seen_before_returns_to_its_level_under_another_style() -> None:
    # 1. took the second level under 二、; （一） returns to it, beside 1., not below it
    assert _levels("标题\n一、甲\n（一）子\n正文。\n二、乙\n1.丑\n正文。\n（二）寅\n正文。") == [
        (1, True, "甲"),
        (2, True, "子"),
        (1, True, "乙"),
        (2, True, "丑"),
        (2, True, "寅"),
    ]
    # an unnumbered heading above a third-level one takes the second level, and keeps the first above it
    assert _levels("标题\n一、甲\n（一）乙\n1.丙\n正文。\n工作打算\n2.丁\n正文。") == [
        (1, True, "甲"),
        (2, True, "乙"),
        (3, True, "丙"),
        (2, False, "工作打算"),
        (3, True, "丁"),
    ]


def test_the_lead_keeps_its_paragraphs_and_lists_and_an_unnumbered_heading_may_follow_it() -> None:
    pasted = parse_pasted("标题\n第一段。\n1.加强学习。\n2.完善制度。\n一、甲\n正文。")
    assert pasted.lead == "第一段。\n1.加强学习。\n2.完善制度。" and _outline(pasted) == [(1, True, "甲")]
    first = parse_pasted("标题\n1.加强学习。\n2.完善制度。\n一、甲\n正文。")  # a list right below the title
    assert first.lead == "1.加强学习。\n2.完善制度。" and _outline(first) == [(1, True, "甲")]
    after_lead = parse_pasted("标题\n导语。\n其他事项\n一、甲\n正文。")
    assert after_lead.lead == "导语。" and _outline(after_lead) == [(1, False, "其他事项"), (1, True, "甲")]


def test_a_fifth_level_is_text_of_the_fourth() -> None:
    text = "标题\n一、甲\n（一）乙\n1.丙\n（1）丁\n1、第五级的话\n正文。"
    pasted = parse_pasted(text)
    assert [s.level for s in pasted.sections] == [1, 2, 3, 4]
    assert pasted.sections[-1].body == "1、第五级的话\n正文。" and pasted.lead == ""
    # under an unnumbered fourth-level heading: its text, never run into it (though the level's numbered run in)
    under = parse_pasted("标题\n一、甲\n（一）乙\n1.丙\n（1）丁。正文。\n小标题\n1、戊\n正文。")
    assert under.run_in == frozenset({4})
    last = under.sections[-1]
    assert (last.level, last.numbered, last.body, last.run_in) == (4, False, "1、戊\n正文。", False)


def test_a_level_takes_its_most_used_style_and_its_run_in_by_majority() -> None:
    text = "标题\n一、甲\n（一）子。正文。\n（二）丑。正文。\n二、乙\n1.寅\n正文。\n三、丙\n（一）卯。正文。"
    pasted = parse_pasted(text)
    assert pasted.styles[:2] == ("一、", "（一）")  # 2 of 3 second-level headings are （一）
    assert pasted.run_in == frozenset({2})  # 3 of 4 run in; a tie would not
    tie = parse_pasted("标题\n一、甲\n（一）子。正文。\n（二）丑\n正文。")
    assert tie.run_in == frozenset() and [s.run_in for s in tie.sections] == [None, True, None]
    most = parse_pasted("标题\n一、甲\n1.子\n正文。\n2.丑\n正文。\n二、乙\n（一）寅\n正文。")
    assert most.styles[:2] == ("一、", "1.")  # 2 of 3 are 1., however the styles sort


def test_bold_around_a_heading_only() -> None:
    from forms.paste_report import _unbold_heading

    assert _unbold_heading("**1.甲**正文**粗**。") == "1.甲正文**粗**。"  # the first span only
    run_in = parse_pasted("标题\n一、甲\n**1.乙。**正文**粗**。").sections[1]
    assert (run_in.heading, run_in.body) == ("乙", "正文**粗**。")  # the heading's bold goes, the text's stays
    long = "**" + "很长的加粗句子，" * 6 + "**"  # a bold paragraph stays bold
    assert parse_pasted(f"标题\n一、甲\n{long}").sections[0].body == long
    assert _unbold_heading("**" + "甲" * 40 + "**") == "甲" * 40  # a wholly bold line of 40: a heading or title
    assert _unbold_heading("**" + "甲" * 41 + "**") == "**" + "甲" * 41 + "**"
    sentence = "**一是压实责任。**"  # a bold sentence is not a heading
    assert parse_pasted(f"标题\n一、甲\n{sentence}\n（一）乙").sections[0].body == sentence
