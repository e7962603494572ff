"""校对 (issue 24): each check both ways — what it flags, with its fix, and what it never flags — and the
five published reports: each of their slips the issue names is found with its fix, and the rest of
their text raises nothing (a false-positive budget of 0, measured here)."""

from __future__ import annotations

import collections
import re
from datetime import date

import pytest

from forms.findings import Finding, TextLocation
from forms.paste_report import parse_pasted
from forms.proofread import CHECKS, fixed, slips
from forms.proofread_report import cn_number, cn_numeral, proofread_text, sequence_slips
from forms.proofread_titles import near, parse_titles, shipped_titles, title_slips
from forms.report import ReportText, Section
from forms.text_edits import CLOSING, LEAD
from tests.test_seed_outline import seed_text


def _mended(text: str) -> str:
    return fixed(text, slips(text))


@pytest.mark.parametrize(
    ("text", "code", "mended"),
    [
        ("安全管理人員举办培训", "PROOF_TRADITIONAL", "安全管理人员举办培训"),
        ("市场经营行为, 自然增加", "PROOF_HALF_WIDTH", "市场经营行为，自然增加"),
        ("秉持包容审慎执法理念,落实安全生产", "PROOF_HALF_WIDTH", "秉持包容审慎执法理念，落实安全生产"),
        ("主要原因:一是", "PROOF_HALF_WIDTH", "主要原因：一是"),
        ("是否落实?请核对", "PROOF_HALF_WIDTH", "是否落实？请核对"),
        ("清单(试行)的要求", "PROOF_HALF_WIDTH", "清单（试行）的要求"),
        ("2024年年投诉举报较2023年有所提升", "PROOF_DOUBLED", "2024年投诉举报较2023年有所提升"),
        ("落实的的要求", "PROOF_DOUBLED", "落实的要求"),
        ("行政许可 178 件", "PROOF_SPACE", "行政许可178件"),
        ("2024 年，我局", "PROOF_SPACE", "2024年，我局"),
        ("完成率 100%。", "PROOF_SPACE", "完成率100%。"),
        ("执法 检查", "PROOF_SPACE", "执法检查"),
        ("在在执法中", "PROOF_DOUBLED", "在执法中"),
        ("执法\u3000检查工作全面推进", "PROOF_SPACE", "执法检查工作全面推进"),
    ],
)
def test_a_slip_is_found_with_its_fix(text: str, code: str, mended: str) -> None:
    assert code in {s.code for s in slips(text)}
    assert _mended(text) == mended


@pytest.mark.parametrize(
    "text",
    [
        "每年年初制定计划",
        "2022年年初，我局",
        "2024年年底前完成",
        "2024年年度计划",
        "罚没金额9,217,701元，上午8:30开始",
        "依据GB/T 9704(2012)排版",
        "2023 2024",
        "《岗位安全绩效考核 更加注重正向激励》",
        "（中华人民共和国应急管理部令 第11号）",
        "乾坤",
        "对对象进行核查",
        # a doubled character whose second begins a word, or half of an AABB word
        "督促施工单位在在建工地开展隐患排查",
        "以及及时整改",
        "与与会代表交流",
        "2023年年报显示，2024年年均增长5%，2024年年检",
        "对对口帮扶单位",
        "的的确确，和和美美",
        # counties' own names with a character OpenCC takes for traditional
        "咸阳市乾县应急管理局、松原市乾安县应急管理局",
        # a list item's number before a lone bracket; a two-character name padded with an ideographic space
        "1）加强执法；2）规范程序；3）强化监督",
        "王\u3000伟",
        "“两坚决两确保”目标",
        "《应急管理部关于印发〈应急管理行政处罚裁量权基准〉的通知》",
        "English text, with a comma",
    ],
)
def test_what_no_check_flags(text: str) -> None:
    assert slips(text) == []


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("组织编印《安全生产法律法规汇编", "“《”没有对应的“》”"),
        ("汇编》等", "“》”前面缺少“《”"),
        ("锚定“两坚决两确保目标", "““”没有对应的“””"),
        ("（试行", "“（”没有对应的“）”"),
    ],
)
def test_an_unbalanced_mark_is_found_without_a_fix(text: str, what: str) -> None:
    (slip,) = slips(text)
    assert (slip.code, slip.what, slip.fix) == ("PROOF_UNBALANCED", what, None)


def test_marks_are_balanced_paragraph_by_paragraph() -> None:
    assert [s.span for s in slips("《甲\n乙》")] == [(0, 1), (4, 5)]


def test_every_check_says_what_it_flags_and_never_flags() -> None:
    codes = [c.code for c in CHECKS]
    assert len(set(codes)) == len(codes)
    assert all(c.name and c.flags and c.never for c in CHECKS)


# --- typed sequences ----------------------------------------------------------------------------


def _sequence(body: str) -> list[tuple[str, str | None]]:
    return [(body[s.span[0] : s.span[1]], s.fix) for s in sequence_slips(body)]


def test_a_point_that_skips_or_repeats_is_found_with_the_number_that_follows() -> None:
    assert _sequence("一是加强学习。二是强化培训。四是严格考核。") == [("四", "三")]
    assert _sequence("一是加强学习；二是强化培训；二是严格考核。") == [("二", "三")]
    assert _sequence("**一是**加强学习。\n**三是**严格考核。") == [("三", "二")]


def test_typed_items_and_heading_numbers_that_skip_are_found() -> None:
    assert _sequence("1. 建立制度。\n2. 落实责任。\n4. 严格考核。") == [("4", "3")]
    assert _sequence("（一）建立制度。\n（三）严格考核。") == [("三", "二")]
    assert _sequence("(1)建立制度。\n(2)落实责任。\n(2)严格考核。") == [("2", "3")]


def test_a_sequence_that_starts_again_or_runs_on_is_clean() -> None:
    assert _sequence("一是甲。二是乙。\n一是丙。二是丁。三是戊。") == []
    assert _sequence("1. 甲\n（1）子\n（2）子\n2. 乙\n（1）子") == []
    assert _sequence("统一是关键，唯一是标准。") == []


@pytest.mark.parametrize("n", [1, 2, 9, 10, 11, 19, 20, 21, 99])
def test_chinese_numerals_both_ways(n: int) -> None:
    assert cn_number(cn_numeral(n)) == n


# --- titles and the 成文日期 ---------------------------------------------------------------------


def test_a_title_one_character_from_the_list_gets_the_listed_one() -> None:
    text = "按照《湖南省安全生产领域轻微违法行为不予行政处罚清单（实行）》的要求"
    ((piece, slip),) = title_slips([text])
    assert (piece, slip.fix) == (0, "湖南省安全生产领域轻微违法行为不予行政处罚清单（试行）")
    assert text[slip.span[0] : slip.span[1]] == "湖南省安全生产领域轻微违法行为不予行政处罚清单（实行）"


def test_a_title_cited_two_ways_in_one_report_is_found_without_a_fix() -> None:
    pieces = ["制定《某某区应急管理局安全生产执法检查工作方案》。", "落实《某某区应急管理局安全生产执法检察工作方案》"]
    ((piece, slip),) = title_slips(pieces)
    assert (piece, slip.fix) == (1, None)
    assert "前文引用的《某某区应急管理局安全生产执法检查工作方案》" in slip.what


def test_titles_never_flagged() -> None:
    # the same title with blanks or half-width brackets; two plans of two years; an abbreviation
    pieces = [
        "《湖南省安全生产行政处罚自由裁量基准(2022 版)》《某某区应急管理局2023年度执法计划》",
        "《某某区应急管理局2024年度执法计划》《安全生产法》《中华人民共和国安全生产法》",
    ]
    assert title_slips(pieces) == []
    assert not near("安全生产法", "安全生产法规")  # too short to tell


def test_the_clerks_list_extends_the_shipped_one() -> None:
    extra = parse_titles("\ufeff# 市局清单\n《某某市应急管理局行政执法公示办法》  # 某应急〔2024〕1号\n\n")
    assert extra == ("某某市应急管理局行政执法公示办法",)
    ((_, slip),) = title_slips(["依照《某某市应急管理局行政执法公式办法》"], extra)
    assert slip.fix == extra[0]
    assert "湖南省安全生产条例" in shipped_titles()


def _text(*bodies: str, sign: date | None = None) -> ReportText:
    sections = tuple(Section(f"s{i}", 1, f"标题{i}", body) for i, body in enumerate(bodies))
    return ReportText("enforcement", "行政执法工作报告", "某县应急管理局", sign, (), sections)


def test_a_signing_date_before_the_report_years_end_is_flagged() -> None:
    assert [f.code for f in proofread_text(_text(sign=date(2024, 12, 20)), 2024)] == ["PROOF_DATE"]
    assert proofread_text(_text(sign=date(2025, 1, 20)), 2024) == []
    assert proofread_text(_text("2025年工作计划：一是加强学习。"), 2024) == []  # later years are plans


def test_a_bodys_finding_puts_its_fix_at_its_span() -> None:
    (finding,) = proofread_text(_text("安全管理人員"), 2024)
    assert (finding.where.section, finding.where.span, finding.fix) == ("s0", (5, 6), "员")  # type: ignore[union-attr]
    assert finding.message == "校对：正文“員”是繁体字：“安全管理人員”，应为“安全管理人员”"


# --- the five published reports ------------------------------------------------------------------

SEEDS = ("000", "001", "002", "003", "004")
# What each seed's text holds besides the blanks around its figures (every one of which is found), in text
# order (the title first):
# (code, the characters flagged, the fix). 000's line break inside 《…》 is joined by the paste (a 《 left
# open at a line's end), so its title is whole and balanced.
EXPECTED = {
    "000": [
        ("PROOF_TRADITIONAL", "員", "员"),
    ],
    "001": [
        ("PROOF_SPACE", "设 ", "设"),  # the title's two lines joined by a blank: 法治建设 工作报告
        (
            "PROOF_TITLE",
            "湖南省安全生产行政处罚自由裁量基准（2022 年版）",
            "湖南省安全生产行政处罚自由裁量基准（2022版）",
        ),
        (
            "PROOF_TITLE",
            "湖南省安全生产领域轻微违法行为不予行政处罚清单（实行）",
            "湖南省安全生产领域轻微违法行为不予行政处罚清单（试行）",
        ),
    ],
    "002": [],
    "003": [],
    "004": [],
}


def seed_report(name: str) -> ReportText:
    pasted = parse_pasted(seed_text(name))
    sections = tuple(Section(f"s{i}", h.level, h.heading, h.body) for i, h in enumerate(pasted.sections))
    return ReportText("enforcement", pasted.title, "", None, (), sections, lead=pasted.lead, closing=pasted.closing)


def _stored(text: ReportText, key: str) -> str:
    return next(s.body for s in text.sections if s.key == key)


def _said(text: ReportText, finding: Finding) -> tuple[str, str, tuple[int, int]]:
    """The piece of text a finding is about, and the span of its slip there."""
    at = finding.where
    assert isinstance(at, TextLocation) and at.span is not None
    if at.part == "body":
        return {LEAD: text.lead, CLOSING: text.closing}.get(at.section) or _stored(text, at.section), "body", at.span
    if at.part == "heading":
        return next(s.heading for s in text.sections if s.key == at.section), "heading", at.span
    return getattr(text, at.part), at.part, at.span


@pytest.mark.parametrize("name", SEEDS)
def test_the_seeds_slips_are_found_and_nothing_else(name: str) -> None:
    text = seed_report(name)
    others = []
    counts: collections.Counter[str] = collections.Counter()
    for f in proofread_text(text, 2024):
        piece, _part, (start, end) = _said(text, f)
        counts[f.code] += 1
        if f.code == "PROOF_SPACE" and re.search(r"\d", piece[start] + piece[end]):  # 2024 年, 178 件, 局 2024
            assert piece[start + 1 : end].strip() == "" and f.fix == piece[start]
        else:
            others.append((f.code, piece[start:end], f.fix))
    assert others == EXPECTED[name]
    # the measurement: findings that are none of the seed's slips (the budget is 0)
    print(name, dict(counts))


def test_the_seeds_blanks_around_figures_are_each_found() -> None:
    text = seed_report("000")
    spaces = [f for f in proofread_text(text, 2024) if f.code == "PROOF_SPACE"]
    body = next(s.body for s in text.sections if "行政许可 178 件" in s.body)
    start = body.index("行政许可 178 件")
    spans = {f.where.span for f in spaces}  # type: ignore[union-attr]
    assert {(start + 3, start + 5), (start + 7, start + 9)} <= spans


def test_a_slip_in_the_title_the_lead_or_a_heading_has_its_place_and_fix() -> None:
    text = ReportText(
        "enforcement",
        "某县应急管理局 2024 年行政执法工作报告",
        "某县应急管理局",
        None,
        (),
        (Section("s1", 1, "2024 年基本情况", "正文。"),),
        lead="2024 年，我局",
    )
    found = {(f.where.section, f.where.part, f.where.span, f.fix) for f in proofread_text(text, 2024)}  # type: ignore[union-attr]
    assert ("", "title", (6, 8), "局") in found
    assert ("s1", "heading", (3, 5), "4") in found
    assert (LEAD, "body", (3, 5), "4") in found


def test_a_number_typed_into_a_numbered_heading_is_found_with_the_heading_without_it() -> None:
    sections = (
        Section("s1", 1, "一、基本情况", "正文。"),
        Section("s2", 1, "（二）不编号的", "正文。", numbered=False),
    )
    text = ReportText("enforcement", "报告", "某县应急管理局", None, (), sections)
    (finding,) = proofread_text(text, 2024)
    assert (finding.where, finding.code) == (TextLocation("s1", "heading", (0, 3)), "PROOF_SEQUENCE")
    heading = "一、基本情况"
    assert heading[:0] + finding.fix + heading[3:] == "基本情况"  # the fix in place of its span
