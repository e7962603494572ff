"""Report kinds, heading numbers, linked figures, the drafted paragraph, the stored narrative."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from forms import text_edits as edits
from forms.draft import draft_basic_situation
from forms.errors import UserError
from forms.figures import MISSING, Link, describe, figure, render
from forms.kinds import wan_text as money_wan
from forms.outline import (
    REPORT_KINDS,
    Heading,
    chinese_number,
    heading_numbers,
    report_kind,
    run_in_levels,
    run_in_text,
)
from forms.registry import form
from forms.report import MAIN_ROW, CellKey, chinese_date
from storage.report_text import ReportTexts
from storage.store import Store
from tests.support.texts import add_section_at, attach, edit_text


def test_outlines_follow_the_seeds():
    enforcement = report_kind("enforcement")
    assert [h for level, h in enforcement.outline if level == 1] == [
        "行政执法基本情况",
        "行政执法规范化建设情况",
        "存在问题",
        "下一步工作打算",
    ]
    assert enforcement.attachments == ("a2", "a3", "a4", "a5")
    assert (
        report_kind("rule_of_law").default_title("某县应急管理局", 2025) == "某县应急管理局2025年法治政府建设工作报告"
    )
    assert len({k.key for k in REPORT_KINDS}) == len(REPORT_KINDS)


def test_heading_numbers_restart_below_each_level():
    assert heading_numbers([1, 2, 2, 3, 4, 4, 1, 2]) == [
        "一、",
        "（一）",
        "（二）",
        "1.",
        "（1）",
        "（2）",
        "二、",
        "（一）",
    ]
    assert [chinese_number(n) for n in (1, 10, 11, 20, 23)] == ["一", "十", "十一", "二十", "二十三"]


def test_dates_have_no_zero_padding():
    assert chinese_date(date(2025, 1, 5)) == "2025年1月5日"


def test_money_in_wan_yuan():
    assert money_wan(Decimal(4199252)) == "419.9252"
    assert money_wan(Decimal(4331500)) == "433.15"
    assert money_wan(Decimal(30000)) == "3"
    assert money_wan(Decimal("12345.67")) == "1.234567"  # exact to the fen: never rounded away
    assert money_wan(Decimal("3164580.26")) == "316.458026"  # 003: adds up with 36.5 + 279.958026


def test_figures_follow_the_tables(store, sample):
    data = store.report_data(sample)
    assert figure(Link("a2", "license", "cur"), data) == "178"
    assert figure(Link("a2", "license", "prev"), data) == "148"
    assert figure(Link("a2", "inspection", "yoy"), data) == "-35.59%"
    assert figure(Link("a2", "inspection", "change"), data) == "（同比下降35.59%）"
    assert figure(Link("a2", "coercion", "change"), data) == "（与上年持平）"
    assert figure(Link("a2", "confirmation", "change"), data) == ""  # prior year 0: no percentage
    assert figure(Link("a2", "fines", "cur", wan=True), data) == "419.9252"
    assert figure(Link("a4", "posts", "cur"), data) == "79"
    assert figure(Link("a4", "monitoring_devices", "cur"), data) == MISSING  # not filled in
    assert figure(Link("a5", "transferred", "cur"), data) == "1"
    assert describe(Link("a2", "penalty", "cur"), 2024) == "附件2 行政处罚(件) 2024年"


def test_list_form_figures_are_column_totals(store, sample):
    a5 = form("a5")
    rows = store.form_data(sample, a5).rows
    store.set_value(sample.id, a5, CellKey(rows[1], "transferred"), 2)
    assert figure(Link("a5", "transferred", "cur"), store.report_data(sample)) == "3"


def test_render_leaves_ordinary_braces_alone(store, sample):
    data = store.report_data(sample)
    assert render("共{{a2.penalty.cur}}件，{{不是链接}}", data) == "共78件，{{不是链接}}"


def test_drafted_paragraph_reads_like_the_seed(store, sample):
    data = store.report_data(sample)
    text = render(draft_basic_situation(data), data)
    assert "行政许可178件（同比增长20.27%）" in text
    assert "行政检查190次（同比下降35.59%）" in text
    assert "行政处罚78件（同比下降46.94%）" in text
    assert "罚没金额419.9252万元（同比下降54.44%）" in text
    assert "行政确认、行政裁决无办件" in text
    assert "{{" not in text
    assert text.startswith("2024年，我局共办理行政许可178件（同比增长20.27%），行政强制2件（与上年持平），")
    assert "行政处罚78件（同比下降46.94%）。行政确认、行政裁决无办件。罚没金额" in text
    assert text.endswith(
        "涉企行政执法方面，涉企行政检查336次，涉企行政处罚76件，免罚案件31件，从轻减轻案件2件，涉企罚没金额433.15万元。"
    )


def test_drafted_paragraph_words_changes_as_the_picker_does_by_default(store, sample):
    """The seeds write 同比下降30%: trailing zeros go, as 插入数据 trims them by default."""
    store.set_value(sample.id, form("a2"), CellKey(MAIN_ROW, "license", 2023), 50)
    store.set_value(sample.id, form("a2"), CellKey(MAIN_ROW, "license", 2024), 200)
    data = store.report_data(sample)
    text = render(draft_basic_situation(data), data)
    assert "行政许可200件（同比增长300%）" in text and "300.00%" not in text
    assert "行政处罚78件（同比下降46.94%）" in text


def test_drafted_paragraph_gives_no_percentage_where_the_prior_year_is_0(store, sample):
    store.set_value(sample.id, form("a2"), CellKey(MAIN_ROW, "license", 2023), 0)
    data = store.report_data(sample)
    text = render(draft_basic_situation(data), data)
    assert "行政许可178件，" in text


def test_new_report_gets_the_default_outline_and_edits_persist(db_path):
    store = Store(db_path)
    report = store.create_report("某县应急管理局", 2025)
    texts = ReportTexts(store)
    text = texts.get(report)
    assert text.title == "某县应急管理局2025年行政执法工作报告" and text.signer == "某县应急管理局"
    first, second = text.sections[0].key, text.sections[1].key
    edit_text(store, report, edits.set_heading, first, "基本情况")
    edit_text(store, report, edits.set_body, first, "第一段\n第二段")
    new = add_section_at(store, report, 1, 2, "新增小节")
    edit_text(store, report, edits.move_section, new, -1)
    edit_text(store, report, edits.remove_section, second)
    edit_text(store, report, edits.set_title, "新标题")
    edit_text(store, report, edits.set_sign_date, date(2026, 1, 20))
    attach(store, report, "a5", "a2")
    store.close()

    again = ReportTexts(Store(db_path)).get(report)
    assert again.title == "新标题" and again.sign_date == date(2026, 1, 20)
    assert again.attachments == ("a2", "a5")  # always printed in 附件 order
    assert [s.heading for s in again.sections[:2]] == ["新增小节", "基本情况"]
    assert again.sections[1].body == "第一段\n第二段"
    assert second not in [s.key for s in again.sections]


def test_bad_section_level_and_attachment_are_refused(store, sample):
    with pytest.raises(UserError):  # 升级/降级 stay within 1–4 (tests/test_text_edits.py); a paste is checked
        ReportTexts(store).replace_outline(sample, "", [Heading(5, "太深")], "")
    with pytest.raises(UserError):
        attach(store, sample, "a9")


def test_opening_the_other_kind_keeps_both(store, sample):
    texts = ReportTexts(store)
    written = texts.get(sample)
    texts.open(sample, "rule_of_law")
    text = texts.get(sample)
    assert text.kind == "rule_of_law" and text.attachments == ()
    assert text.sections[0].heading == "工作情况及主要成效"
    assert texts.get(sample, "enforcement") == written  # the 行政执法工作报告 is untouched


def test_attachment_numbers_provincial_or_one_to_n():
    from forms.numbering import PROVINCIAL, SEQUENTIAL, attachment_numbers
    from forms.registry import FORMS

    assert attachment_numbers(FORMS, ("a2", "a3", "a4", "a5"), PROVINCIAL) == {"a2": 2, "a3": 3, "a4": 4, "a5": 5}
    assert attachment_numbers(FORMS, ("a2", "a5"), PROVINCIAL) == {"a2": 2, "a3": 3, "a4": 4, "a5": 5}
    # 1–N for what the report prints; the workbook's other sheets follow.
    assert attachment_numbers(FORMS, ("a2", "a5"), SEQUENTIAL) == {"a2": 1, "a5": 2, "a3": 3, "a4": 4}
    # a form the template no longer has is skipped, not numbered
    assert attachment_numbers(FORMS, ("a3", "a9"), SEQUENTIAL) == {"a3": 1, "a2": 2, "a4": 3, "a5": 4}
    with pytest.raises(ValueError, match="unknown attachment numbering 'roman'"):
        attachment_numbers(FORMS, ("a2",), "roman")


def test_attachments_exported_without_a_text_are_numbered_in_template_order(store, sample):
    from dataclasses import replace

    data = replace(store.report_data(sample), text=None)
    assert data.attachment_numbers() == {"a2": 2, "a3": 3, "a4": 4, "a5": 5}
    assert replace(data, numbering="sequential").attachment_numbers() == {"a2": 1, "a3": 2, "a4": 3, "a5": 4}


def test_a_section_run_in_of_its_own_overrides_its_level():
    from forms.report import ReportText, Section

    text = ReportText("law", "报告", "", None, (), (), run_in=frozenset({2}))
    assert text.runs_in(Section("a", 2, "执法", "")) and not text.runs_in(Section("b", 1, "基本情况", ""))
    assert text.runs_in(Section("c", 1, "基本情况", "", run_in=True))
    assert not text.runs_in(Section("d", 2, "执法", "", run_in=False))


def test_an_unnumbered_heading_has_no_number_and_is_not_counted():
    from forms.report import ReportText, Section

    sections = (
        Section("a", 1, "基本情况", ""),
        Section("b", 1, "附：说明", "", numbered=False),
        Section("c", 1, "问题", ""),
    )
    assert ReportText("law", "报告", "", None, (), sections).numbers() == ["一、", "", "二、"]


def test_a_list_form_keeps_its_rows_and_a_missing_form_is_named(store, sample):
    from forms.report import FormData

    assert FormData.row_keys(form("a4"), ["r1", "r2"]) == ["r1", "r2"]
    assert FormData.row_keys(form("a2"), ["r1"]) == [MAIN_ROW]
    with pytest.raises(KeyError, match="a9"):
        store.report_data(sample).form("a9")


def test_the_filler_and_contact_lines_above_each_table():
    from forms.report import Report

    assert Report(1, "示例市应急管理局", 2024).filler_line() == "填报单位：示例市应急管理局"  # the unit by default
    assert Report(1, "示例市应急管理局", 2024, filler="执法支队").filler_line() == "填报单位：执法支队"
    assert Report(1, "局", 2024, contact_person="张三").contact_line() == "联系人和联系方式：张三"
    assert (
        Report(1, "局", 2024, contact_person="张三", contact_phone="123").contact_line() == "联系人和联系方式：张三 123"
    )


def test_attachment_numbering_is_stored_per_report(store, sample):
    texts = ReportTexts(store)
    assert texts.get(sample).attachment_numbering == "provincial"  # the seeds print 附件2–5
    other = store.create_report("某县应急管理局", 2024)
    edit_text(store, sample, edits.set_numbering, "sequential")
    assert texts.get(sample).attachment_numbering == "sequential"
    assert texts.get(other).attachment_numbering == "provincial"
    with pytest.raises(UserError):
        edit_text(store, sample, edits.set_numbering, "roman")


def test_the_run_in_levels_are_stored_as_digits_and_read_back_whatever_else_the_setting_holds():
    assert run_in_text(frozenset({3, 1})) == "13" and run_in_levels("13") == frozenset({1, 3})
    assert run_in_levels("1,3") == frozenset({1, 3})  # a hand-edited setting: its digits count
    assert run_in_levels("9") == frozenset() and run_in_levels(None) == frozenset()  # no such level; none stored


def test_a_heading_without_the_levels_above_it_is_numbered_from_one():
    assert heading_numbers([4, 3, 2]) == ["（1）", "1.", "（一）"]  # a pasted outline may start deep


def test_numbers_past_ninety_nine_and_zero_are_written_in_digits():
    assert [chinese_number(n) for n in (99, 100, 0)] == ["九十九", "100", "0"]
