"""A long title broken in lines (``forms.title.title_lines``, GB/T 9704 7.2.3): between phrases, never
between 年 and 度, and before a year that follows a unit whose name ends in no unit word."""

from __future__ import annotations

from forms.title import title_lines


def test_a_title_is_never_broken_between_the_year_and_its_du():
    assert title_lines("示例省危险化学品2024年度安全生产执法检查报告") == [
        "示例省危险化学品2024年度",
        "安全生产执法检查报告",
    ]


def test_a_title_may_break_before_the_year_after_any_unit_name():
    # 中心 is no unit word (局, 委, …): the break before 2024 is the one that keeps the lines even
    assert title_lines("示例省安全生产应急救援指挥中心2024年行政执法情况报告") == [
        "示例省安全生产应急救援指挥中心",
        "2024年行政执法情况报告",
    ]


def test_a_title_too_long_for_two_lines_takes_three_as_even_as_its_phrases_allow():
    assert title_lines("示例市应急管理局关于2024年度安全生产行政执法工作和法治政府建设工作情况的报告") == [
        "示例市应急管理局关于2024年度",
        "安全生产行政执法工作和",
        "法治政府建设工作情况的报告",
    ]
    assert title_lines("示例市应急管理综合行政执法支队关于2024年度危险化学品安全生产行政执法工作情况的报告") == [
        "示例市应急管理综合行政执法支队",
        "关于2024年度危险化学品安全生产",
        "行政执法工作情况的报告",
    ]


def test_a_title_with_no_phrase_boundary_is_left_to_the_word_processor():
    assert title_lines("某" * 22) == ["某" * 22]
