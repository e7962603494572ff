"""校对 over a report (forms/proofread_report.py), as the clerk reads its findings: the words of each
message, the stretch of the sentence it quotes (to the sentence's end, at most 12 characters each side),
the place each piece is named by and where the window puts the fix, typed sequences counted in Chinese
and in figures, the 成文日期, the 原因简析 cells and the contact lines with the whole value mended."""

from __future__ import annotations

from datetime import date

import pytest

from forms.findings import CellLocation, ContactLocation, TextLocation
from forms.kinds import Invalid
from forms.proofread_report import (
    cn_number,
    cn_numeral,
    proofread_contact,
    proofread_reasons,
    proofread_text,
    sequence_slips,
)
from forms.registry import FORMS
from forms.report import REASON_ROW, CellKey, FormData, Report, ReportText, Section
from forms.rules import Severity
from forms.text_edits import CLOSING, LEAD

SPACE = "校对：正文多余的空格："
UNIT = "某县应急管理局"


def _text(body: str = "正文。", heading: str = "基本情况", numbered: bool = True, **own: str) -> ReportText:
    sections = (Section("s1", 1, heading, body, numbered=numbered),)
    return ReportText(
        "enforcement", own.pop("title", "行政执法工作报告"), own.pop("signer", ""), None, (), sections, **own
    )


def _messages(text: ReportText, year: int = 2024) -> list[str]:
    return [f.message for f in proofread_text(text, year)]


# --- the stretch quoted ---------------------------------------------------------------------------


def test_the_quote_runs_to_the_sentence_s_ends() -> None:
    assert _messages(_text("上一句。今年执法 检查更多。下一句")) == [
        SPACE + "“今年执法 检查更多”，应为“今年执法检查更多”"
    ]
    for end in "。！？；\n":
        assert _messages(_text(f"前文{end}执法 检查{end}后文")) == [SPACE + "“执法 检查”，应为“执法检查”"]
    assert _messages(_text("\n执法 检查")) == [SPACE + "“执法 检查”，应为“执法检查”"]  # a blank first line


def test_the_quote_is_twelve_characters_each_side_at_most() -> None:
    before, after = "甲乙丙丁戊己庚辛壬癸子丑寅执法", "检查卯辰巳午未申酉戌亥天地"  # 15 and 13
    body = f"{before} {after}"  # the slip: 法 and the blank after it, at 14–16
    (message,) = _messages(_text(body))
    assert message == SPACE + f"“{body[2:28]}”，应为“{before[2:]}{after[:12]}”"
    (message,) = _messages(_text(body[2:28]))  # exactly 12 each side: all of it
    assert message == SPACE + f"“{body[2:28]}”，应为“{before[2:]}{after[:12]}”"


def test_a_slip_without_a_fix_asks_the_clerk_to_check() -> None:
    (finding,) = proofread_text(_text("组织编印《安全生产法律法规汇编。"), 2024)
    assert finding.message == "校对：正文“《”没有对应的“》”：“组织编印《安全生产法律法规汇编”，请核对"
    assert (finding.fix, finding.severity, finding.code) == ("", Severity.HINT, "PROOF_UNBALANCED")


# --- each piece, named, and where its fix goes -----------------------------------------------------


def test_each_piece_is_named_and_its_fix_put_at_its_span() -> None:
    text = _text(
        "执法 检查",
        heading="执法 检查",
        title="执法 检查报告",
        signer="某县 应急管理局",
        unit_line="某县 应急管理局",
        lead="执法 检查",
        closing="执法 检查",
    )
    found = [(f.where, f.message.split("：")[1], f.fix) for f in proofread_text(text, 2024)]
    assert found == [
        (TextLocation("", "unit_line", (1, 3)), "标题上方的单位多余的空格", "县"),
        (TextLocation("", "title", (1, 3)), "标题多余的空格", "法"),
        (TextLocation(LEAD, "body", (1, 3)), "导语多余的空格", "法"),
        (TextLocation(CLOSING, "body", (1, 3)), "结束语多余的空格", "法"),
        (TextLocation("", "signer", (1, 3)), "署名多余的空格", "县"),
        (TextLocation("s1", "heading", (1, 3)), "小标题多余的空格", "法"),
        (TextLocation("s1", "body", (1, 3)), "正文多余的空格", "法"),
    ]


def test_an_empty_piece_is_passed_over_and_the_rest_read() -> None:
    text = _text("执法 检查", unit_line="", lead="")
    assert [f.where for f in proofread_text(text, 2024)] == [TextLocation("s1", "body", (1, 3))]
    assert proofread_text(None, 2024) == []


def test_a_title_cited_otherwise_is_named_by_its_piece() -> None:
    text = _text("依据《湖南省安全生产条列》。", lead="依据《湖南省优化营商环境条列》。")
    found = [(f.where, f.message, f.fix) for f in proofread_text(text, 2024)]
    assert found == [
        (
            TextLocation(LEAD, "body", (3, 14)),
            "校对：导语《湖南省优化营商环境条列》与文件名称《湖南省优化营商环境条例》不一致："
            "“依据《湖南省优化营商环境条列》”，应为“依据《湖南省优化营商环境条例》”",
            "湖南省优化营商环境条例",
        ),
        (
            TextLocation("s1", "body", (3, 12)),
            "校对：正文《湖南省安全生产条列》与文件名称《湖南省安全生产条例》不一致："
            "“依据《湖南省安全生产条列》”，应为“依据《湖南省安全生产条例》”",
            "湖南省安全生产条例",
        ),
    ]
    own = ("某某县应急管理局行政执法公示办法",)
    (finding,) = proofread_text(_text("落实《某某县应急管理局行政执法公式办法》"), 2024, own)
    assert finding.fix == own[0]


def test_sequences_are_read_in_the_body_the_lead_and_the_closing_only() -> None:
    points = "一是加强学习，三是严格考核"
    text = _text(points, heading=points, title=points, lead=points, closing=points, signer=points)
    where = [(f.where.section, f.where.part) for f in proofread_text(text, 2024)]  # type: ignore[union-attr]
    assert where == [(LEAD, "body"), (CLOSING, "body"), ("s1", "body")]


def test_a_number_typed_into_a_heading_and_the_blank_after_it() -> None:
    (finding,) = proofread_text(_text(heading="（二） 工作情况"), 2024)
    assert (finding.where, finding.fix) == (TextLocation("s1", "heading", (0, 5)), "工")
    assert finding.message == ("校对：小标题“（二）”是打上的编号，目录会自动编号：“（二） 工作情况”，应为“工作情况”")
    assert proofread_text(_text(heading="（二） 工作情况", numbered=False), 2024) == []


@pytest.mark.parametrize(
    ("signed", "flagged"), [(date(2024, 12, 31), True), (date(2025, 1, 1), False), (date(2023, 6, 1), True)]
)
def test_a_signing_date_inside_the_report_year(signed: date, flagged: bool) -> None:
    text = ReportText("enforcement", "报告", "某县应急管理局", signed, (), (Section("s1", 1, "基本情况", "正文。"),))
    found = proofread_text(text, 2024)
    if not flagged:
        assert found == []
        return
    (finding,) = found
    day = f"{signed.year}年{signed.month}月{signed.day}日"
    assert finding.message == f"校对：成文日期 {day} 在报告年度（2024年）结束之前，请核对"
    assert (finding.where, finding.code, finding.fix) == (TextLocation("", "signer"), "PROOF_DATE", "")
    assert finding.severity is Severity.HINT


# --- typed sequences ----------------------------------------------------------------------------


def _said(body: str) -> list[tuple[str, str, str | None]]:
    return [(body[s.span[0] : s.span[1]], s.what, s.fix) for s in sequence_slips(body)]


def test_a_skipped_or_repeated_number_is_said_with_the_one_before() -> None:
    assert _said("一是甲。三是乙。") == [("三", "“三”的前面是“一”，序号跳过了", "二")]
    assert _said("一是甲。二是乙。二是丙。") == [("二", "“二”的前面是“二”，序号重复", "三")]
    assert _said("1. 甲\n2. 乙\n2. 丙") == [("2", "“2”的前面是“2”，序号重复", "3")]
    assert _said("1、甲\n3、乙") == [("3", "“3”的前面是“1”，序号跳过了", "2")]
    assert _said("九是甲。十是乙。十二是丙。") == [
        ("九", "“九”的前面没有“一”，序号跳过了", "一"),
        ("十二", "“十二”的前面是“十”，序号跳过了", "十一"),
    ]
    assert _said("3. 甲\n4. 乙") == [("3", "“3”的前面没有“1”，序号跳过了", "1")]
    assert _said("一、甲\n二、乙\n一、丙\n三、丁") == [("三", "“三”的前面是“一”，序号跳过了", "二")]


def test_each_style_counts_on_its_own_and_an_unreadable_number_is_passed_over() -> None:
    assert _said("1. 甲\n（1）子\n（3）子\n2. 乙") == [("3", "“3”的前面是“1”，序号跳过了", "2")]
    assert _said("（一）甲\n（二）乙\n(四)丙") == [("四", "“四”的前面是“二”，序号跳过了", "三")]
    assert _said("一是甲。二是乙。十十是丙。三是丁。") == []
    assert _said("**一是**甲；**二是**乙：**三是**丙，四是丁！五是戊？六是己") == []
    assert _said("1. 甲，一是子，二是丑，三是寅\n2. 乙") == []  # points inside an item count apart
    assert {s.code for s in sequence_slips("一是甲。三是乙。\n1. 甲\n3. 乙")} == {"PROOF_SEQUENCE"}


@pytest.mark.parametrize(
    ("said", "n"),
    [
        ("", 0),
        ("甲", 0),
        ("一", 1),
        ("九", 9),
        ("十", 10),
        ("一十", 10),
        ("十一", 11),
        ("二十", 20),
        ("九十九", 99),
        ("一二", 0),
        ("二二十", 0),
        ("十一二", 0),
        ("十十", 0),
        ("二十十", 0),
        ("一甲", 0),
    ],
)
def test_chinese_numbers_read(said: str, n: int) -> None:
    assert cn_number(said) == n


def test_chinese_numerals_written() -> None:
    assert [cn_numeral(n) for n in (1, 9, 10, 11, 15, 20, 21, 99)] == [
        "一",
        "九",
        "十",
        "十一",
        "十五",
        "二十",
        "二十一",
        "九十九",
    ]


# --- the 原因简析 cells and the contact lines ----------------------------------------------------


def _forms() -> list[FormData]:
    return [FormData(spec, FormData.row_keys(spec, ["r1"])) for spec in FORMS]


def test_a_reason_s_fix_is_the_whole_cell_mended() -> None:
    forms = _forms()
    a2, a3 = forms[0], forms[1]
    a2.values[CellKey(REASON_ROW, "license")] = "市场经营行为, 自然增加"
    a2.values[CellKey(REASON_ROW, "inspection")] = "开展《专项检查"
    a2.values[CellKey(REASON_ROW, "penalty")] = Invalid("处罚 增加\x07", "含有不可打印的字符")
    a2.values[CellKey(REASON_ROW, "ruling")] = ""
    a3.values[CellKey(REASON_ROW, "fines")] = "罚没 增加"
    found = [(f.where, f.message, f.fix) for f in proofread_reasons(forms)]
    assert found == [
        (
            CellLocation("a2", CellKey(REASON_ROW, "license")),
            "校对：行政许可的原因简析半角“,”：“市场经营行为, 自然增加”，应为“市场经营行为，自然增加”",
            "市场经营行为，自然增加",
        ),
        (
            CellLocation("a2", CellKey(REASON_ROW, "inspection")),
            "校对：行政检查的原因简析“《”没有对应的“》”：“开展《专项检查”，请核对",
            "",
        ),
        (
            CellLocation("a3", CellKey(REASON_ROW, "fines")),
            "校对：罚没金额的原因简析多余的空格：“罚没 增加”，应为“罚没增加”",
            "罚没增加",
        ),
    ]


def test_only_the_comparison_tables_have_reasons() -> None:
    forms = _forms()
    a5 = next(f for f in forms if f.spec.key == "a5")
    a5.values[CellKey(REASON_ROW, "transferred")] = "移送 增加"
    assert proofread_reasons(forms) == []


def test_each_contact_line_is_named_with_the_line_mended() -> None:
    report = Report(
        1, "某县应急管理局", 2024, filler="某县 应急管理局", contact_person="张 三", contact_phone="电话 138"
    )
    found = [(f.where, f.message, f.fix) for f in proofread_contact(report)]
    assert found == [
        (
            ContactLocation("filler"),
            "校对：填报单位多余的空格：“某县 应急管理局”，应为“某县应急管理局”",
            "某县应急管理局",
        ),
        (ContactLocation("contact_person"), "校对：联系人多余的空格：“张 三”，应为“张三”", "张三"),
        (ContactLocation("contact_phone"), "校对：联系方式多余的空格：“电话 138”，应为“电话138”", "电话138"),
    ]
    unbalanced = Report(1, "某县应急管理局", 2024, contact_person="张三（科长")
    ((where, fix),) = [(f.where, f.fix) for f in proofread_contact(unbalanced)]
    assert (where, fix) == (ContactLocation("contact_person"), "")
