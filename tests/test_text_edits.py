"""The report text's edits as pure functions: where a section goes, the level range, fixes, labels."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from forms import text_edits as edits
from forms.errors import UserError
from forms.hygiene import BODY_MAX
from forms.outline import Heading
from forms.report import ReportText, Section
from forms.text_changes import Contact
from forms.text_edits import CLOSING, LEAD

TEXT = ReportText(
    kind="enforcement",
    title="示例市应急管理局2024年行政执法工作报告",
    signer="示例市应急管理局",
    sign_date=date(2025, 1, 20),
    attachments=("a2", "a3"),
    sections=(
        Section("s1", 1, "基本情况", "一段。"),
        Section("s2", 2, "案件办理", "行政处罚78件。"),
        Section("s3", 3, "细目", ""),
        Section("s4", 1, "存在问题", "人手不足。"),
    ),
    lead="导语一段。",
    closing="特此报告。",
)
ORDER = ["a2", "a3", "a4", "a5"]


def headings(text: ReportText) -> list[str]:
    return [n + s.heading for n, s in zip(text.numbers(), text.sections, strict=True)]


def test_a_new_section_follows_the_current_heading_and_its_sub_headings():
    change = edits.add_section(TEXT, "s1", "  新的一节 ")
    assert headings(change.after) == ["一、基本情况", "（一）案件办理", "1.细目", "二、新的一节", "三、存在问题"]
    assert change.key == "s5" and change.label == "添加小节“新的一节”"
    assert headings(edits.add_section(TEXT, "s2", "案件分析").after)[3] == "（二）案件分析"  # a sibling of （一）


def test_after_the_lead_a_new_section_comes_first_after_the_closing_last():
    assert headings(edits.add_section(TEXT, LEAD, "开头").after)[0] == "一、开头"
    assert headings(edits.add_section(TEXT, CLOSING, "末尾").after)[-1] == "三、末尾"
    assert headings(edits.add_section(TEXT, None, "末尾").after)[-1] == "三、末尾"


def test_a_new_key_is_never_one_a_removed_section_had():
    removed = edits.remove_section(TEXT, "s4").after
    assert edits.add_section(removed, None, "又一节").key == "s4"  # s4 is gone from this text
    assert edits.add_section(TEXT, None, "又一节").key == "s5"


def test_levels_stay_within_one_to_four():
    assert edits.shift_level(TEXT, "s1", -1).after.sections[0].level == 1
    deep = edits.shift_level(TEXT, "s3", 1).after
    assert deep.sections[2].level == 4
    assert edits.shift_level(deep, "s3", 1).after.sections[2].level == 4
    change = edits.shift_level(TEXT, "s2", -1)
    assert headings(change.after)[1] == "二、案件办理" and change.label == "升级 （一）案件办理"


def test_a_body_is_cleaned_and_checked_and_named_for_the_menu():
    change = edits.set_body(TEXT, "s2", "  行政处罚80件。\r\n第二段。 ")
    assert change.after.sections[1].body == "行政处罚80件。\n第二段。"
    assert change.label == "小节正文 （一）案件办理" and change.key == "s2"
    assert edits.set_body(TEXT, LEAD, "新导语").after.lead == "新导语"
    assert edits.set_body(TEXT, CLOSING, "新结束语").after.closing == "新结束语"
    assert edits.set_body(TEXT, LEAD, "x").label == "导语"
    with pytest.raises(UserError, match="结束语过长"):
        edits.set_body(TEXT, CLOSING, "字" * (BODY_MAX + 1))


def test_a_fix_replaces_the_characters_its_finding_names():
    body = TEXT.sections[1].body
    start = body.index("78")
    change = edits.apply_fix(TEXT, "s2", (start, start + 2), "{{a2.penalty.cur}}")
    assert change.after.sections[1].body == "行政处罚{{a2.penalty.cur}}件。"
    assert change.after.sections[0] == TEXT.sections[0]


def test_removing_and_moving_sections():
    change = edits.remove_section(TEXT, "s4")
    assert change.label == "删除小节“二、存在问题”"
    assert [s.key for s in change.after.sections] == ["s1", "s2", "s3"]
    assert change.inverse().after == TEXT  # undo: the section with its body, in its place
    assert [s.key for s in edits.move_section(TEXT, "s4", -1).after.sections] == ["s1", "s2", "s4", "s3"]
    assert edits.move_section(TEXT, "s1", -1).after == TEXT  # already first: nothing to do
    assert edits.move_section(TEXT, "s4", 1).after == TEXT


def test_a_section_gone_meanwhile_is_refused_in_words():
    with pytest.raises(UserError, match="这一节已不在报告中"):
        edits.set_heading(TEXT, "s9", "标题")


def test_headings_and_their_options():
    change = edits.set_heading(TEXT, "s4", " 主要问题 ")
    assert change.after.sections[3].heading == "主要问题" and change.label == "修改小标题 二、存在问题"
    options = edits.set_heading_options(TEXT, "s4", False, True).after.sections[3]
    assert (options.numbered, options.run_in) == (False, True)


def test_the_title_block_and_attachments():
    assert edits.set_title(TEXT, "第一行\n第二行").after.title == "第一行\n第二行"
    assert edits.set_signer(TEXT, " 某局 ").after.signer == "某局"
    assert edits.set_sign_date(TEXT, None).after.sign_date is None
    assert edits.set_unit_line(TEXT, "某局").after.unit_line == "某局"
    assert edits.set_attachments(TEXT, ["a5", "a2"], ORDER).after.attachments == ("a2", "a5")  # in 附件 order
    with pytest.raises(UserError, match="未知附件：a9"):
        edits.set_attachments(TEXT, ["a9"], ORDER)
    with pytest.raises(UserError, match="未知的附件编号方式"):
        edits.set_numbering(TEXT, "roman")
    assert edits.set_numbering(TEXT, "sequential").after.attachment_numbering == "sequential"
    assert edits.set_attachment_note(TEXT, False).after.attachment_note is False


def test_number_styles_and_run_in_levels_are_checked():
    styles = ("一、", "（一）", "1、", "（1）")
    after = edits.set_levels(TEXT, styles, {2, 3}).after
    assert after.styles == styles and after.run_in == frozenset({2, 3})
    with pytest.raises(UserError, match="标题编号样式"):
        edits.set_levels(TEXT, ("一、",), set())
    with pytest.raises(UserError, match="1–4 级"):
        edits.set_levels(TEXT, styles, {5})


def test_a_pasted_outline_is_checked_and_keyed_in_order():
    entries = [Heading(1, " 工作情况 "), Heading(2, "明确职责", "一是。\r\n二是。 ", numbered=False, run_in=True)]
    change = edits.set_outline(TEXT, " 新导语 ", entries, "特此报告。")
    assert change.after.lead == "新导语" and change.after.closing == "特此报告。"
    assert change.after.sections == (
        Section("s1", 1, "工作情况", ""),
        Section("s2", 2, "明确职责", "一是。\n二是。", numbered=False, run_in=True),
    )
    assert change.after.title == TEXT.title and change.inverse().after == TEXT
    with pytest.raises(UserError, match="1–4 级"):
        edits.set_outline(TEXT, "", [Heading(5, "太深")], "")
    with pytest.raises(UserError, match="导语过长"):
        edits.set_outline(TEXT, "字" * (BODY_MAX + 1), [], "")


def test_the_contact_line_is_cleaned_and_named_by_what_changed():
    before = Contact("示例市应急管理局", "林晓岚", "0730-5550123")
    change = edits.edit_contact(before, "示例市应急管理局", " 王明 ", "0730-5550123")
    assert change.after == Contact("示例市应急管理局", "王明", "0730-5550123")
    assert change.label == "修改联系人"
    assert edits.edit_contact(before, "某局", "王明", "1").label == "修改填报单位、联系人、联系方式"
    assert change.inverse().after == before
    with pytest.raises(UserError, match="填报单位过长"):
        edits.edit_contact(before, "局" * 101, "", "")


def test_each_edit_is_one_undo_step_named_for_the_clerk():
    """The name 撤销/重做 shows, what undo brings back and the outline entry shown after it."""
    steps = [
        (edits.set_signer(TEXT, "执法支队"), "修改署名单位", None),
        (edits.set_title(TEXT, "新标题"), "修改标题", None),
        (edits.set_unit_line(TEXT, "示例市应急管理局"), "修改标题上方单位", None),
        (edits.set_attachments(TEXT, ["a2"], ORDER), "修改随文附件", None),
        (edits.set_numbering(TEXT, "sequential"), "修改附件编号", None),
        (edits.set_attachment_note(TEXT, True), "印附件说明", None),
        (edits.set_attachment_note(TEXT, False), "不印附件说明", None),
        (edits.set_heading(TEXT, "s4", "主要问题"), "修改小标题 二、存在问题", "s4"),
        (edits.set_heading_options(TEXT, "s4", False, True), "修改标题设置 二、存在问题", "s4"),
    ]
    for change, label, key in steps:
        assert (change.before, change.label, change.key) == (TEXT, label, key)
    start = TEXT.sections[1].body.index("78")
    fix = edits.apply_fix(TEXT, "s2", (start, start + 2), "{{a2.penalty.cur}}")
    assert (fix.label, fix.key) == ("改为链接的表格数据 （一）案件办理", "s2")


def test_a_line_too_long_is_refused_naming_it():
    before = Contact("示例市应急管理局", "林晓岚", "0730-5550123")
    long = "字" * 201
    for edit, what in [
        (lambda: edits.set_signer(TEXT, long), "署名"),
        (lambda: edits.set_title(TEXT, long), "标题"),
        (lambda: edits.set_unit_line(TEXT, long), "标题上方的单位"),
        (lambda: edits.set_heading(TEXT, "s4", long), "标题"),
        (lambda: edits.edit_contact(before, "局", long, ""), "联系人"),
        (lambda: edits.edit_contact(before, "局", "", long), "联系方式"),
    ]:
        with pytest.raises(UserError) as refused:
            edit()
        assert refused.value.message == f"{what}过长（201 字），最多 200 字"
    assert (
        edits.edit_contact(before, before.filler, before.person, before.phone).label == "修改联系人"
    )  # nothing changed


def test_a_section_added_after_the_last_of_a_group_or_of_the_text():
    assert [s.key for s in edits.add_section(TEXT, "s3", "细目二").after.sections] == ["s1", "s2", "s3", "s5", "s4"]
    assert [s.key for s in edits.add_section(TEXT, "s4", "新问题").after.sections] == ["s1", "s2", "s3", "s4", "s5"]
    empty = ReportText("enforcement", "标题", "", None, (), ())
    added = edits.add_section(empty, None, "基本情况")
    assert added.key == "s1" and added.after.sections == (Section("s1", 1, "基本情况", ""),)
    with pytest.raises(UserError) as refused:
        edits.set_attachments(TEXT, ["a9", "a2", "a8"], ORDER)
    assert refused.value.message == "未知附件：a8, a9"
    with pytest.raises(UserError) as refused:
        edits.add_section(TEXT, None, "字" * 201)
    assert refused.value.message == "标题过长（201 字），最多 200 字"


def test_moving_and_shifting_are_named_by_their_direction():
    steps = [
        (edits.move_section(TEXT, "s4", -1), "上移 二、存在问题", "s4"),
        (edits.move_section(TEXT, "s1", 1), "下移 一、基本情况", "s1"),
        (edits.shift_level(TEXT, "s2", -1), "升级 （一）案件办理", "s2"),
        (edits.shift_level(TEXT, "s2", 1), "降级 （一）案件办理", "s2"),
    ]
    for change, label, key in steps:
        assert (change.label, change.key) == (label, key)


def test_the_number_styles_and_a_pasted_outline_are_checked_naming_what():
    styles = ("一、", "（一）", "1.", "1、")
    change = edits.set_levels(TEXT, styles, {1, 2, 3, 4})  # every level may run in
    assert change.label == "修改标题编号" and change.after.run_in == frozenset({1, 2, 3, 4})
    with pytest.raises(UserError) as refused:
        edits.set_levels(TEXT, ("一、", "甲、", "1.", "1、"), set())
    assert refused.value.message == "标题编号样式只能是 一、 （一） 1. 1、 （1），每级一种"
    pasted = edits.set_outline(TEXT, "第一段\n第二段", [Heading(1, "基本情况", "正文")], "特此报告。\n附后。")
    assert (pasted.after.lead, pasted.after.closing) == ("第一段\n第二段", "特此报告。\n附后。")  # paragraphs kept
    assert pasted.label == "粘贴整篇报告"
    with pytest.raises(UserError) as refused:
        edits.set_outline(TEXT, "", [], "字" * (BODY_MAX + 1))
    assert refused.value.message.startswith("结束语过长")
    for entry, what in [(Heading(1, "字" * 201), "标题"), (Heading(1, "基本情况", "字" * (BODY_MAX + 1)), "正文")]:
        with pytest.raises(UserError) as refused:
            edits.set_outline(TEXT, "", [entry], "")
        assert refused.value.message.startswith(f"{what}过长")


def test_fixes_put_in_place_at_once_are_one_step_each_piece_mended_from_its_end():
    text = replace(TEXT, title="示例市应急管理局 2024 年报告", lead="2024 年，我局。")
    body = "行政许可 178 件，处罚 61 件。"
    text = edits.set_body(text, "s2", body).after
    fixes = [
        ("s2", "body", (3, 5), "可"),
        ("s2", "body", (7, 9), "8"),
        ("s2", "body", (12, 14), "罚"),
        ("s2", "body", (15, 17), "1"),
        (LEAD, "body", (3, 5), "4"),
        ("", "title", (12, 14), "4"),
        ("s2", "body", (2, 4), "X"),  # overlaps the first, mended before it: left for the next audit
    ]
    change, done = edits.apply_fixes(text, fixes, "改正多余的空格")
    assert done == 6 and change.label == "改正多余的空格 6 处"
    after = change.after
    assert next(s.body for s in after.sections if s.key == "s2") == "行政许可178件，处罚61件。"
    assert after.lead == "2024年，我局。" and after.title == "示例市应急管理局 2024年报告"
    assert change.inverse().after == text  # one undo takes them all back
    assert after.sections[0] == text.sections[0] and after.closing == text.closing  # nothing else moved
