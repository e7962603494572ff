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


def test_a_break_right_after_a_one_character_unit_word_is_still_a_break():
    assert title_lines("县乙丙丁", line_em=3) == ["县", "乙丙丁"]


def test_a_line_may_start_with_a_latin_letter():
    assert title_lines("示例市卫生健康委X射线装置安全管理执法工作报告") == [
        "示例市卫生健康委",
        "X射线装置安全管理执法工作报告",
    ]


def test_a_title_ending_in_a_number_and_its_counter_is_broken_as_usual():
    assert title_lines("示例市应急管理局关于开展行政执法工作情况的报告第2期") == [
        "示例市应急管理局关于开展",
        "行政执法工作情况的报告第2期",
    ]


def test_a_number_is_never_split_from_the_latin_letter_before_it():
    assert title_lines("示例省应急管理厅关于G20峰会期间安全生产执法情况") == [
        "示例省应急管理厅关于",
        "G20峰会期间安全生产执法情况",
    ]


def test_a_year_after_a_unit_named_with_a_latin_letter_may_start_the_second_line():
    assert title_lines("示例省消防救援总队A队2024年行政执法工作情况报告") == [
        "示例省消防救援总队A队",
        "2024年行政执法工作情况报告",
    ]


def test_a_year_after_a_chinese_word_breaks_in_a_title_that_starts_with_latin_letters():
    assert title_lines("5G基站2024年建设", line_em=6) == ["5G基站", "2024年建设"]


def test_a_line_exactly_as_wide_as_the_page_still_fits():
    # 示例省生态环境厅固体废物与化学品管理局 is 19 characters, the whole line
    assert title_lines("示例省生态环境厅固体废物与化学品管理局2024年度行政执法工作情况报告") == [
        "示例省生态环境厅固体废物与化学品管理局",
        "2024年度行政执法工作情况报告",
    ]
    assert title_lines("甲乙局丙丁局戊己", line_em=3) == ["甲乙局", "丙丁局", "戊己"]


def test_of_two_equally_even_splits_the_earlier_break_wins_so_upper_lines_stay_shorter():
    assert title_lines("甲局乙丙丁局戊己", line_em=6) == ["甲局", "乙丙丁局戊己"]
    assert title_lines("甲局局局甲", line_em=2) == ["甲局", "局", "局甲"]
