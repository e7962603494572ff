"""Each audit rule stated exactly (severity, message, cell), on plain values: no database, no Qt."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from forms.audit import (
    BIG_CHANGE,
    PHONE,
    Finding,
    audit,
    check_blanks,
    check_contact,
    check_reasons,
    check_spec_rules,
    check_text,
    check_value_kinds,
    errors,
    label_unit,
    place,
    short,
)
from forms.kinds import Invalid, Kind
from forms.registry import form
from forms.report import MAIN_ROW, REASON_ROW, CellKey
from forms.rules import Severity, number
from tests.support.reports import sample_data

Y = 2024


def a(data, key):
    return data.form(key)


def codes(found, code):
    return [f for f in found if f.code == code]


# --- the sample: exactly what a clerk sees -----------------------------------------------------


def test_the_samples_findings_in_order():
    data = sample_data()
    found = audit(data)
    assert found[:2] == [
        Finding(
            "a3",
            CellKey(MAIN_ROW, "inspection", Y),
            Severity.ERROR,
            "附件3 涉企行政检查(2024) 336 大于 附件2 行政检查(2024) 190",
            "A3_INSPECTION_LE_A2",
        ),
        Finding(
            "a3",
            CellKey(MAIN_ROW, "fines", Y),
            Severity.ERROR,
            "附件3 罚没金额(2024) 4331500 大于 附件2 罚没金额(2024) 4199252",
            "A3_FINES_LE_A2",
        ),
    ]
    assert errors(found) == found[:2]
    assert all(f.severity is Severity.HINT for f in found[2:])
    assert len(found) == 14
    assert str(Severity.ERROR) == "错误" and str(Severity.HINT) == "提示"


# --- 涉企 ≤ 全部 ---------------------------------------------------------------------------


def test_prior_year_contradiction_stays_a_hint_once_the_report_year_is_corrected():
    data = sample_data()
    a(data, "a3").values[CellKey(MAIN_ROW, "inspection", Y)] = 190  # equal: holds
    found = codes(check_spec_rules(a(data, "a3"), data), "A3_INSPECTION_LE_A2")
    assert found == [
        Finding(
            "a3",
            CellKey(MAIN_ROW, "inspection", Y - 1),
            Severity.HINT,
            "附件3 涉企行政检查(2023) 423 大于 附件2 行政检查(2023) 295",
            "A3_INSPECTION_LE_A2",
        )
    ]
    a(data, "a3").values[CellKey(MAIN_ROW, "inspection", Y - 1)] = 295
    assert codes(check_spec_rules(a(data, "a3"), data), "A3_INSPECTION_LE_A2") == []


def test_not_more_than_skips_a_blank_side_and_invalid_values():
    data = sample_data()
    a(data, "a2").values.pop(CellKey(MAIN_ROW, "inspection", Y))
    a(data, "a3").values[CellKey(MAIN_ROW, "inspection", Y - 1)] = Invalid("1e3", "不是数字")
    assert codes(check_spec_rules(a(data, "a3"), data), "A3_INSPECTION_LE_A2") == []


# --- 附件5 row rules ------------------------------------------------------------------------


def test_at_least_sum_checks_rows_after_a_blank_row():
    data = sample_data()
    a5 = a(data, "a5")
    a5.values[CellKey("r3", "transferred")] = 1
    a5.values[CellKey("r3", "criminal_filed")] = 1
    a5.values[CellKey("r3", "not_prosecuted")] = 1
    found = codes(check_spec_rules(a5, data), "A5_TRANSFERRED")
    assert found == [
        Finding(
            "a5",
            CellKey("r3", "transferred"),
            Severity.ERROR,
            "附件5 第3行 移送案件数(1) 小于 刑事立案数+刑事不予立案数+不予起诉案件数(2)",
            "A5_TRANSFERRED",
        )
    ]


def test_at_least_sum_equal_holds_and_a_blank_total_counts_as_zero():
    data = sample_data()
    a5 = a(data, "a5")
    a5.values[CellKey("r1", "criminal_not_filed")] = 1  # 1 ≥ 1: holds
    assert codes(check_spec_rules(a5, data), "A5_TRANSFERRED") == []
    a5.values[CellKey("r2", "reverse_penalty_filed")] = 1
    (found,) = codes(check_spec_rules(a5, data), "A5_REVERSE")
    assert found.message == "附件5 第2行 反向衔接受案数(未填) 小于 行政处罚立案数+不予行政处罚案件数(1)"
    assert found.key == CellKey("r2", "reverse_received") and found.severity is Severity.ERROR


def test_sum_equals_when_every_row_is_filled():
    data = sample_data()
    a5 = a(data, "a5")
    for row in ("r1", "r2", "r3", "r4"):
        a5.values[CellKey(row, "transferred")] = 1
    a(data, "a2").values[CellKey(MAIN_ROW, "transfers", Y)] = 4
    assert codes(check_spec_rules(a5, data), "A5_TRANSFERRED_EQ_A2") == []
    a(data, "a2").values[CellKey(MAIN_ROW, "transfers", Y)] = 5
    assert codes(check_spec_rules(a5, data), "A5_TRANSFERRED_EQ_A2") == [
        Finding(
            "a5",
            CellKey("r1", "transferred"),
            Severity.HINT,
            "附件5 移送案件数合计(4) 与 附件2 移送司法机关刑事案件件数(2024)(5) 不一致",
            "A5_TRANSFERRED_EQ_A2",
        )
    ]


def test_sum_equals_compares_the_report_year():
    data = sample_data()
    a2 = a(data, "a2")
    a2.values[CellKey(MAIN_ROW, "transfers", Y - 1)] = 7  # last year's figure is not this year's total
    assert codes(check_spec_rules(a(data, "a5"), data), "A5_TRANSFERRED_EQ_A2") == []
    a2.values[CellKey(MAIN_ROW, "transfers", Y)] = 7
    assert len(codes(check_spec_rules(a(data, "a5"), data), "A5_TRANSFERRED_EQ_A2")) == 1


def test_sum_equals_is_skipped_when_a_side_is_blank():
    data = sample_data()
    a(data, "a2").values.pop(CellKey(MAIN_ROW, "transfers", Y))
    a(data, "a2").values[CellKey(MAIN_ROW, "transfers", Y)] = None
    assert codes(check_spec_rules(a(data, "a5"), data), "A5_TRANSFERRED_EQ_A2") == []
    data = sample_data()
    a(data, "a5").values.pop(CellKey("r1", "transferred"))
    assert codes(check_spec_rules(a(data, "a5"), data), "A5_TRANSFERRED_EQ_A2") == []


# --- blanks ------------------------------------------------------------------------------------


def test_blank_prior_year_figures_are_asked_for():
    data = sample_data()
    a(data, "a2").values.pop(CellKey(MAIN_ROW, "ruling", Y - 1))
    assert check_blanks(a(data, "a2"), Y) == [
        Finding(
            "a2", CellKey(MAIN_ROW, "ruling", Y - 1), Severity.HINT, "行政裁决未填写；没有发生的请填 0", "VALUE_BLANK"
        )
    ]


def test_blanks_in_a_partly_filled_list_row_but_not_in_empty_rows_or_text():
    data = sample_data()
    a5 = a(data, "a5")
    a5.values[CellKey("r3", "unit_name")] = "某大队"  # text only: every number of that row is asked for
    found = [f.key for f in check_blanks(a5, Y) if f.key.row == "r3"]
    assert found == [
        CellKey("r3", key)
        for key in (
            "transferred",
            "criminal_filed",
            "criminal_not_filed",
            "not_prosecuted",
            "reverse_received",
            "reverse_penalty_filed",
            "reverse_no_penalty",
        )
    ]
    assert not [f for f in check_blanks(a5, Y) if f.key.row in ("r2", "r4")]
    assert [f.key.field for f in check_blanks(a(data, "a4"), Y)] == [
        "other_equipment",
        "monitoring_devices",
        "monitoring_fines",
    ]


# --- 原因简析 and the ±50 % rule -------------------------------------------------------------------


def _change(prev, cur, places=2):
    data = sample_data(places)
    a2 = a(data, "a2")
    a2.values[CellKey(MAIN_ROW, "license", Y - 1)] = prev
    a2.values[CellKey(MAIN_ROW, "license", Y)] = cur
    a2.values.pop(CellKey(REASON_ROW, "license"))
    return [f for f in check_reasons(a2, Y, places) if f.key.field == "license"]


@pytest.mark.parametrize(
    ("prev", "cur", "code"),
    [
        (100, 150, "YOY_UNEXPLAINED"),  # +50.00 %: the boundary is included
        (100, 50, "YOY_UNEXPLAINED"),  # −50.00 %
        (100, 160, "YOY_UNEXPLAINED"),  # a rise is checked as well as a fall
        (10000, 14999, "REASON_MISSING"),  # +49.99 %
        (10000, 5001, "REASON_MISSING"),  # −49.99 %
        (100, 141, "REASON_MISSING"),  # +41 %: 40 would be too low a threshold
        (0, 5, "REASON_MISSING"),  # no percentage
    ],
)
def test_big_changes_must_be_explained(prev, cur, code):
    (found,) = _change(prev, cur)
    assert found.code == code and found.severity is Severity.HINT
    assert found.key == CellKey(REASON_ROW, "license")
    assert BIG_CHANGE == 50


def test_the_big_change_message_and_the_places_setting():
    (found,) = _change(100, 150)
    assert found.message == "行政许可同比50.00%，变化较大，请在原因简析中说明"
    assert _change(200, 299, places=2)[0].code == "REASON_MISSING"  # 49.50 %
    (rounded,) = _change(200, 299, places=0)  # 49.5 % shown as 50 %: what the clerk sees is judged
    assert rounded.code == "YOY_UNEXPLAINED" and rounded.message == "行政许可同比50%，变化较大，请在原因简析中说明"
    (missing,) = _change(2, 2)
    assert missing.message == "行政许可的数据变化原因简析未填写（数据无变化或为 0 的也要分析）"


def test_a_filled_reason_silences_both():
    data = sample_data()
    assert [f for f in check_reasons(a(data, "a2"), Y, 2) if f.key.field == "fines"] == []
    assert check_reasons(a(data, "a4"), Y, 2) == []


# --- stored values that are not values ------------------------------------------------------------


def test_invalid_stored_values_are_errors_with_their_cell():
    data = sample_data()
    a2 = a(data, "a2")
    a2.values[CellKey(MAIN_ROW, "fines", Y)] = Kind.MONEY.decode("1e3")
    a2.values[CellKey(REASON_ROW, "fines")] = Kind.TEXT.decode("a\x00b")
    found = check_value_kinds(a2)
    assert [(f.key, f.severity, f.code) for f in found] == [
        (CellKey(MAIN_ROW, "fines", Y), Severity.ERROR, "VALUE_KIND"),
        (CellKey(REASON_ROW, "fines"), Severity.HINT, "VALUE_KIND"),  # text exported without the character
    ]
    assert found[0].message.startswith("罚没金额“1e3”无效：") and "不是数字" in found[0].message
    # the quote shows the control character, so it differs from the fix it names
    assert found[1].message == "罚没金额的原因简析“a␀b”无效：含有文档中不能保存的控制字符（␀），导出时会去掉；应为“ab”"
    assert (found[0].fix, found[1].fix) == ("", "ab")
    assert place(found[1], data) == "附件2 数据变化原因简析 罚没金额"
    assert check_value_kinds(a(data, "a3")) == []


# --- contact line -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phone", "ok"),
    [
        ("13912345678", True),
        ("12912345678", False),  # no mobile starts 12
        ("1391234567", False),
        ("139123456789", False),
        ("0730-5550123", True),
        ("07305550123", True),
        ("010-12345678", True),
        ("0730-5550123-8012", True),
        ("0730-555012", False),
        ("（0730）5550123", True),
        ("", False),
    ],
)
def test_phone_numbers(phone, ok):
    data = sample_data()
    data.report = type(data.report)(1, "单位", Y, "单位", "林晓岚", phone)
    found = check_contact(data)
    assert bool(PHONE.match(phone.replace("（", "").replace("）", ""))) is ok
    assert (found == []) is ok
    if not ok:
        assert found[0].message.startswith(f"联系方式“{phone or '未填'}”不像电话号码")


def test_missing_contact_fields():
    data = sample_data()
    data.report = type(data.report)(1, "单位", Y, " ", "", "13912345678")
    assert [(f.code, f.message, f.form, f.key) for f in check_contact(data)] == [
        ("CONTACT_UNIT", "填报单位未填写", "contact", None),
        ("CONTACT_PERSON", "联系人未填写", "contact", None),
    ]
    assert place(check_contact(data)[0], data) == "填报单位和联系人"


# --- places and names ---------------------------------------------------------------------------


def test_places_name_the_cell_as_the_paper_does():
    data = sample_data()
    assert place(Finding("a5", CellKey("r2", "transferred"), Severity.HINT, "", "X"), data) == "附件5 第2行 移送案件数"
    assert place(Finding("a2", CellKey(MAIN_ROW, "fines", Y), Severity.HINT, "", "X"), data) == "附件2 罚没金额(2024)"
    assert place(Finding("a4", None, Severity.HINT, "", "X"), data) == "附件4"
    assert short(form("a2").field("inspection")) == "行政检查"
    assert label_unit(form("a2").field("inspection")) == "次"
    assert label_unit(form("a4").field("monitoring_fines")) == "万元"
    assert label_unit(form("a5").field("criminal_filed")) == ""


def test_number_of_a_stored_value():
    assert number(3) == Decimal(3) and number(Decimal("1.5")) == Decimal("1.5")
    assert number(None) is None and number("3") is None and number(True) is None
    assert number(Invalid("3", "")) is None


# --- numbers typed in the report text ------------------------------------------------------------


def text_findings(body: str):
    return check_text(sample_data(body=body))


def test_a_contradicting_figure_of_our_own_gets_the_link_as_fix():
    body = "2024年，我局共办理行政处罚 80 件。"
    (found,) = text_findings(body)
    assert found == Finding(
        "text",
        CellKey("s1", "penalty", Y),
        Severity.HINT,
        "正文“行政处罚 80 件”与 附件2 行政处罚(件)(78件) 不一致，建议改为链接的表格数据",
        "TEXT_FIGURE",
        "{{a2.penalty.cur}}",
        (body.index("80"), body.index("80") + 2),
    )


@pytest.mark.parametrize(
    "body",
    [
        "全市应急管理部门2025年出动执法人员14150人次，实施行政检查6312次，行政处罚1346次。",  # another subject
        "2024年共作出行政处罚决定51次。其中行政处罚31次（含对个人处罚7次），事故处罚20次。",  # a part
        "全区行政处罚 80 件。",
        "各县市区分别办理行政处罚 12 件、8 件。",
        "包括行政处罚 5 件。",
        "行政处罚 78 件，行政许可178件。",  # agrees
        "行政处罚{{a2.penalty.cur}}件。",  # linked
        "行政处罚78%的案件。",  # a percentage, not the figure
    ],
)
def test_no_fix_for_someone_elses_figure_or_a_part_of_a_breakdown(body):
    assert text_findings(body) == []


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ("简易程序行政处罚 31 件。", "a qualifier before the name"),
        ("2023年行政处罚 147 件。", "another year"),
        ("行政处罚31次。", "another unit word than the table's (件)"),
    ],
)
def test_in_doubt_a_hint_without_a_fix(body, why):
    (found,) = text_findings(body)
    assert found.code == "TEXT_FIGURE_UNSURE" and found.fix == "" and found.severity is Severity.HINT, why
    assert "如说的是本单位2024年的数，请核对" in found.message


def test_money_in_yuan_and_wan_yuan_and_longest_names():
    found = text_findings(
        "行政处罚 80 件，涉企行政处罚 76 件，罚没金额419.9252万元，罚没金额 420 万元，罚没金额4199252元。"
    )
    assert [f.fix for f in found] == ["{{a2.penalty.cur}}", "{{a2.fines.cur.wan}}"]  # 76 is the 涉企 figure
    assert "(419.9252万元)" in found[1].message
    (wrong,) = text_findings("罚没金额4199250元。")
    assert wrong.fix == "{{a2.fines.cur}}" and "(4199252元)" in wrong.message


def test_an_amount_entered_in_wan_yuan_is_compared_as_entered():
    data = sample_data(body="近三年罚款金额12.5万元。")
    data.form("a4").values[CellKey("r1", "monitoring_fines")] = Decimal("12.5")
    assert check_text(data) == []
    data = sample_data(body="近三年罚款金额13万元。")
    data.form("a4").values[CellKey("r1", "monitoring_fines")] = Decimal("12.5")
    (found,) = check_text(data)
    assert found.fix == "{{a4.monitoring_fines.cur}}" and "(12.5万元)" in found.message


def test_a_list_table_figure_is_its_column_total():
    (found,) = text_findings("我局共有行政执法岗位编制 69 个，公职律师2名。")
    assert found.fix == "{{a4.posts.cur}}" and "(79)" in found.message


def test_a_text_finding_names_its_section_with_its_number():
    data = sample_data(body="行政处罚 80 件。")
    (found,) = check_text(data)
    assert place(found, data) == "报告正文 一、基本情况"
    lost = dataclasses.replace(found, key=CellKey("gone", "penalty", Y))
    assert place(lost, data) == "报告正文"


def test_contact_findings_exactly():
    data = sample_data()
    data.report = type(data.report)(1, "单位", Y, "", "", "12345")
    assert check_contact(data) == [
        Finding("contact", None, Severity.HINT, "填报单位未填写", "CONTACT_UNIT"),
        Finding("contact", None, Severity.HINT, "联系人未填写", "CONTACT_PERSON"),
        Finding(
            "contact",
            None,
            Severity.HINT,
            "联系方式“12345”不像电话号码（手机 11 位，座机如 0731-12345678）",
            "CONTACT_PHONE",
        ),
    ]


def test_reason_findings_exactly():
    data = sample_data()
    a2 = a(data, "a2")
    a2.values.pop(CellKey(REASON_ROW, "fines"))
    found = {f.key.field: f for f in check_reasons(a2, Y, 2)}
    assert found["fines"] == Finding(
        "a2",
        CellKey(REASON_ROW, "fines"),
        Severity.HINT,
        "罚没金额同比-54.44%，变化较大，请在原因简析中说明",
        "YOY_UNEXPLAINED",
    )
    assert found["coercion"] == Finding(
        "a2",
        CellKey(REASON_ROW, "coercion"),
        Severity.HINT,
        "行政强制的数据变化原因简析未填写（数据无变化或为 0 的也要分析）",
        "REASON_MISSING",
    )


def test_a_finding_in_doubt_exactly():
    body = "简易程序行政处罚 31 件。"
    (found,) = text_findings(body)
    assert found == Finding(
        "text",
        CellKey("s1", "penalty", Y),
        Severity.HINT,
        "正文“行政处罚 31 件”与 附件2 行政处罚(件)(78件) 不同，如说的是本单位2024年的数，请核对",
        "TEXT_FIGURE_UNSURE",
        "",
        (body.index("31"), body.index("31") + 2),
    )


@pytest.mark.parametrize(
    ("body", "fixes"),
    [
        ("2024年行政处罚 80 件。", ["{{a2.penalty.cur}}"]),  # the report year is our own figure
        ("2024年度，我局共办理行政处罚80件。", ["{{a2.penalty.cur}}"]),
        ("行政处罚 80。", ["{{a2.penalty.cur}}"]),  # no unit word: still ours
        ("全市行政检查6312次，我局行政处罚 80 件。", ["{{a2.penalty.cur}}"]),  # the last subject counts
        ("设备数量 5 台，行政处罚 80 件。", ["{{a2.penalty.cur}}"]),  # a blank table figure is skipped, not the rest
        ("罚没金额4,199,252元，行政处罚1,080件。", ["{{a2.penalty.cur}}"]),  # grouped digits are read
        ("罚没金额4331500元。", ["{{a2.fines.cur}}"]),  # 附件2's 罚没金额, once, not also 附件3's
        ("培训学时 41 时，人次 70 人。", []),  # names shorter than four characters are too vague
    ],
)
def test_which_typed_figures_are_ours(body, fixes):
    found = [f for f in text_findings(body) if f.code == "TEXT_FIGURE"]
    assert [f.fix for f in found] == fixes
