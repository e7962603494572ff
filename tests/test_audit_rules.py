"""Each audit rule stated exactly (severity, message, cell), holding and broken, on plain values (the
sample report text alone from a database); no Qt."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from forms import text_edits as edits
from forms.audit import BIG_CHANGE, PHONE, audit, check_blanks, check_contact, check_text, check_value_kinds, errors
from forms.finding_groups import place
from forms.findings import CellLocation, ContactLocation, Finding, TextLocation, of_form
from forms.kinds import Invalid, Kind
from forms.registry import form
from forms.report import MAIN_ROW, REASON_ROW, CellKey
from forms.rules import AtLeastSum, NotMoreThan, Severity, SumEquals, number
from storage.report_text import ReportTexts
from tests.support.reports import sample_data
from tests.support.texts import edit_text

Y = 2024


def a(data, key):
    return data.form(key)


def codes(found, code):
    return [f for f in found if f.code == code]


def rule_findings(data, code):
    """What the whole audit says under one of the specs' own rules."""
    return codes(audit(data), code)


# --- the sample: exactly what a clerk sees -----------------------------------------------------


def test_the_samples_findings_in_order():
    data = sample_data()
    found = audit(data)
    assert found[:2] == [
        Finding(
            CellLocation("a3", CellKey(MAIN_ROW, "inspection", Y)),
            Severity.ERROR,
            "附件3 涉企行政检查(2024) 336 大于 附件2 行政检查(2024) 190",
            "A3_INSPECTION_LE_A2",
        ),
        Finding(
            CellLocation("a3", CellKey(MAIN_ROW, "fines", Y)),
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
    found = rule_findings(data, "A3_INSPECTION_LE_A2")
    assert found == [
        Finding(
            CellLocation("a3", CellKey(MAIN_ROW, "inspection", Y - 1)),
            Severity.HINT,
            "附件3 涉企行政检查(2023) 423 大于 附件2 行政检查(2023) 295",
            "A3_INSPECTION_LE_A2",
        )
    ]
    a(data, "a3").values[CellKey(MAIN_ROW, "inspection", Y - 1)] = 295
    assert rule_findings(data, "A3_INSPECTION_LE_A2") == []


def test_not_more_than_skips_a_blank_side_and_invalid_values():
    data = sample_data()
    a(data, "a2").values.pop(CellKey(MAIN_ROW, "inspection", Y))
    a(data, "a3").values[CellKey(MAIN_ROW, "inspection", Y - 1)] = Invalid("1e3", "不是数字")
    assert rule_findings(data, "A3_INSPECTION_LE_A2") == []


# --- 附件5 row rules ------------------------------------------------------------------------


def test_at_least_sum_checks_rows_after_a_blank_row():
    data = sample_data()
    a5 = a(data, "a5")
    a5.values[CellKey("r3", "transferred")] = 1
    a5.values[CellKey("r3", "criminal_filed")] = 1
    a5.values[CellKey("r3", "not_prosecuted")] = 1
    found = rule_findings(data, "A5_TRANSFERRED")
    assert found == [
        Finding(
            CellLocation("a5", CellKey("r3", "transferred")),
            Severity.ERROR,
            "附件5 第3行 移送案件数(1) 小于 刑事立案数+刑事不予立案数+不予起诉案件数(2)",
            "A5_TRANSFERRED",
        )
    ]


def test_at_least_sum_equal_holds_and_a_blank_total_counts_as_zero():
    data = sample_data()
    a5 = a(data, "a5")
    a5.values[CellKey("r1", "criminal_not_filed")] = 1  # 1 ≥ 1: holds
    assert rule_findings(data, "A5_TRANSFERRED") == []
    a5.values[CellKey("r2", "reverse_penalty_filed")] = 1
    (found,) = rule_findings(data, "A5_REVERSE")
    assert found.message == "附件5 第2行 反向衔接受案数(未填) 小于 行政处罚立案数+不予行政处罚案件数(1)"
    assert found.cell == CellKey("r2", "reverse_received") and found.severity is Severity.ERROR


def test_sum_equals_when_every_row_is_filled():
    data = sample_data()
    a5 = a(data, "a5")
    for row in ("r1", "r2", "r3", "r4"):
        a5.values[CellKey(row, "transferred")] = 1
    a(data, "a2").values[CellKey(MAIN_ROW, "transfers", Y)] = 4
    assert rule_findings(data, "A5_TRANSFERRED_EQ_A2") == []
    a(data, "a2").values[CellKey(MAIN_ROW, "transfers", Y)] = 5
    assert rule_findings(data, "A5_TRANSFERRED_EQ_A2") == [
        Finding(
            CellLocation("a5", CellKey("r1", "transferred")),
            Severity.HINT,
            "附件5 移送案件数合计(4) 与 附件2 移送司法机关刑事案件件数(2024)(5) 不一致",
            "A5_TRANSFERRED_EQ_A2",
        )
    ]


def test_sum_equals_compares_the_report_year():
    data = sample_data()
    a2 = a(data, "a2")
    a2.values[CellKey(MAIN_ROW, "transfers", Y - 1)] = 7  # last year's figure is not this year's total
    assert rule_findings(data, "A5_TRANSFERRED_EQ_A2") == []
    a2.values[CellKey(MAIN_ROW, "transfers", Y)] = 7
    assert len(rule_findings(data, "A5_TRANSFERRED_EQ_A2")) == 1


def test_sum_equals_is_skipped_when_a_side_is_blank():
    data = sample_data()
    a(data, "a2").values.pop(CellKey(MAIN_ROW, "transfers", Y))
    a(data, "a2").values[CellKey(MAIN_ROW, "transfers", Y)] = None
    assert rule_findings(data, "A5_TRANSFERRED_EQ_A2") == []
    data = sample_data()
    a(data, "a5").values.pop(CellKey("r1", "transferred"))
    assert rule_findings(data, "A5_TRANSFERRED_EQ_A2") == []


# --- blanks ------------------------------------------------------------------------------------


def test_blank_prior_year_figures_are_asked_for():
    data = sample_data()
    a(data, "a2").values.pop(CellKey(MAIN_ROW, "ruling", Y - 1))
    assert check_blanks(a(data, "a2"), Y) == [
        Finding(
            CellLocation("a2", CellKey(MAIN_ROW, "ruling", Y - 1)),
            Severity.HINT,
            "行政裁决未填写；没有发生的请填 0",
            "VALUE_BLANK",
        )
    ]


def test_blanks_in_a_partly_filled_list_row_but_not_in_empty_rows_or_text():
    data = sample_data()
    a5 = a(data, "a5")
    a5.values[CellKey("r3", "unit_name")] = "某大队"  # text only: every number of that row is asked for
    found = [f.cell for f in check_blanks(a5, Y) if f.cell.row == "r3"]
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
    assert not [f for f in check_blanks(a5, Y) if f.cell.row in ("r2", "r4")]
    assert [f.cell.field for f in check_blanks(a(data, "a4"), Y)] == [
        "other_equipment",
        "monitoring_devices",
        "monitoring_fines",
    ]


# --- 原因简析 and the ±50 % rule -------------------------------------------------------------------


def reason_findings(data):
    return [f for f in audit(data) if f.code in ("YOY_UNEXPLAINED", "REASON_MISSING")]


def _change(prev, cur, places=2):
    data = sample_data(places)
    a2 = a(data, "a2")
    a2.values[CellKey(MAIN_ROW, "license", Y - 1)] = prev
    a2.values[CellKey(MAIN_ROW, "license", Y)] = cur
    a2.values.pop(CellKey(REASON_ROW, "license"))
    return [f for f in reason_findings(data) if f.cell == CellKey(REASON_ROW, "license")]


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
    assert found.where == CellLocation("a2", CellKey(REASON_ROW, "license"))
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
    assert [f for f in of_form(reason_findings(data), "a2") if f.cell.field == "fines"] == []
    assert of_form(reason_findings(data), "a4") == []  # a list table has no 原因简析


# --- stored values that are not values ------------------------------------------------------------


def test_a_stored_reason_with_blanks_around_is_an_error_naming_its_fix():
    data = sample_data()
    a2 = a(data, "a2")
    a2.values[CellKey(REASON_ROW, "fines")] = Kind.TEXT.decode(" 原因 ")
    [found] = check_value_kinds(a2)
    assert (found.severity, found.fix) == (Severity.ERROR, "原因")
    assert found.message.startswith("罚没金额的原因简析“原因”无效：数据格式不规范")


def test_invalid_stored_values_are_errors_with_their_cell():
    data = sample_data()
    a2 = a(data, "a2")
    a2.values[CellKey(MAIN_ROW, "fines", Y)] = Kind.MONEY.decode("1e3")
    a2.values[CellKey(REASON_ROW, "fines")] = Kind.TEXT.decode("a\x00b")
    found = check_value_kinds(a2)
    assert [(f.cell, f.severity, f.code) for f in found] == [
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
        said = f"联系方式“{phone}”不像电话号码" if phone else "联系方式未填写"
        assert found[0].message.startswith(said)


def test_missing_contact_fields():
    data = sample_data()
    data.report = type(data.report)(1, "单位", Y, " ", "", "13912345678")
    assert [(f.code, f.message, f.where) for f in check_contact(data)] == [
        ("CONTACT_UNIT", "填报单位未填写", ContactLocation("filler")),
        ("CONTACT_PERSON", "联系人未填写", ContactLocation("contact_person")),
    ]
    assert place(check_contact(data)[0], data) == "填报单位和联系人"


# --- places and names ---------------------------------------------------------------------------


def test_places_name_the_cell_as_the_paper_does():
    data = sample_data()
    at = CellLocation("a5", CellKey("r2", "transferred"))
    assert place(Finding(at, Severity.HINT, "", "X"), data) == "附件5 第2行 移送案件数"
    at = CellLocation("a2", CellKey(MAIN_ROW, "fines", Y))
    assert place(Finding(at, Severity.HINT, "", "X"), data) == "附件2 罚没金额(2024)"
    # the spec's names for a field in a sentence: read from the label where the spec says nothing
    assert form("a2").field("inspection").noun == "行政检查"
    assert form("a2").field("inspection").unit == "次"
    assert form("a4").field("monitoring_fines").unit == "万元"
    assert form("a5").field("criminal_filed").unit == ""


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
        TextLocation("s1", "body", (body.index("80"), body.index("80") + 2)),
        Severity.HINT,
        "正文“行政处罚 80 件”与 附件2 行政处罚(件)(78件) 不一致，建议改为链接的表格数据",
        "TEXT_FIGURE",
        "{{a2.penalty.cur}}",
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
    lost = dataclasses.replace(found, where=dataclasses.replace(found.where, section="gone"))
    assert place(lost, data) == "报告正文"
    for key, part in ((edits.LEAD, "导语"), (edits.CLOSING, "结束语")):  # the text's own parts, by their names
        moved = dataclasses.replace(found, where=dataclasses.replace(found.where, section=key))
        assert place(moved, data) == f"报告正文 {part}"
    # a heading printed with a closing 。 (000's 5.行政执法与普法教育相结合情况。) is named without it
    first = data.text.sections[0]
    data.text = dataclasses.replace(data.text, sections=(dataclasses.replace(first, heading="基本情况。"),))
    assert place(found, data) == "报告正文 一、基本情况"


def test_contact_findings_exactly():
    data = sample_data()
    data.report = type(data.report)(1, "单位", Y, "", "", "12345")
    assert check_contact(data) == [
        Finding(ContactLocation("filler"), Severity.HINT, "填报单位未填写", "CONTACT_UNIT"),
        Finding(ContactLocation("contact_person"), Severity.HINT, "联系人未填写", "CONTACT_PERSON"),
        Finding(
            ContactLocation("contact_phone"),
            Severity.HINT,
            "联系方式“12345”不像电话号码（手机 11 位，座机如 0731-12345678）",
            "CONTACT_PHONE",
        ),
    ]
    data.report = type(data.report)(1, "单位", Y, "", "", " ")
    assert [f.message for f in check_contact(data)][-1] == "联系方式未填写"  # as the other two say it


def test_reason_findings_exactly():
    data = sample_data()
    a2 = a(data, "a2")
    a2.values.pop(CellKey(REASON_ROW, "fines"))
    found = {f.cell.field: f for f in of_form(reason_findings(data), "a2")}
    assert found["fines"] == Finding(
        CellLocation("a2", CellKey(REASON_ROW, "fines")),
        Severity.HINT,
        "罚没金额同比-54.44%，变化较大，请在原因简析中说明",
        "YOY_UNEXPLAINED",
    )
    assert found["coercion"] == Finding(
        CellLocation("a2", CellKey(REASON_ROW, "coercion")),
        Severity.HINT,
        "行政强制的数据变化原因简析未填写（数据无变化或为 0 的也要分析）",
        "REASON_MISSING",
    )


def test_a_finding_in_doubt_exactly():
    body = "简易程序行政处罚 31 件。"
    (found,) = text_findings(body)
    assert found == Finding(
        TextLocation("s1", "body", (body.index("31"), body.index("31") + 2)),
        Severity.HINT,
        "正文“行政处罚 31 件”与 附件2 行政处罚(件)(78件) 不同，如说的是本单位2024年的数，请核对",
        "TEXT_FIGURE_UNSURE",
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


# --- the rules over the sample, holding and broken (was tests/test_audit.py) ---------------------


def test_the_samples_contradictions_name_their_cells_and_last_year_is_a_hint():
    data = sample_data()
    found = audit(data)
    assert place(errors(found)[0], data) == "附件3 涉企行政检查(2024)"
    # the same kind of contradiction in last year's column is a hint: that column was reported last year
    prior = codes(found, "A3_INSPECTION_LE_A2")
    assert [(f.severity, f.cell.period) for f in prior] == [(Severity.ERROR, Y), (Severity.HINT, Y - 1)]


def test_correcting_the_two_figures_clears_every_error():
    data = sample_data()
    a(data, "a3").values[CellKey(MAIN_ROW, "inspection", Y)] = 190
    a(data, "a3").values[CellKey(MAIN_ROW, "fines", Y)] = Decimal(4199252)
    assert errors(audit(data)) == []


@pytest.mark.parametrize("field", ["penalty", "coercion", "inspection", "fines", "complaint_cases", "legal_review"])
def test_enterprise_figure_not_more_than_all_figures(field):
    code = f"A3_{field.upper()}_LE_A2"
    data = sample_data()

    def this_year():
        return [f for f in rule_findings(data, code) if f.cell.period == Y]

    a(data, "a2").values[CellKey(MAIN_ROW, field, Y)] = 10
    a(data, "a3").values[CellKey(MAIN_ROW, field, Y)] = 10  # equal holds
    assert this_year() == []
    a(data, "a3").values[CellKey(MAIN_ROW, field, Y)] = 11  # one more breaks
    assert [f.severity for f in this_year()] == [Severity.ERROR]
    a(data, "a2").values[CellKey(MAIN_ROW, field, Y)] = None  # a blank side: nothing to compare
    assert this_year() == []


def test_a5_transferred_at_least_its_outcomes_in_the_first_row():
    data = sample_data()
    a5 = a(data, "a5")
    a5.values.update({CellKey("r1", "transferred"): 2, CellKey("r1", "criminal_filed"): 1})
    assert rule_findings(data, "A5_TRANSFERRED") == []  # 2 ≥ 1 + 1 + blank
    a5.values[CellKey("r1", "not_prosecuted")] = 1
    (broken,) = rule_findings(data, "A5_TRANSFERRED")
    assert broken.severity is Severity.ERROR
    assert broken.message == "附件5 第1行 移送案件数(2) 小于 刑事立案数+刑事不予立案数+不予起诉案件数(3)"
    a5.values[CellKey("r1", "transferred")] = None  # blank total counts as 0
    assert "移送案件数(未填) 小于" in rule_findings(data, "A5_TRANSFERRED")[0].message


def test_a5_reverse_at_least_its_outcomes():
    data = sample_data()
    assert rule_findings(data, "A5_REVERSE") == []  # 2 ≥ 1 + blank
    a(data, "a5").values[CellKey("r1", "reverse_no_penalty")] = 2
    assert [f.severity for f in rule_findings(data, "A5_REVERSE")] == [Severity.ERROR]


def test_a5_rules_skip_wholly_blank_rows():
    data = sample_data()
    assert not [f for f in of_form(audit(data), "a5") if f.cell.row in a(data, "a5").rows[1:]]


def test_a5_transfers_add_up_to_a2():
    data = sample_data()
    assert rule_findings(data, "A5_TRANSFERRED_EQ_A2") == []  # 1 = 1
    a(data, "a5").values.update({CellKey("r2", "unit_name"): "某大队", CellKey("r2", "transferred"): 1})
    (hint,) = rule_findings(data, "A5_TRANSFERRED_EQ_A2")
    assert hint.severity is Severity.HINT
    assert hint.message == "附件5 移送案件数合计(2) 与 附件2 移送司法机关刑事案件件数(2024)(1) 不一致"


def test_value_kinds_of_old_or_imported_data():
    # What the grid refuses can still sit in an old file or an imported workbook: read as storage reads it.
    data = sample_data()
    stored = {("a2", "penalty"): "1.5", ("a2", "license"): "-3", ("a2", "fines"): "12.345", ("a2", "coercion"): "三"}
    for (key, field), text in stored.items():
        a(data, key).values[CellKey(MAIN_ROW, field, Y)] = form(key).field(field).kind.decode(text)
    a(data, "a5").values[CellKey("r1", "uses_platform")] = form("a5").field("uses_platform").kind.decode("可能")
    found = codes(audit(data), "VALUE_KIND")
    assert {place(f, data) for f in found} == {
        "附件2 行政处罚(2024)",
        "附件2 行政许可(2024)",
        "附件2 罚没金额(2024)",
        "附件2 行政强制(2024)",
        "附件5 第1行 是否使用“两法衔接平台”",
    }
    assert all(f.severity is Severity.ERROR for f in found)
    assert any("整数" in f.message for f in found) and any("负数" in f.message for f in found)


def test_blank_is_not_filled_but_zero_is_a_value():
    data = sample_data()
    a(data, "a2").values[CellKey(MAIN_ROW, "ruling", Y)] = None
    assert "附件2 行政裁决(2024)" in {place(f, data) for f in codes(audit(data), "VALUE_BLANK")}
    a(data, "a2").values[CellKey(MAIN_ROW, "ruling", Y)] = 0
    assert "附件2 行政裁决(2024)" not in {place(f, data) for f in codes(audit(data), "VALUE_BLANK")}


def test_every_reason_is_asked_for_even_unchanged():
    data = sample_data()
    assert "附件2 数据变化原因简析 行政强制" in {place(f, data) for f in codes(audit(data), "REASON_MISSING")}
    a(data, "a2").values[CellKey(REASON_ROW, "coercion")] = "无变化"  # 2 → 2 still needs a word, and has one
    assert "附件2 数据变化原因简析 行政强制" not in {place(f, data) for f in codes(audit(data), "REASON_MISSING")}


def test_rule_kinds_are_declared_in_the_specs():
    assert {type(r) for r in form("a3").rules} == {NotMoreThan}
    assert {type(r) for r in form("a5").rules} == {AtLeastSum, SumEquals}


# --- the sample's own report text, as the database holds it ------------------------------------------


def set_text(store, report, heading, body):
    texts = ReportTexts(store)
    key = next(s.key for s in texts.get(report).sections if s.heading == heading)
    edit_text(store, report, edits.set_body, key, body)


def test_the_sample_text_has_no_contradicting_numbers(store, sample):
    assert codes(audit(store.report_data(sample)), "TEXT_FIGURE") == []


def test_a_typed_figure_in_a_sub_section_is_placed_and_spanned(store, sample):
    set_text(store, sample, "行政执法工作保障情况", "我局共有行政执法岗位编制 69 个，公职律师2名。")
    data = store.report_data(sample)
    (hint,) = codes(audit(data), "TEXT_FIGURE")
    assert hint.fix == "{{a4.posts.cur}}" and "69" in hint.message and "79" in hint.message
    assert place(hint, data) == "报告正文 （三）行政执法工作保障情况"
    body = next(s.body for s in data.text.sections if s.key == hint.where.section)
    assert body[hint.where.span[0] : hint.where.span[1]] == "69"


def test_a_heading_with_no_text_and_no_sub_headings_is_a_hint(store, sample):
    texts = ReportTexts(store)
    assert codes(audit(store.report_data(sample)), "TEXT_EMPTY_SECTION") == []
    text = texts.get(sample)
    parent = next(i for i, s in enumerate(text.sections[:-1]) if text.sections[i + 1].level > s.level)
    leaf = text.sections[parent + 1]
    edit_text(store, sample, edits.set_body, text.sections[parent].key, "")  # its sub-headings carry the text
    edit_text(store, sample, edits.set_body, leaf.key, "")
    if any(s.level > leaf.level for s in text.sections[parent + 2 : parent + 3]):
        pytest.skip("the seed's first sub-heading has sub-headings of its own")
    data = store.report_data(sample)
    found = codes(audit(data), "TEXT_EMPTY_SECTION")
    assert [(f.where, f.severity) for f in found] == [(TextLocation(leaf.key), Severity.HINT)]
    assert found[0].message == f"“{leaf.heading}”下还没有正文，请填写或删除这一节"
    assert place(found[0], data).endswith(leaf.heading)
