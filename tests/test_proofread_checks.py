"""校对's checks of one piece of text (forms/proofread.py) at their edges: every slip of a paragraph found,
not only the first; the place of a slip in the third paragraph; the names that keep their traditional
form; what a blank inside 《…》 or between a figure and its unit is; the words of each slip; and a text
mended with a slip that has no fix among those that have one. tests/test_proofread.py has both sides of
each check."""

from __future__ import annotations

from forms.proofread import Slip, fixed, slips


def _found(text: str) -> list[tuple[str, str, str | None]]:
    return [(s.code, text[s.span[0] : s.span[1]], s.fix) for s in slips(text)]


def test_a_word_keeps_its_character_where_the_character_alone_would_change() -> None:
    # 乾 alone is 干, in 乾坤 it stays: the text converts as a whole when the 員 beside it changes
    assert _found("扭转乾坤的人員") == [("PROOF_TRADITIONAL", "員", "员")]
    assert slips("联系人：於志强") == []  # 於, a surname


def test_the_half_width_bracket_is_named() -> None:
    (slip,) = slips("清单(试行)的要求")
    assert (slip.what, slip.fix) == ("半角括号“()”", "（试行）")


def test_every_unbalanced_mark_of_a_paragraph_and_of_the_next_is_found() -> None:
    assert [(s.span, s.what) for s in slips("甲》乙（丙\n丁“戊")] == [
        ((1, 2), "“》”前面缺少“《”"),
        ((3, 4), "“（”没有对应的“）”"),
        ((7, 8), "““”没有对应的“””"),
    ]
    assert [s.span for s in slips("甲\n乙\n《丙")] == [(4, 5)]  # the third paragraph's place


def test_the_first_mark_left_open_is_named() -> None:
    (slip,) = slips("（一（二）")
    assert (slip.span, slip.what) == ((0, 1), "“（”没有对应的“）”")


def test_a_list_number_s_bracket_is_passed_over_and_the_rest_of_the_paragraph_read() -> None:
    (slip,) = slips("1）加强执法（试行")
    assert (slip.span, slip.what) == ((6, 7), "“（”没有对应的“）”")
    # only a bracket: 》 after a paragraph's number is a title broken across paragraphs
    assert [s.what for s in slips("二》等文件")] == ["“》”前面缺少“《”"]


def test_an_aabb_word_is_passed_over_and_a_doubled_character_after_it_found() -> None:
    assert slips("和和美美的家庭") == []
    assert _found("和和美美，我和和他") == [("PROOF_DOUBLED", "和和", "和")]


def test_blanks_after_two_figures_and_inside_a_headline_are_found_still() -> None:
    assert _found("2023 2024 年") == [("PROOF_SPACE", "4 ", "4")]
    assert _found("《2024 年工作要点》") == [("PROOF_SPACE", "4 ", "4")]  # a figure and its unit
    assert _found("《岗位安全 绩效考核》，执法 检查") == [("PROOF_SPACE", "法 ", "法")]
    assert _found("执法\u3000检查") == [("PROOF_SPACE", "法\u3000", "法")]  # five characters: no padded name


def test_a_slip_without_a_fix_is_left_and_the_others_mended() -> None:
    text = "组织编印《安全 生产"
    assert [s.fix for s in slips(text)] == [None, "全"]
    assert fixed(text, slips(text)) == "组织编印《安全生产"


def test_of_two_slips_over_the_same_characters_the_first_is_mended() -> None:
    first, second = Slip("A", (0, 3), "…", "X"), Slip("B", (2, 4), "…", "Y")
    assert fixed("甲乙丙丁戊", [second, first]) == "X丁戊"
